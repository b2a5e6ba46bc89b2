package dev.llmadvisor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/rules.md} is what {@link RulesDoc} renders from {@code rules/}, or the build fails.
 * Run with {@code -Dadvisor.update-rules-doc=true} it rewrites the file first.
 */
class RulesDocTest {
  static final Path DOC = Path.of("docs/rules.md");

  static final RuleInfo SIZING =
      new RuleInfo(
          "SIZING-X",
          "The weights do not fit",
          RuleKind.FINDING,
          Severity.BLOCKER,
          "sizing",
          "Use a GPU with more memory | or quantize:\n see <engine>.",
          List.of("a", "b"),
          "hardware.gpu",
          null,
          null,
          "rules/sizing.drl",
          16,
          false);
  static final RuleInfo VERDICT =
      new RuleInfo(
          "VERDICT-R",
          "Rejected",
          RuleKind.VERDICT,
          null,
          null,
          null,
          List.of(),
          null,
          Verdict.REJECTED,
          null,
          "rules/verdict.drl",
          9,
          false);
  static final RuleInfo DERIVED =
      new RuleInfo(
          "LICENCE-INHERITED",
          "A merge inherits its components' restrictions",
          RuleKind.DERIVATION,
          null,
          "licence",
          null,
          List.of("guide §6"),
          null,
          null,
          "LicenceRestriction",
          "rules/licensing.drl",
          30,
          false);

  @Test
  void docsRulesMdIsCurrent() throws IOException {
    String rendered = RulesDoc.render(RuleBase.compile(Path.of("rules")).rules());
    if (Boolean.getBoolean("advisor.update-rules-doc")) {
      Files.writeString(DOC, rendered);
    }
    String written = Files.exists(DOC) ? Files.readString(DOC) : "";
    if (!written.equals(rendered)) {
      fail(
          DOC
              + " is stale: "
              + firstDifference(written, rendered)
              + "\nRegenerate it from the rules with:\n  "
              + RulesDoc.REGENERATE);
    }
  }

  @Test
  void findingRulesAreTabledByCategoryWithALinkToTheirLine() {
    String md = RulesDoc.render(List.of(SIZING, VERDICT, DERIVED));
    assertThat(md)
        .contains(RulesDoc.REGENERATE)
        .contains("3 rules: 1 finding, 1 verdict, 1 derivation.")
        .contains(
            "### sizing\n\n"
                + "| id | severity | waivable | rule | remediation | references | declared in |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n"
                + "| `SIZING-X` | BLOCKER | **no** | The weights do not fit"
                + " | Use a GPU with more memory \\| or quantize: see &lt;engine>. | a; b"
                + " | [rules/sizing.drl](../rules/sizing.drl) |\n");
  }

  @Test
  void verdictAndDerivationRulesHaveTheirOwnSections() {
    String md = RulesDoc.render(List.of(SIZING, VERDICT, DERIVED));
    assertThat(md)
        .contains(
            "| `VERDICT-R` | REJECTED | Rejected | [rules/verdict.drl](../rules/verdict.drl) |")
        .contains(
            "| `LICENCE-INHERITED` | `LicenceRestriction` | licence"
                + " | A merge inherits its components' restrictions | guide §6"
                + " | [rules/licensing.drl](../rules/licensing.drl) |");
    assertThat(md).doesNotContain("### licence");
    assertThat(md.indexOf("## Verdict rules")).isLessThan(md.indexOf("## Derivation rules"));
    assertThat(RulesDoc.render(List.of(SIZING)))
        .contains("## Derivation rules\n\n")
        .contains("None.");
  }

  @Test
  void theTextDoesNotDependOnTheOrderRulesComeIn() {
    assertThat(RulesDoc.render(List.of(VERDICT, DERIVED, SIZING)))
        .isEqualTo(RulesDoc.render(List.of(SIZING, VERDICT, DERIVED)));
  }

  private static String firstDifference(String written, String rendered) {
    String[] a = written.split("\n", -1);
    String[] b = rendered.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "<end of file>";
      String y = i < b.length ? b[i] : "<end of file>";
      if (!x.equals(y)) {
        return "line " + (i + 1) + " reads\n  " + x + "\nwhere the rules give\n  " + y;
      }
    }
    return "line endings differ";
  }
}
