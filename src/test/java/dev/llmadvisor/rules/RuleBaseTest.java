package dev.llmadvisor.rules;

import static dev.llmadvisor.rules.SampleRules.HEADER;
import static dev.llmadvisor.rules.SampleRules.TP_ABOVE_EIGHT;
import static dev.llmadvisor.rules.SampleRules.WIDE_TENSOR_DERIVATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmadvisor.plan.DeploymentPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiling rules from disk: a rule set is whole, or it reports exactly where it is broken. */
class RuleBaseTest {
  @Test
  void theShippedRulesCompileWithTheirMetadata() {
    RuleBase rules = RuleBase.compile(Path.of("rules"));
    assertThat(rules.rules())
        .extracting(RuleInfo::id)
        .contains("SIZING-DOES-NOT-FIT", "VERDICT-REJECTED");
    RuleInfo rule =
        rules.rules().stream()
            .filter(r -> r.id().equals("PARALLELISM-TP-DIVIDES-HEADS"))
            .findFirst()
            .orElseThrow();
    assertThat(rule.severity()).isEqualTo(Severity.BLOCKER);
    assertThat(rule.category()).isEqualTo("parallelism");
    assertThat(rule.source()).isEqualTo("rules/parallelism.drl");
    assertThat(rule.references()).hasSizeGreaterThanOrEqualTo(1);
  }

