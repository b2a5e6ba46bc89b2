package dev.llmadvisor.strategy;

import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.catalogue.Strategy;
import dev.llmadvisor.performance.Performance;
import dev.llmadvisor.performance.Roofline;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.plan.PlanResolver;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.sizing.Sizing;
import dev.llmadvisor.sizing.SizingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A running deployment as it would be under one strategy of the tree, on its own engine, GPUs and
 * layout: what the SLI rules show a plan with observed figures ("the INT4 profile predicts …").
 * Unlike a {@link Candidate}, it is only sized, not verified.
 */
public record StrategyProfile(
    String strategyId, Strategy strategy, Sizing sizing, Performance performance) {

  /**
   * One profile per strategy the plan can be re-resolved under; none when the plan has no observed
   * figures, since only those are compared with them.
   */
  public static List<StrategyProfile> of(ResolvedPlan r, Catalogues catalogues) {
    DeploymentPlan p = r.plan();
    List<StrategyProfile> profiles = new ArrayList<>();
    if (p.observed() == null) {
      return profiles;
    }
    for (Strategy s : catalogues.strategies().all()) {
      try {
        ResolvedPlan v =
            PlanResolver.resolve(
                p.variant(
                    new DeploymentPlan.Quantization(s.weights(), s.kvCache()),
                    p.engine(),
                    p.parallelism(),
                    p.observed()),
                catalogues);
        Sizing sizing = SizingModel.size(v);
        profiles.add(
            new StrategyProfile(
                s.id(), s, sizing, Roofline.estimate(v, sizing, catalogues.roofline())));
      } catch (InvalidPlanException e) {
        // A strategy the plan cannot be resolved under has no profile.
      }
    }
    return profiles;
  }
}
