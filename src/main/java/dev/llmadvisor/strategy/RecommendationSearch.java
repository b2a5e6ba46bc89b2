package dev.llmadvisor.strategy;

import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.catalogue.EngineSpec;
import dev.llmadvisor.catalogue.Strategy;
import dev.llmadvisor.performance.Performance;
import dev.llmadvisor.performance.Roofline;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.DeploymentPlan.Engine;
import dev.llmadvisor.plan.DeploymentPlan.Parallelism;
import dev.llmadvisor.plan.DeploymentPlan.Quantization;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.plan.PlanResolver;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.sizing.Sizing;
import dev.llmadvisor.sizing.SizingModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Searches the plan's own GPUs for the decision tree's preferred plan that passes every BLOCKER and
 * ERROR rule. The rules give the order of strategies ({@link StrategyPreference}); for each
 * strategy the search tries its KV-cache dtype and then the engine's default one, each engine that
 * serves the strategy (the plan's first), each tensor × pipeline layout on the plan's nodes (the
 * plan's own first, then fewer GPUs per replica first, more tensor than pipeline parallelism
 * first), and the engine's settings: the plan's own for the plan's engine, then — when they are
 * what stops it, say a TensorRT-LLM engine built for shorter prompts — its current release at its
 * defaults, built for the plan, as every other engine is tried. Every candidate is verified by the
 * same ruleset ({@link Verifier}); the first that passes is the recommendation. The search decides
 * nothing itself: which strategy comes first, and what stops a candidate, are the rules'.
 */
public final class RecommendationSearch {
  /** The KV-cache dtype tried when the strategy's own is stopped: the engine's default. */
  static final String FALLBACK_KV_CACHE = "auto";

  private final ResolvedPlan plan;
  private final Catalogues catalogues;
  private final Verifier verifier;

  public RecommendationSearch(ResolvedPlan plan, Catalogues catalogues, Verifier verifier) {
    this.plan = plan;
    this.catalogues = catalogues;
    this.verifier = verifier;
  }

  /** Tries the candidates in the tree's order and stops at the first that passes. */
  public SearchOutcome run(List<StrategyPreference> preferences) {
    List<StrategyPreference> order =
        preferences.stream()
            .sorted(
                Comparator.comparingInt(StrategyPreference::rank)
                    .thenComparing(StrategyPreference::strategyId))
            .toList();
    List<Candidate> tried = new ArrayList<>();
    for (StrategyPreference step : order) {
      Strategy s = catalogues.strategies().get(step.strategyId());
      for (String kv : kvCaches(s)) {
        for (String engine : engines(s)) {
          List<Engine> settingsTried = engineSettings(engine);
          for (int[] layout : layouts(plan)) {
            for (Engine settings : settingsTried) {
              Candidate c = candidate(s, settings, kv, layout[0], layout[1]);
              if (c.problem() == null) {
                c = c.verified(verifier.verify(c).stoppedBy());
              }
              tried.add(c);
              if (c.passes()) {
                return new SearchOutcome(order, List.copyOf(tried), c, step);
              }
            }
          }
        }
      }
    }
    return new SearchOutcome(order, List.copyOf(tried), null, null);
  }

  static List<String> kvCaches(Strategy s) {
    return List.copyOf(new LinkedHashSet<>(List.of(s.kvCache(), FALLBACK_KV_CACHE)));
  }

  /** The strategy's engines, the plan's own first when it is one of them. */
  List<String> engines(Strategy s) {
    Set<String> engines = new LinkedHashSet<>();
    if (s.engines().contains(plan.engine().id())) {
      engines.add(plan.engine().id());
    }
    engines.addAll(s.engines());
    return List.copyOf(engines);
  }

  /**
   * Tensor × pipeline layouts on the plan's GPUs: the plan's own, then every layout whose GPUs per
   * replica divide the plan's GPUs, fewer GPUs per replica first (more replicas, less traffic), and
   * for the same count more tensor parallelism first, tensor parallelism inside a node.
   */
  static List<int[]> layouts(ResolvedPlan r) {
    int perNode = r.plan().hardware().gpusPerNode();
    int total = r.totalGpus();
    List<int[]> layouts = new ArrayList<>();
    layouts.add(new int[] {r.tensor(), r.pipeline()});
    for (int n = 1; n <= total; n++) {
      if (total % n != 0) {
        continue;
      }
      for (int tp = Math.min(n, perNode); tp >= 1; tp--) {
        if (n % tp == 0 && !(tp == r.tensor() && n / tp == r.pipeline())) {
          layouts.add(new int[] {tp, n / tp});
        }
      }
    }
    return layouts;
  }

  /**
   * The settings an engine is tried with: for the plan's engine, the plan's own and then, when they
   * differ, the release defaults; for any other engine, the release defaults. Without the second, a
   * plan whose own engine settings are what a rule stops could be recommended another engine, while
   * that recommendation, posted back, would be recommended the plan's engine rebuilt.
   */
  List<Engine> engineSettings(String id) {
    Engine defaults = releaseDefaults(id);
    Engine own = plan.plan().engine();
    if (!id.equals(own.name())) {
      return List.of(defaults);
    }
    return own.equals(defaults) ? List.of(own) : List.of(own, defaults);
  }

  /**
   * An engine at its current release's defaults and the plan's context. An engine built ahead of
   * time (its release has build limits) is built for the plan: inputs up to maxModelLen, a batch of
   * at least the workload's concurrent requests.
   */
  private Engine releaseDefaults(String id) {
    DeploymentPlan p = plan.plan();
    EngineSpec spec = catalogues.engines().get(id);
    EngineSpec.Defaults d = spec.releaseFor(spec.defaultVersion()).defaults();
    int maxModelLen = p.engine().maxModelLen();
    Integer maxBatchSize =
        d.maxBatchSize() == null
            ? null
            : Math.max(d.maxBatchSize(), p.workload().concurrentRequests());
    Integer maxInputLen = d.maxInputLen() == null ? null : maxModelLen;
    return new Engine(
        id, null, null, maxModelLen, null, null, maxBatchSize, maxInputLen, null, null);
  }

  Candidate candidate(Strategy s, Engine e, String kv, int tp, int pp) {
    DeploymentPlan p = plan.plan();
    String engine = e.name();
    Candidate.EngineSettings settings =
        e.equals(p.engine())
            ? Candidate.EngineSettings.PLAN
            : Candidate.EngineSettings.RELEASE_DEFAULTS;
    // Observed figures describe the deployment as it runs now, not the recommended one.
    DeploymentPlan variant =
        p.variant(new Quantization(s.weights(), kv), e, new Parallelism(tp, pp), null);
    try {
      ResolvedPlan resolved = PlanResolver.resolve(variant, catalogues);
      Sizing sizing = SizingModel.size(resolved);
      Performance performance = Roofline.estimate(resolved, sizing, catalogues.roofline());
      return new Candidate(
          s,
          engine,
          settings,
          kv,
          tp,
          pp,
          resolved.plan(),
          resolved,
          sizing,
          performance,
          List.of(),
          null);
    } catch (InvalidPlanException ex) {
      return new Candidate(
          s, engine, settings, kv, tp, pp, variant, null, null, null, List.of(), ex.getMessage());
    }
  }
}
