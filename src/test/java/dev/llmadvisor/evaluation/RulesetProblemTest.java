package dev.llmadvisor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.catalogue.CatalogueException;
import dev.llmadvisor.rules.RuleProblem;
import dev.llmadvisor.rules.RuleSetException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The problems of a failed load, placed by file, line and column as far as they are known. */
class RulesetProblemTest {

  @Test
  void aRuleProblemKeepsThePlaceTheRuleBaseGaveIt() {
    RuleSetException rules =
        new RuleSetException(
            List.of(
                new RuleProblem("rules/sizing.drl", 25, 3, "mismatched input '$g'"),
                new RuleProblem("rules/a.drl", 12, null, "rule \"X\": @id is missing")));
    assertThat(RulesetProblem.of(rules))
        .containsExactly(
            new RulesetProblem("rules/sizing.drl", 25, 3, "mismatched input '$g'"),
            new RulesetProblem("rules/a.drl", 12, null, "rule \"X\": @id is missing"));
  }

  @Test
  void droolsUnknownPositionsAreLeftOut() {
    assertThat(new RuleProblem("rules/a.drl", -1, -1, "Unable to resolve ObjectType"))
        .isEqualTo(new RuleProblem("rules/a.drl", null, null, "Unable to resolve ObjectType"));
    assertThat(new RuleProblem("rules/a.drl", 0, 0, "x").toString()).isEqualTo("rules/a.drl: x");
    assertThat(new RuleProblem("rules/a.drl", 4, 0, "x").toString()).isEqualTo("rules/a.drl:4: x");
  }

  @Test
  void aCatalogueProblemNamesItsFileUnderCataloguesWithTheLineWhenJacksonGaveOne() {
    assertThat(RulesetProblem.parse("gpus.yaml: gpus[0].bandwidthTBs (line 20): unknown field"))
        .isEqualTo(
            new RulesetProblem(
                "catalogues/gpus.yaml", 20, null, "gpus[0].bandwidthTBs (line 20): unknown field"));
    assertThat(RulesetProblem.parse("gpus.yaml: entry T4: bandwidthTBps must be positive"))
        .isEqualTo(
            new RulesetProblem(
                "catalogues/gpus.yaml", null, null, "entry T4: bandwidthTBps must be positive"));
  }

  @Test
  void anythingElseIsAMessageAlone() {
    assertThat(RulesetProblem.parse("/srv/rules: no .drl files"))
        .isEqualTo(new RulesetProblem(null, null, null, "/srv/rules: no .drl files"));
  }

  @Test
  void problemsOfBothFoldersAreCollected() {
    CatalogueException catalogues = new CatalogueException(List.of("gpus.yaml: bad"));
    catalogues.addSuppressed(
        new RuleSetException(List.of(new RuleProblem("rules/a.drl", 3, 1, "worse"))));
    assertThat(RulesetProblem.of(catalogues))
        .extracting(RulesetProblem::toString)
        .containsExactly("catalogues/gpus.yaml: bad", "rules/a.drl:3:1: worse");
  }
}
