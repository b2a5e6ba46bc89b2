package dev.llmadvisor.evaluation;

import static dev.llmadvisor.strategy.Candidate.EngineSettings.PLAN;
import static dev.llmadvisor.strategy.Candidate.EngineSettings.RELEASE_DEFAULTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.fixtures.Fixtures;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.report.Report;
import dev.llmadvisor.rules.Finding;
import dev.llmadvisor.rules.Severity;
import dev.llmadvisor.strategy.RecommendationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The advisor never contradicts itself about what it recommends: for every example and every
 * fixture plan, the recommended plan, posted back as JSON (as a client would post it), draws no
 * BLOCKER or ERROR, gets the same sizing and speed the recommendation showed, and is its own
 * recommendation. When nothing passes, there is no plan and no command, and every strategy tried
 * names what stopped it.
 */
class RecommendationPropertyTest {
  static final ObjectMapper JSON =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  static Advisor advisor;

  @BeforeAll
  static void load() {
    advisor = new Advisor(Path.of("rules"), Path.of("catalogues"));
  }

  /** Every plan of examples/ and rules/tests/, named by its file. */
  static List<Object[]> plans() throws IOException {
    List<Object[]> plans = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      for (Path f : files.sorted().toList()) {
        PlanReader.Format format =
            f.toString().endsWith(".json") ? PlanReader.Format.JSON : PlanReader.Format.YAML;
        plans.add(new Object[] {f.toString(), PlanReader.read(Files.readString(f), format)});
      }
    }
    for (Path f : Fixtures.files(Path.of("rules/tests"))) {
      plans.add(
          new Object[] {
            f.toString(),
            PlanReader.read(Fixtures.planYaml(Fixtures.read(f)), PlanReader.Format.YAML)
          });
    }
    return plans;
  }

  @TestFactory
  Stream<DynamicTest> theRecommendedPlanPostedBackPassesWithTheSameFigures() throws IOException {
    return plans().stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    (String) p[0], () -> postedBack((String) p[0], (DeploymentPlan) p[1])));
  }

  static void postedBack(String name, DeploymentPlan plan) {
    RecommendationReport rec = advisor.evaluate(plan).recommendation();
    if (rec == null) {
      return; // the tree has no branch for this GPU: nothing is searched
    }
    if (!rec.passes()) {
      assertThat(rec.plan()).as(name).isNull();
      assertThat(rec.commands()).as(name).isEmpty();
      assertThat(rec.stoppedBy())
          .as(name)
          .isNotEmpty()
          .allSatisfy((s, ids) -> assertThat(ids).isNotEmpty());
      assertThat(rec.tried()).as(name).isNotEmpty().noneMatch(RecommendationReport.Tried::passes);
      return;
    }
    Report again = advisor.evaluate(repost(rec.plan()));
    assertThat(again.findings())
        .as(name + ": the recommended plan, posted back")
        .filteredOn(f -> f.severity() == Severity.BLOCKER || f.severity() == Severity.ERROR)
        .extracting(Finding::ruleId)
        .isEmpty();
    assertThat(again.sizing()).as(name).isEqualTo(rec.sizing());
    assertThat(again.performance()).as(name).isEqualTo(rec.performance());
    assertThat(rec.commands()).as(name).isNotEmpty();
    assertThat(again.recommendation().plan())
        .as(name + ": the recommended plan is its own recommendation")
        .isEqualTo(rec.plan());
  }

  @Test
  void aPlanStoppedByItsOwnEngineSettingsIsRecommendedItsEngineRebuilt() throws IOException {
    Path fixture = Path.of("rules/tests/engines/trtllm-default-input-len-recommended-rebuilt.yaml");
    DeploymentPlan plan =
        PlanReader.read(Fixtures.planYaml(Fixtures.read(fixture)), PlanReader.Format.YAML);

    RecommendationReport rec = advisor.evaluate(plan).recommendation();

    // The plan's engine as the plan sets it (default --max_input_len 1,024 < 2,000-token prompts)
    // is stopped; the same engine at its release defaults, built for maxModelLen 4,096, passes.
    assertThat(rec.tried())
        .extracting(
            RecommendationReport.Tried::engine,
            RecommendationReport.Tried::engineSettings,
            RecommendationReport.Tried::stoppedBy)
        .startsWith(
            tuple("tensorrt-llm", PLAN, List.of("ENGINE-TRTLLM-MAX-INPUT-LEN")),
            tuple("tensorrt-llm", RELEASE_DEFAULTS, List.of()));
    assertThat(rec.plan().engine().name()).isEqualTo("tensorrt-llm");
    assertThat(rec.plan().engine().maxInputLen()).isEqualTo(4096);
    postedBack(fixture.toString(), plan);
  }

  /** The plan as a client posts it back: the report's JSON, read by the strict plan reader. */
  static DeploymentPlan repost(DeploymentPlan plan) {
    try {
      return PlanReader.read(JSON.writeValueAsString(plan), PlanReader.Format.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
