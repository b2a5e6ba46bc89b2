package dev.llmadvisor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.llmadvisor.catalogue.CatalogueLoader;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.performance.Roofline;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.plan.PlanResolver;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.sizing.Sizing;
import dev.llmadvisor.sizing.SizingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/authoring.md}'s table of the facts a rule sees is what {@link RuleFacts#markdown()}
 * renders, or the build fails; run with {@code -Dadvisor.update-facts-doc=true} it rewrites the
 * table first (as RulesDocTest does docs/rules.md).
 */
class RuleFactsDocTest {
  static final Path DOC = Path.of("docs/authoring.md");
  static final String BEGIN = "<!-- facts:begin -->\n";
  static final String END = "<!-- facts:end -->";

  @Test
  void theAuthoringGuidesFactTableIsCurrent() throws IOException {
    String doc = Files.readString(DOC);
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertThat(begin).as(DOC + " has no " + BEGIN.strip()).isNotNegative();
    assertThat(end).as(DOC + " has no " + END).isGreaterThan(begin);
    String written = doc.substring(begin + BEGIN.length(), end);
    String rendered = RuleFacts.markdown();
    if (Boolean.getBoolean("advisor.update-facts-doc")) {
      Files.writeString(
          DOC, doc.substring(0, begin + BEGIN.length()) + rendered + doc.substring(end));
      written = rendered;
    }
    if (!written.equals(rendered)) {
      fail(DOC + "'s fact table is stale; regenerate it with:\n  " + RuleFacts.REGENERATE);
    }
  }

  @Test
  void theTableNamesEachFieldAndMethodARuleCanMatch() {
    String md = RuleFacts.markdown();
    assertThat(md)
        .contains(
            "| `dev.llmadvisor.plan.DeploymentPlan.Parallelism` | one | `tensor`, `pipeline`, `expert` |")
        .contains("`hasNvlinkSwitch()`")
        .contains("| `dev.llmadvisor.waiver.Waiver` | one per waiver |");
  }

  @Test
  void everyFactOfAPlanAndItsFiguresIsOfAListedType() throws IOException {
    Catalogues catalogues = CatalogueLoader.load(Path.of("catalogues"));
    ResolvedPlan resolved =
        PlanResolver.resolve(
            PlanReader.read(
                Files.readString(Path.of("examples/support-assistant.yaml")),
                PlanReader.Format.YAML),
            catalogues);
    Sizing sizing = SizingModel.size(resolved);
    for (Object fact :
        Advisor.facts(
            resolved, sizing, Roofline.estimate(resolved, sizing, catalogues.roofline()))) {
      assertThat(RuleFacts.types()).as(fact.getClass().getName()).contains(fact.getClass());
    }
  }
}
