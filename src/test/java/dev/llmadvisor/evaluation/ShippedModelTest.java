package dev.llmadvisor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.report.Report;
import dev.llmadvisor.rules.RuleBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped rules run as the executable model the build compiled (RuleModelGenerator), and an
 * edited rule set is compiled from its DRL: both ways must reach the same report for every example
 * and fixture plan, or the advisor would answer differently once a comment is added to a rule file.
 */
class ShippedModelTest {
  @TempDir static Path edited;

  static Advisor shipped;
  static Advisor compiled;

  @BeforeAll
  static void load() throws IOException {
    shipped = new Advisor(Path.of("rules"), Path.of("catalogues"));
    // The same rules with a comment added: no longer the files the model was built from.
    try (Stream<Path> files = Files.list(Path.of("rules"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
        Files.copy(f, edited.resolve(f.getFileName()));
      }
    }
    Files.writeString(edited.resolve("verdict.drl"), "\n// edited\n", StandardOpenOption.APPEND);
    compiled = new Advisor(edited, Path.of("catalogues"));
  }

  @Test
  void theShippedRulesLoadTheModelAndAnEditCompilesTheDrl() {
    assertThat(shipped.ruleset().rules().shippedModel()).isTrue();
    assertThat(compiled.ruleset().rules().shippedModel()).isFalse();
    assertThat(RuleBase.compile(edited).shippedModel()).isFalse();
    assertThat(compiled.ruleset().rules().rules()).isEqualTo(shipped.ruleset().rules().rules());
  }

  @TestFactory
  Stream<DynamicTest> bothWaysGiveTheSameReport() throws IOException {
    return RecommendationPropertyTest.plans().stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    (String) p[0], () -> same((String) p[0], (DeploymentPlan) p[1])));
  }

  private static void same(String name, DeploymentPlan plan) {
    Report model = shipped.evaluate(plan);
    Report drl = compiled.evaluate(plan);
    // Everything but the decision's id and times and the rule set's hash (the comment changed it).
    assertThat(drl)
        .as(name)
        .usingRecursiveComparison()
        .ignoringFields("decisionId", "evaluatedAt", "ruleset")
        .isEqualTo(model);
    assertThat(drl.ruleset().rules()).as(name).isEqualTo(model.ruleset().rules());
  }
}
