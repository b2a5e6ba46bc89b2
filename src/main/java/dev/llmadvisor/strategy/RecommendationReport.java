package dev.llmadvisor.strategy;

import dev.llmadvisor.performance.Performance;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.sizing.Sizing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The report's {@code recommendation} section (docs/decision-tree.md, "The report's recommendation
 * section"): the decision tree's preferred plan among those that pass every BLOCKER and ERROR rule,
 * why, what it changes in the plan, its own sizing and speed, the commands that run it, and every
 * candidate the search tried with what stopped it. When no candidate passes on the plan's GPUs,
 * {@code passes} is false, {@code stoppedBy} names the rules that stopped each strategy, and there
 * is no plan and no command.
 *
 * @param passes the recommended plan, posted back, draws no BLOCKER or ERROR
 * @param fits the recommended plan fits the plan's GPUs (weights, engine memory, one sequence)
 * @param servesWorkload it also holds the workload's concurrent requests
 * @param stoppedBy for each strategy of the tree's order, the rules that stopped its candidates
 * @param tried every candidate tried, in order, the recommended one last
 */
public record RecommendationReport(
    boolean passes,
    String strategy,
    String name,
    String why,
    String decidedBy,
    List<Change> changes,
    Boolean fits,
    Boolean servesWorkload,
    DeploymentPlan plan,
    Sizing sizing,
    Performance performance,
    List<Commands.Step> commands,
    Map<String, List<String>> stoppedBy,
    List<Tried> tried) {

  /** One setting the recommendation changes. */
  public record Change(String field, Object from, Object to) {}

  /** One candidate the search tried. */
  public record Tried(
      String strategy,
      String engine,
      Candidate.EngineSettings engineSettings,
      String kvCache,
      int tensor,
      int pipeline,
      boolean passes,
      List<String> stoppedBy,
      String problem) {
    static Tried of(Candidate c) {
      return new Tried(
          c.strategyId(),
          c.engine(),
          c.engineSettings(),
          c.kvCache(),
          c.tensor(),
          c.pipeline(),
          c.passes(),
          c.stoppedBy(),
          c.problem());
    }
  }

  /**
   * @param r the rules' recommendation; null when no candidate passes
   */
  public static RecommendationReport of(
      SearchOutcome outcome, Recommendation r, String noneWhy, DeploymentPlan evaluated) {
    List<Tried> tried = outcome.tried().stream().map(Tried::of).toList();
    if (r == null) {
      return new RecommendationReport(
          false,
          null,
          null,
          noneWhy,
          null,
          List.of(),
          null,
          null,
          null,
          null,
          null,
          List.of(),
          outcome.stoppedBy(),
          tried);
    }
    Candidate c = r.candidate();
    DeploymentPlan p = c.plan();
    return new RecommendationReport(
        true,
        c.strategyId(),
        c.strategy().name(),
        r.why(),
        r.decidedBy(),
        changes(evaluated, p),
        r.fits(),
        r.servesWorkload(),
        p,
        c.sizing(),
        c.performance(),
        Commands.of(c),
        null,
        tried);
  }

  private static List<Change> changes(DeploymentPlan from, DeploymentPlan to) {
    List<Change> changes = new ArrayList<>();
    change(
        changes,
        "quantization.weights",
        from.quantization().weights(),
        to.quantization().weights());
    change(
        changes,
        "quantization.kvCache",
        from.quantization().kvCache(),
        to.quantization().kvCache());
    change(changes, "engine.name", from.engine().name(), to.engine().name());
    change(changes, "engine.version", from.engine().version(), to.engine().version());
    change(
        changes,
        "engine.gpuMemoryUtilization",
        from.engine().gpuMemoryUtilization(),
        to.engine().gpuMemoryUtilization());
    change(changes, "parallelism.tensor", from.parallelism().tensor(), to.parallelism().tensor());
    change(
        changes,
        "parallelism.pipeline",
        from.parallelism().pipeline(),
        to.parallelism().pipeline());
    return List.copyOf(changes);
  }

  private static void change(List<Change> changes, String field, Object from, Object to) {
    if (!Objects.equals(from, to)) {
      changes.add(new Change(field, from, to));
    }
  }
}
