package dev.llmadvisor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.evaluation.RulesetHolder.Attempt;
import dev.llmadvisor.evaluation.RulesetHolder.Outcome;
import dev.llmadvisor.evaluation.RulesetHolder.Status;
import dev.llmadvisor.evaluation.RulesetHolder.Trigger;
import dev.llmadvisor.rules.SampleRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloading without CDI: what serves, what is swapped in, what is kept when the files are broken,
 * and when the watch reloads. Two rules of the test's own stand in for the shipped ones (they
 * compile in a fraction of the time); the catalogues are the shipped ones. One holder for the
 * class; each test starts from the original files serving.
 */
class RulesetHolderTest {
  @TempDir static Path root;
  static RulesetFiles files;
  static RulesetHolder holder;
  static Status first;
  static String original;

  @BeforeAll
  static void load() {
    files = RulesetFiles.withRules(root, "test.drl", SampleRules.TP_FILE);
    holder = new RulesetHolder(files.rules(), files.catalogues());
    first = holder.status();
    original = first.version();
  }

  @BeforeEach
  void originalFilesServe() {
    files.restore();
    holder.reload(Trigger.API);
    assertThat(holder.current().version()).isEqualTo(original);
  }

  @Test
  void theFirstLoadIsRecordedAsStartup() {
    assertThat(first.version())
        .isEqualTo(Ruleset.version(files.rules(), files.catalogues()))
        .startsWith("sha256:");
    assertThat(first.rules()).isEqualTo(1);
    assertThat(first.lastReload().trigger()).isEqualTo(Trigger.STARTUP);
    assertThat(first.lastReload().outcome()).isEqualTo(Outcome.LOADED);
    assertThat(first.lastReload().version()).isEqualTo(original);
    assertThat(first.lastReload().errors()).isEmpty();
  }

