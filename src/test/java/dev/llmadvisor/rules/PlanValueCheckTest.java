package dev.llmadvisor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.catalogue.CatalogueLoader;
import dev.llmadvisor.catalogue.PlanValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The literals rules compare declared plan fields with, against catalogues/plan-values.yaml. */
class PlanValueCheckTest {
  static final List<PlanValues> DECLARED =
      CatalogueLoader.load(Path.of("catalogues")).planValues().all();

  @Test
  void theShippedRulesCompareOnlyDeclaredValues() {
    assertThat(PlanValueCheck.check(Path.of("rules"), DECLARED)).isEmpty();
  }

  @Test
  void everyFormOfComparisonIsCheckedAndACommentIsNot(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("x.drl"),
        String.join(
            "\n",
            "function boolean prod(String environment) {",
            "  return \"prod\".equals(environment);", // line 2: the equals form
            "}",
            "// environment == \"nowhere\" in a comment is not a comparison",
            "rule \"r\" when",
            "  Workload( task in (\"code\", \"cooking\"), criticality != \"hihg\" )", // line 6
            "  Hardware( interconnect == \"nvlink\" )", // declared: no problem
            "then end",
            ""));
    List<RuleProblem> problems = PlanValueCheck.check(dir, DECLARED);
    assertThat(problems)
        .extracting(RuleProblem::file, RuleProblem::line, RuleProblem::column)
        .containsExactly(
            // "  return " is 9 characters: the literal starts at column 10
            org.assertj.core.groups.Tuple.tuple("rules/x.drl", 2, 10),
            // "  Workload( task in (\"code\", " is 29 characters: "cooking" at 30
            org.assertj.core.groups.Tuple.tuple("rules/x.drl", 6, 30),
            org.assertj.core.groups.Tuple.tuple("rules/x.drl", 6, 57));
    assertThat(problems.get(0).message())
        .isEqualTo(
            "'prod' is not a declared value of environment (catalogues/plan-values.yaml:"
                + " production, staging, research); nearest: production, research, staging");
    assertThat(problems.get(1).message())
        .contains("workload.task")
        .endsWith("nearest: code, reasoning, agent");
    assertThat(problems.get(2).message())
        .contains("workload.criticality")
        .endsWith("nearest: low, critical, standard");
  }
}
