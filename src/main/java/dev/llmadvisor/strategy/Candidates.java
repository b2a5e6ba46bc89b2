package dev.llmadvisor.strategy;

import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.catalogue.Strategy;
import dev.llmadvisor.performance.Performance;
import dev.llmadvisor.performance.Roofline;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.DeploymentPlan.Engine;
import dev.llmadvisor.plan.DeploymentPlan.Model;
import dev.llmadvisor.plan.DeploymentPlan.Quantization;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.plan.PlanResolver;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.sizing.Sizing;
import dev.llmadvisor.sizing.SizingModel;
import java.util.List;

/**
 * Sizes every catalogued strategy on the plan's hardware: the same model, GPUs, parallelism,
 * context and workload, with the strategy's weights, KV cache and (when the plan's engine does not
 * serve it) the strategy's first engine at its defaults.
 */
public final class Candidates {
  private Candidates() {}

  public static List<Candidate> of(ResolvedPlan r, Catalogues catalogues) {
    return catalogues.strategies().all().stream().map(s -> candidate(r, s, catalogues)).toList();
  }

  static Candidate candidate(ResolvedPlan r, Strategy s, Catalogues catalogues) {
    try {
      ResolvedPlan c = variant(r, s.weights(), s.kvCache(), s.engines(), catalogues);
      Sizing sizing = SizingModel.size(c);
      Performance performance = Roofline.estimate(c, sizing, catalogues.roofline());
      return new Candidate(
          s.id(),
          s,
          c,
          sizing,
          performance,
          sizing.weightsFit() && sizing.fitsOneSequence(),
          sizing.weightsFit()
              && sizing.concurrentSequencesAtWorkload() >= c.plan().workload().concurrentRequests(),
          null);
    } catch (InvalidPlanException e) {
      return new Candidate(s.id(), s, null, null, null, false, false, e.getMessage());
    }
  }

  /**
   * The plan resolved again with other formats, on the same GPUs and parallelism. The plan's engine
   * is kept, with its settings, if it is one of {@code engines}; else the first of them serves at
   * its defaults.
   *
   * @throws InvalidPlanException when the variant is not a valid plan
   */
  public static ResolvedPlan variant(
      ResolvedPlan r, String weights, String kvCache, List<String> engines, Catalogues catalogues) {
    DeploymentPlan p = r.plan();
    String engine = engines.contains(p.engine().name()) ? p.engine().name() : engines.get(0);
    Engine e =
        engine.equals(p.engine().name())
            ? p.engine()
            : new Engine(engine, null, null, p.engine().maxModelLen(), null, null, null, null);
    // A catalogued model is named by id only: its resolved architecture would make it "custom".
    boolean catalogued = !"custom".equals(r.model().family());
    Model m =
        new Model(
            p.model().id(),
            catalogued ? null : p.model().architecture(),
            p.model().licence(),
            p.model().mergedFrom());
    DeploymentPlan variant =
        new DeploymentPlan(
            p.name(),
            p.environment(),
            m,
            new Quantization(weights, kvCache),
            e,
            p.hardware(),
            p.parallelism(),
            p.workload(),
            p.usage(),
            p.slo(),
            p.observed(),
            p.monitoring());
    return PlanResolver.resolve(variant, catalogues);
  }
}
