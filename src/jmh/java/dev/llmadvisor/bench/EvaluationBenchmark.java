package dev.llmadvisor.bench;

import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.PlanResolver;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.report.Report;
import dev.llmadvisor.sizing.Sizing;
import dev.llmadvisor.sizing.SizingModel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One evaluation with the shipped ruleset on four example plans ({@code evaluate}: what {@code POST
 * /api/v1/evaluations} and {@code advisor check} call, without HTTP and the decision log), and in
 * the same run its floor, the same plan through sizing alone ({@code size}). Sample time: JMH
 * prints p50, p90, p99 per benchmark. The parts of an evaluation: {@link PartsBenchmark}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class EvaluationBenchmark {
  @Param({
    "support-assistant.yaml",
    "llama-70b-fp8-one-h100.yaml",
    "qwen-72b-awq-two-l40s.yaml",
    "merge-of-merges.yaml"
  })
  public String plan;

  private DeploymentPlan parsed;
  private ResolvedPlan resolved;

  @Setup
  public void prepare(Shipped shipped) {
    parsed = Shipped.plan(plan);
    resolved = PlanResolver.resolve(parsed, shipped.ruleset().catalogues());
  }

  /**
   * The shipped rules as the executable model the build compiled ({@code model}), or compiled from
   * their DRL as an edited rule set is ({@code drl}): the same rules, both ways, in the same run. A
   * state of its own, so that only {@code evaluate} runs once per kind, not the sizing floor.
   */
  @State(Scope.Thread)
  public static class Rules {
    @Param({Shipped.MODEL, Shipped.DRL})
    public String rules;

    private Advisor advisor;

    @Setup
    public void load() {
      advisor = Shipped.advisor(rules);
    }
  }

  @Benchmark
  public Report evaluate(Rules rules) {
    return rules.advisor.evaluate(parsed);
  }

  /** The floor: the plan through sizing alone. */
  @Benchmark
  public Sizing size() {
    return SizingModel.size(resolved);
  }
}