  @Test
  void metadataReferencesSplitOnSemicolons(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("test.drl"), HEADER + TP_ABOVE_EIGHT);
    RuleInfo rule = RuleBase.compile(dir).rules().get(0);
    assertThat(rule.references()).containsExactly("a", "b");
    assertThat(rule.source()).isEqualTo("rules/test.drl");
    assertThat(rule.kind()).isEqualTo(RuleKind.FINDING);
  }

  @Test
  void eachRuleKnowsTheLineItIsDeclaredOn(@TempDir Path dir) throws IOException {
    // The name also appears in a comment above the rule: only the declaration counts.
    String comment = "// rule \"Tensor parallelism above eight is flagged\" was once an ERROR\n";
    Files.writeString(dir.resolve("test.drl"), HEADER + comment + "\n" + TP_ABOVE_EIGHT);
    RuleInfo rule = RuleBase.compile(dir).rules().get(0);
    assertThat(rule.line()).isEqualTo(6);
    assertThat(rule.location()).isEqualTo("rules/test.drl:6");
  }

  @Test
  void aDerivationRuleNamesTheFactItInserts(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("derived.drl"), HEADER + TP_ABOVE_EIGHT + WIDE_TENSOR_DERIVATION);
    RuleInfo rule =
        RuleBase.compile(dir).rules().stream()
            .filter(r -> r.id().equals("TEST-WIDE"))
            .findFirst()
            .orElseThrow();
    assertThat(rule.kind()).isEqualTo(RuleKind.DERIVATION);
    assertThat(rule.derives()).isEqualTo("WideTensor");
    assertThat(rule.category()).isEqualTo("parallelism");
    assertThat(rule.severity()).isNull();
    assertThat(rule.line()).isEqualTo(16);
  }

  @Test
  void aDerivationRuleWithSeverityOrRemediationOrWithoutItsMetadataIsRejected(@TempDir Path dir)
      throws IOException {
    String judged =
        WIDE_TENSOR_DERIVATION.replace(
            "@reference(\"c\")", "@severity(\"INFO\") @remediation(\"Narrow it.\")");
    Files.writeString(dir.resolve("derived.drl"), HEADER + judged);
    assertThatThrownBy(() -> RuleBase.compile(dir))
        .hasMessageContaining(
            "rules/derived.drl:8: rule \"Wide tensor parallelism is recorded\": @severity does not"
                + " belong on a derivation rule (@derives)")
        .hasMessageContaining("@remediation does not belong on a derivation rule")
        .hasMessageContaining("@reference is missing");
  }

  @Test
  void aDerivationRuleCannotRaiseAFinding(@TempDir Path dir) throws IOException {
    String raising =
        WIDE_TENSOR_DERIVATION.replace(
            "insert(new WideTensor($tp));", "insert(finding(drools, \"too wide\"));");
    Files.writeString(dir.resolve("derived.drl"), HEADER + raising);
    RuleBase rules = RuleBase.compile(dir);
    assertThatThrownBy(
            () ->
                RuleEngine.evaluate(
                    rules, List.of(new DeploymentPlan.Parallelism(16, 1)), List.of()))
        .rootCause()
        .hasMessageContaining(
            "rule \"Wide tensor parallelism is recorded\" is a derivation rule: only finding rules");
  }

  @Test
  void aCompileErrorNamesFileLineAndColumn(@TempDir Path dir) throws IOException {
    // HEADER is 3 lines, so the rule's "Parallelism( tensr > 8 )" is line 3 + 5 = 8, at column 3
    // (two spaces of indent); Drools' own "[Line: 8, Column: 2]" counts from 0 and is left out.
    Files.writeString(
        dir.resolve("broken.drl"), HEADER + TP_ABOVE_EIGHT.replace("tensor > 8", "tensr > 8"));
    assertThatThrownBy(() -> RuleBase.compile(dir))
        .isInstanceOfSatisfying(
            RuleSetException.class,
            e -> {
              assertThat(e.problems())
                  .singleElement()
                  .satisfies(
                      p -> {
                        assertThat(p.file()).isEqualTo("rules/broken.drl");
                        assertThat(p.line()).isEqualTo(8);
                        assertThat(p.column()).isEqualTo(3);
                        assertThat(p.message()).contains("tensr").doesNotContain("Column:");
                      });
              assertThat(e.problems().get(0).toString()).startsWith("rules/broken.drl:8:3: ");
            });
  }

  @Test
  void oneMissingParenthesisIsReportedAloneInTheFileThatHasIt() throws IOException {
    // The shipped rules with one ")" removed from sizing.drl: the declared types of other files
    // and the rules that use them compile, so the only problem is the syntax error itself.
    Path dir = Files.createTempDirectory("rules-broken");
    try (var files = Files.list(Path.of("rules"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    Path sizing = dir.resolve("sizing.drl");
    List<String> lines = Files.readAllLines(sizing);
    int at = lines.indexOf("  $s : Sizing( weightsFit == false )");
    assertThat(at).as("the pattern this test breaks").isPositive();
    lines.set(at, "  $s : Sizing( weightsFit == false");
    Files.write(sizing, lines);
    assertThatThrownBy(() -> RuleBase.compile(dir))
        .isInstanceOfSatisfying(
            RuleSetException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.file()).isEqualTo("rules/sizing.drl");
                          // the parser stops at the next pattern, "  $g : GpuSpec()", one line on
                          assertThat(p.line()).isEqualTo(at + 2);
                          assertThat(p.column()).isEqualTo(3);
                          assertThat(p.message())
                              .startsWith("[ERR 102] mismatched input '$g'")
                              .doesNotContain("Line ");
                        }));
  }

  @Test
  void aRuleWithoutItsMetadataIsRejectedAtItsLine(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("bare.drl"),
        HEADER + TP_ABOVE_EIGHT.replace("@remediation(\"Lower it.\")", ""));
    assertThatThrownBy(() -> RuleBase.compile(dir))
        .hasMessageContaining(
            "rules/bare.drl:4: rule \"Tensor parallelism above eight is flagged\": @remediation is"
                + " missing");
  }

  @Test
  void duplicateIdsAndBadSeveritiesAreRejected(@TempDir Path dir) throws IOException {
    String twin =
        TP_ABOVE_EIGHT.replace("above eight is flagged", "twin").replace("WARNING", "SEVERE");
    Files.writeString(dir.resolve("dup.drl"), HEADER + TP_ABOVE_EIGHT + twin);
    assertThatThrownBy(() -> RuleBase.compile(dir))
        .hasMessageContaining("@id(\"TEST-TP\") is also the id of rule")
        .hasMessageContaining("@severity(\"SEVERE\") must be one of BLOCKER, ERROR, WARNING, INFO");
  }

  @Test
  void waivableIsTrueOrFalseAndOnlyOnFindingRules(@TempDir Path dir) throws IOException {
    String off =
        TP_ABOVE_EIGHT.replace("@reference(\"a; b\")", "@reference(\"a; b\") @waivable(false)");
    Files.writeString(dir.resolve("ok.drl"), HEADER + off);
    assertThat(RuleBase.compile(dir).rules())
        .singleElement()
        .extracting(RuleInfo::waivable)
        .isEqualTo(false);
    Files.writeString(dir.resolve("ok.drl"), HEADER + TP_ABOVE_EIGHT);
    assertThat(RuleBase.compile(dir).rules())
        .singleElement()
        .extracting(RuleInfo::waivable)
        .isEqualTo(true);
    Files.writeString(
        dir.resolve("ok.drl"),
        HEADER
            + TP_ABOVE_EIGHT.replace(
                "@reference(\"a; b\")", "@reference(\"a; b\") @waivable(\"maybe\")"));
    assertThatThrownBy(() -> RuleBase.compile(dir))
        .hasMessageContaining("@waivable(maybe) must be true or false");
  }

  @Test
  void aDirectoryWithoutRulesIsRejected(@TempDir Path dir) {
    assertThatThrownBy(() -> RuleBase.compile(dir)).hasMessageContaining("no .drl files");
  }
}
