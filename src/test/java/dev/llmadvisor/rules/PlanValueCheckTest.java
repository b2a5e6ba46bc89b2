package dev.llmadvisor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
    assertThat(PlanValueCheck.check(RuleBase.read(Path.of("rules")), DECLARED)).isEmpty();
  }

  @Test
  void everyFormOfComparisonIsCheckedAndACommentIsNot(@TempDir Path dir) throws IOException {
    List<RuleProblem> problems =
        problems(
            dir,
            "x.drl",
            "function boolean prod(String environment) {",
            "  return \"prod\".equals(environment);", // line 2: the equals form
            "}",
            "// environment == \"nowhere\" in a comment is not a comparison",
            "rule \"r\" when",
            "  Workload( task in (\"code\", \"cooking\"), criticality != \"hihg\" )", // line 6
            "  Hardware( interconnect == \"nvlink\" )", // declared: no problem
            "then end");
    assertThat(problems)
        .extracting(RuleProblem::file, RuleProblem::line, RuleProblem::column)
        .containsExactly(
            // "  return " is 9 characters: the literal starts at column 10
            tuple("rules/x.drl", 2, 10),
            // "  Workload( task in (\"code\", " is 29 characters: "cooking" at 30
            tuple("rules/x.drl", 6, 30),
            tuple("rules/x.drl", 6, 57));
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

  @Test
  void aVariableBoundToAFieldIsCheckedWhereTheRuleComparesIt(@TempDir Path dir) throws IOException {
    List<RuleProblem> problems =
        problems(
            dir,
            "y.drl",
            "rule \"a\" when",
            "  DeploymentPlan( $env : environment )",
            "  Workload( $t : task, $c : criticality )",
            "  eval( $env == \"prodution\" || \"cod\".equals($t) )", // line 4: both through $vars
            "  Hardware( interconnect != \"pcie\" )", // declared: no problem
            "then end",
            "rule \"b\" when",
            // Rule b binds nothing: its $env is another rule's name, not a field of this rule.
            "  eval( $env == \"anything\" )",
            "  Workload( $task : task ) Gpu( $task.equals(\"h100\") )", // not a comparison form
            "  Workload( $kind : task ) eval( $kind in (\"chat\", \"chitchat\") )", // line 10
            "then end");
    assertThat(problems)
        .extracting(RuleProblem::file, RuleProblem::line, RuleProblem::column)
        .containsExactly(
            // "  eval( $env == " is 16 characters: "prodution" at 17; "cod" after
            // "  eval( $env == \"prodution\" || " (31 characters) at 32
            tuple("rules/y.drl", 4, 17),
            tuple("rules/y.drl", 4, 32),
            // "  Workload( $kind : task ) eval( $kind in (\"chat\", " is 51 characters
            tuple("rules/y.drl", 10, 52));
    assertThat(problems.get(0).message())
        .contains("of environment")
        .endsWith("nearest: production, research, staging");
    assertThat(problems.get(1).message()).contains("of workload.task");
    assertThat(problems.get(2).message()).contains("'chitchat'").contains("of workload.task");
  }

  /** The problems of one rule file of {@code lines} written into {@code dir}. */
  static List<RuleProblem> problems(Path dir, String file, String... lines) throws IOException {
    Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n");
    return PlanValueCheck.check(RuleBase.read(dir), DECLARED);
  }
}