  @Test
  void unchangedFilesBuildNothing() {
    Ruleset serving = holder.current();
    Status status = holder.reload(Trigger.API);
    assertThat(status.lastReload().outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(status.lastReload().trigger()).isEqualTo(Trigger.API);
    assertThat(holder.current()).isSameAs(serving);
  }

  @Test
  void aValidEditIsSwappedInAndTheOldRulesetIsLeftWhole() {
    Ruleset before = holder.current();
    files.edit("rules/test.drl", SampleRules.TP_CONDITION, "tensor > 4");
    Status status = holder.reload(Trigger.API);
    assertThat(status.lastReload().outcome()).isEqualTo(Outcome.LOADED);
    assertThat(status.version()).isNotEqualTo(original).isEqualTo(holder.current().version());
    assertThat(status.lastReload().version()).isEqualTo(status.version());
    assertThat(status.loadedAt()).isAfterOrEqualTo(before.loadedAt());
    // What an evaluation in flight read is still whole: the old version with its own rule base.
    assertThat(before.version()).isEqualTo(original);
    assertThat(holder.current().rules()).isNotSameAs(before.rules());
  }

  @Test
  void aCatalogueEditAloneKeepsTheCompiledRules() {
    Ruleset before = holder.current();
    files.edit("catalogues/gpus.yaml", "bandwidthTBps: 3.35", "bandwidthTBps: 3.36");
    Status status = holder.reload(Trigger.API);
    assertThat(status.lastReload().outcome()).isEqualTo(Outcome.LOADED);
    assertThat(holder.current().rules()).isSameAs(before.rules());
    assertThat(holder.current().catalogues()).isNotSameAs(before.catalogues());
    assertThat(holder.current().catalogues().gpus().get("H100-SXM-80GB").bandwidthTBps())
        .isEqualTo(3.36);
  }

  @Test
  void aBrokenRuleKeepsTheServingRulesetAndPlacesTheError() {
    Ruleset serving = holder.current();
    files.edit("rules/test.drl", SampleRules.TP_CONDITION, "tensr > 8");
    Status status = holder.reload(Trigger.API);
    assertThat(status.lastReload().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(status.lastReload().version()).isNotEqualTo(original);
    assertThat(holder.current()).isSameAs(serving);
    assertThat(status.version()).isEqualTo(original);
    assertThat(status.lastReload().errors())
        .isNotEmpty()
        .allSatisfy(
            e -> {
              assertThat(e.file()).isEqualTo("rules/test.drl");
              assertThat(e.line()).isEqualTo(files.lineOf("rules/test.drl", "tensr"));
              assertThat(e.message()).contains("tensr");
            });
  }

  @Test
  void aRuleWithoutItsMetadataIsPlacedAtItsDeclaration() {
    files.edit("rules/test.drl", "@remediation(\"Lower it.\")", "");
    Status status = holder.reload(Trigger.API);
    assertThat(status.lastReload().errors())
        .containsExactly(
            new RulesetProblem(
                "rules/test.drl",
                files.lineOf("rules/test.drl", "rule \"Tensor"),
                null,
                "rule \"Tensor parallelism above eight is flagged\": @remediation is missing"));
  }

  @Test
  void brokenRulesAndCataloguesAreReportedTogether() {
    files.edit("rules/test.drl", SampleRules.TP_CONDITION, "tensr > 8");
    files.edit("catalogues/gpus.yaml", "bandwidthTBps: 3.35", "bandwidthTBps: -3.35");
    Status status = holder.reload(Trigger.API);
    assertThat(status.lastReload().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(status.lastReload().errors())
        .extracting(RulesetProblem::file)
        .contains("rules/test.drl", "catalogues/gpus.yaml");
    assertThat(status.lastReload().errors())
        .extracting(RulesetProblem::message)
        .anySatisfy(m -> assertThat(m).contains("entry H100-SXM-80GB: bandwidthTBps"));
  }

  @Test
  void aFolderThatDisappearsIsAFailureAndTheRulesetKeepsServing() throws IOException {
    RulesetFiles other =
        RulesetFiles.withRules(root.resolve("other"), "test.drl", SampleRules.TP_FILE);
    RulesetHolder otherHolder = new RulesetHolder(other.rules(), other.catalogues());
    Ruleset serving = otherHolder.current();
    try (Stream<Path> catalogues = Files.list(other.catalogues())) {
      for (Path f : catalogues.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(other.catalogues());
    Status status = otherHolder.reload(Trigger.API);
    assertThat(status.lastReload().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(status.lastReload().version()).isNull();
    assertThat(status.lastReload().errors()).singleElement().asString().contains("catalogues");
    assertThat(otherHolder.current()).isSameAs(serving);
  }

  @Test
  void theWatchDoesNotRepeatAnAttemptTheApiJustMadeOnTheSameFiles() {
    files.edit("rules/test.drl", SampleRules.TP_CONDITION, "tensr > 8");
    Attempt byApi = holder.reload(Trigger.API).lastReload();
    assertThat(byApi.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(holder.reloadIfNotAttempted(Trigger.WATCH).lastReload()).isSameAs(byApi);
    assertThat(holder.reload(Trigger.API).lastReload()).isNotSameAs(byApi);
  }

  @Test
  void theWatchReloadsOnceTheFilesHaveSettledAndOnlyOnce() {
    RulesetWatcher watcher = new RulesetWatcher(holder, Duration.ofSeconds(1));
    watcher.check(); // the first look: nothing to compare with
    files.edit("rules/test.drl", SampleRules.TP_CONDITION, "tensor > 4");
    watcher.check(); // changed since the last look: maybe still being edited
    assertThat(holder.current().version()).isEqualTo(original);
    watcher.check(); // as at the last look: settled
    Status loaded = holder.status();
    assertThat(loaded.lastReload().trigger()).isEqualTo(Trigger.WATCH);
    assertThat(loaded.lastReload().outcome()).isEqualTo(Outcome.LOADED);
    assertThat(loaded.version()).isNotEqualTo(original);
    watcher.check(); // nothing new: no second attempt
    assertThat(holder.status().lastReload()).isSameAs(loaded.lastReload());
  }

  @Test
  void theWatchDoesNotRetryABrokenFileUntilItChanges() {
    RulesetWatcher watcher = new RulesetWatcher(holder, Duration.ofSeconds(1));
    files.edit("rules/test.drl", SampleRules.TP_CONDITION, "tensr > 8");
    watcher.check();
    watcher.check();
    Attempt failed = holder.status().lastReload();
    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.trigger()).isEqualTo(Trigger.WATCH);
    watcher.check();
    assertThat(holder.status().lastReload()).isSameAs(failed);
    files.restore(); // back to what serves
    watcher.check();
    watcher.check();
    assertThat(holder.status().lastReload().outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(holder.status().lastReload().errors()).isEmpty();
    assertThat(holder.current().version()).isEqualTo(original);
  }
}
