package dev.llmadvisor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmadvisor.catalogue.CatalogueException;
import dev.llmadvisor.catalogue.CatalogueLoader;
import dev.llmadvisor.catalogue.CatalogueProblem;
import dev.llmadvisor.rules.RuleProblem;
import dev.llmadvisor.rules.RuleSetException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void aCatalogueProblemNamesItsFileUnderCataloguesWithTheLineWhereYamlGaveOne(@TempDir Path dir) {
    RulesetFiles files = RulesetFiles.copyUnder(dir);
    // a misspelt field: Jackson cannot map it and gives its line; a bad value: the loader's check
    files.edit("catalogues/gpus.yaml", "bandwidthTBps:", "bandwidthTBs:");
    int line = files.lineOf("catalogues/gpus.yaml", "bandwidthTBs:");
    CatalogueException e =
        catchThrowableOfType(
            () -> CatalogueLoader.load(files.catalogues()), CatalogueException.class);
    assertThat(RulesetProblem.of(e))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo("catalogues/gpus.yaml");
              // Jackson places the error where its parser stood: at or a little after the field
              assertThat(p.line()).isBetween(line, line + 20);
              assertThat(p.message()).contains("unknown field 'bandwidthTBs'");
            });
    files.restore();
    files.edit("catalogues/models.yaml", "licence: llama3", "licence: llama-nine");
    e =
        catchThrowableOfType(
            () -> CatalogueLoader.load(files.catalogues()), CatalogueException.class);
    assertThat(RulesetProblem.of(e))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo("catalogues/models.yaml");
              assertThat(p.line()).isNull();
              assertThat(p.message()).startsWith("entry ").contains("llama-nine");
            });
  }

  @Test
  void aProblemOfNoFileIsAMessageAlone() {
    assertThat(RulesetProblem.of(new CatalogueProblem(null, null, "/srv/catalogues: empty")))
        .isEqualTo(new RulesetProblem(null, null, null, "/srv/catalogues: empty"));
  }

  @Test
  void problemsOfBothFoldersAreCollected() {
    CatalogueException catalogues =
        new CatalogueException(List.of(new CatalogueProblem("gpus.yaml", null, "bad")));
    catalogues.addSuppressed(
        new RuleSetException(List.of(new RuleProblem("rules/a.drl", 3, 1, "worse"))));
    assertThat(RulesetProblem.of(catalogues))
        .extracting(RulesetProblem::toString)
        .containsExactly("catalogues/gpus.yaml: bad", "rules/a.drl:3:1: worse");
  }
}
