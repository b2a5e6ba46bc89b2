package dev.llmadvisor.strategy;

import dev.llmadvisor.performance.Performance;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.sizing.Sizing;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The report's {@code recommendation} section (PRODUCT §3): the strategy the decision tree chose,
 * why, what it changes in the plan, the recommended plan's own sizing and speed, and the commands
 * that run it.
 *
 * @param fits the recommended plan fits the plan's GPUs (weights, engine memory, one sequence)
 * @param servesWorkload it also holds the workload's concurrent requests
 */
public record RecommendationReport(
    String strategy,
    String name,
    String why,
    String decidedBy,
    List<Change> changes,
    boolean fits,
    boolean servesWorkload,
    DeploymentPlan plan,
    Sizing sizing,
    Performance performance,
    List<Commands.Step> commands) {

  /** One setting the recommendation changes. */
  public record Change(String field, Object from, Object to) {}

  public static RecommendationReport of(Recommendation r, Candidate c, DeploymentPlan evaluated) {
    DeploymentPlan p = c.resolved().plan();
    List<Change> changes = new ArrayList<>();
    change(
        changes,
        "quantization.weights",
        evaluated.quantization().weights(),
        p.quantization().weights());
    change(
        changes,
        "quantization.kvCache",
        evaluated.quantization().kvCache(),
        p.quantization().kvCache());
    change(changes, "engine.name", evaluated.engine().name(), p.engine().name());
    change(changes, "engine.version", evaluated.engine().version(), p.engine().version());
    change(
        changes,
        "engine.gpuMemoryUtilization",
        evaluated.engine().gpuMemoryUtilization(),
        p.engine().gpuMemoryUtilization());
    return new RecommendationReport(
        c.strategyId(),
        c.strategy().name(),
        r.why(),
        r.decidedBy(),
        List.copyOf(changes),
        c.fits(),
        c.servesWorkload(),
        p,
        c.sizing(),
        c.performance(),
        Commands.of(c));
  }

  private static void change(List<Change> changes, String field, Object from, Object to) {
    if (!Objects.equals(from, to)) {
      changes.add(new Change(field, from, to));
    }
  }
}
