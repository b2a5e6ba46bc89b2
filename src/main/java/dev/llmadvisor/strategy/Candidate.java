package dev.llmadvisor.strategy;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.llmadvisor.catalogue.Strategy;
import dev.llmadvisor.performance.Performance;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.sizing.Sizing;
import java.util.List;

/**
 * A plan the search tried: one strategy of the decision tree on the plan's own GPUs, with an
 * engine, a KV-cache dtype and a tensor × pipeline layout, sized and then verified by the ruleset.
 *
 * @param engineSettings the plan's own engine settings, or the engine's release defaults
 * @param plan the plan as a user would post it (what {@code recommendation.plan} shows)
 * @param resolved that plan resolved; null when it is not a valid plan ({@code problem} says why)
 * @param stoppedBy ids of the BLOCKER and ERROR rules it draws; empty when it passes
 */
public record Candidate(
    Strategy strategy,
    String engine,
    EngineSettings engineSettings,
    String kvCache,
    int tensor,
    int pipeline,
    DeploymentPlan plan,
    ResolvedPlan resolved,
    Sizing sizing,
    Performance performance,
    List<String> stoppedBy,
    String problem) {

  /** Which engine settings a candidate runs with. */
  public enum EngineSettings {
    /** The plan's own engine, as the plan sets it. */
    PLAN("plan"),
    /** The engine's current release at its defaults, built for the plan where it is built. */
    RELEASE_DEFAULTS("release-defaults");

    private final String label;

    EngineSettings(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }
  }

  public String strategyId() {
    return strategy.id();
  }

  public boolean passes() {
    return problem == null && stoppedBy.isEmpty();
  }

  /** The candidate with the verification's outcome. */
  Candidate verified(List<String> rules) {
    return new Candidate(
        strategy,
        engine,
        engineSettings,
        kvCache,
        tensor,
        pipeline,
        plan,
        resolved,
        sizing,
        performance,
        List.copyOf(rules),
        problem);
  }

  /** {@code fp8-w8a8 on vllm, KV fp8, TP 2 × PP 1}: how the report names a candidate. */
  public String label() {
    return strategy.id()
        + " on "
        + engine
        + ", KV "
        + kvCache
        + ", TP "
        + tensor
        + " × PP "
        + pipeline;
  }
}
