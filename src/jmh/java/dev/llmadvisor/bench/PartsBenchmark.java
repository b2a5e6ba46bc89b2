package dev.llmadvisor.bench;

import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.catalogue.Strategy;
import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.evaluation.Ruleset;
import dev.llmadvisor.performance.Performance;
import dev.llmadvisor.performance.Roofline;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.PlanResolver;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.report.Evaluated;
import dev.llmadvisor.report.Rendering;
import dev.llmadvisor.report.ReportFormat;
import dev.llmadvisor.rules.Severity;
import dev.llmadvisor.sizing.Sizing;
import dev.llmadvisor.sizing.SizingModel;
import dev.llmadvisor.strategy.RecommendationSearch;
import dev.llmadvisor.strategy.SearchOutcome;
import dev.llmadvisor.strategy.StrategyPreference;
import dev.llmadvisor.strategy.StrategyProfile;
import dev.llmadvisor.strategy.Verifier;
import java.util.ArrayList;
import java.util.List;
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
 * The parts of one evaluation ({@link EvaluationBenchmark}) on the complete example plan: {@code
 * resolve}, {@code size} (the floor), {@code candidates} (the re-sized variants an evaluation may
 * build: the strategy profiles, and every candidate of the recommendation search, each stopped so
 * that all are built), {@code session} (the rules, with the search's verification sessions) and
 * {@code reportJson} (the report written as JSON).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class PartsBenchmark {
  @Param({"support-assistant.yaml"})
  public String plan;

  private DeploymentPlan parsed;
  private Ruleset ruleset;
  private ResolvedPlan resolved;
  private Sizing sizing;
  private Performance performance;
  private List<Evaluated> report;
  private Rendering how;
  private List<StrategyPreference> everyStrategy;

  @Setup
  public void prepare(Shipped shipped) {
    parsed = Shipped.plan(plan);
    ruleset = shipped.ruleset();
    resolved = PlanResolver.resolve(parsed, ruleset.catalogues());
    sizing = SizingModel.size(resolved);
    performance = Roofline.estimate(resolved, sizing, ruleset.catalogues().roofline());
    report = List.of(new Evaluated(shipped.advisor.evaluate(parsed), plan, null));
    how = new Rendering(ruleset.rules().rules(), Severity.ERROR);
    everyStrategy = new ArrayList<>();
    int rank = 0;
    for (Strategy s : ruleset.catalogues().strategies().all()) {
      everyStrategy.add(new StrategyPreference(s.id(), rank++, "benchmark", "benchmark"));
    }
  }

  @Benchmark
  public ResolvedPlan resolve() {
    return PlanResolver.resolve(parsed, ruleset.catalogues());
  }

  /** The floor: the plan through sizing alone. */
  @Benchmark
  public Sizing size() {
    return SizingModel.size(resolved);
  }

  @Benchmark
  public Object candidates() {
    Catalogues c = ruleset.catalogues();
    List<StrategyProfile> profiles = StrategyProfile.of(resolved, c);
    // Every candidate of every strategy is built and sized: a verifier that stops each one.
    Verifier stopAll = candidate -> new Verifier.Verification(false, List.of("benchmark"));
    SearchOutcome outcome = new RecommendationSearch(resolved, c, stopAll).run(everyStrategy);
    return List.of(profiles, outcome);
  }

  @Benchmark
  public Object session() {
    return Advisor.session(ruleset, resolved, sizing, performance);
  }

  @Benchmark
  public String reportJson() throws Exception {
    return ReportFormat.JSON.render(report, how);
  }
}
