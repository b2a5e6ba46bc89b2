package dev.llmadvisor.cli;

import static dev.llmadvisor.cli.CliRun.advisor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.evaluation.RulesetFiles;
import dev.llmadvisor.evaluation.RulesetProblem;
import dev.llmadvisor.rules.RuleBase;
import dev.llmadvisor.rules.RuleProblem;
import dev.llmadvisor.rules.RuleSetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a reader gets (issue 17): every example rendered in every format cites nothing a reader
 * cannot open (no {@code FACTS.md}, no internal status tag such as {@code (U)}), writes its counts
 * in proper number, and a broken rule file is placed at a line and column of at least 1.
 */
class ReportWordingTest {
  static final List<String> FORMATS = List.of("json", "text", "markdown", "sarif", "junit");

  /** The research notes' status tags: "(U)", "(S2)", "… U)", "; U\"" and the like. */
  static final Pattern STATUS_TAG =
      Pattern.compile("\\((?:U|S|S2|D)\\)|(?<=[\\s(;,])(?:U|S2)(?=[);,\"]|$)", Pattern.MULTILINE);

  @Test
  void everyFormatOfEveryExampleCitesWhatAReaderCanOpen(@TempDir Path dir) throws IOException {
    List<String> args = new ArrayList<>(List.of("check", "--format", "json"));
    for (String format : FORMATS) {
      args.add("--output");
      args.add(format + "=" + dir.resolve("report." + format));
    }
    args.add("examples");
    CliRun run = advisor(args.toArray(String[]::new));
    assertThat(run.err()).isEmpty();
    long examples;
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      examples = files.count();
    }
    for (String format : FORMATS) {
      String report = Files.readString(dir.resolve("report." + format), StandardCharsets.UTF_8);
      assertThat(report).as(format).isNotBlank();
      assertThat(report).as(format).doesNotContain("FACTS");
      Matcher tag = STATUS_TAG.matcher(report);
      assertThat(tag.find())
          .as(format + ": status tag " + (tag.hitEnd() ? "" : around(report, tag)))
          .isFalse();
      // counts in proper number: never "1 concurrent requests", "(s)" or "0 error,"
      assertThat(report)
          .as(format)
          .doesNotContainPattern("(?<![\\d,.])1 (?:concurrent requests|replicas|GPUs|sequences)\\b")
          .doesNotContain("(s)")
          .doesNotContainPattern("\\b(?!1 )\\d+ (?:blocker|error|warning)[,.]")
          .doesNotContainPattern("\\b1 (?:blockers|errors|warnings)[,.]");
    }
    String json = Files.readString(dir.resolve("report.json"), StandardCharsets.UTF_8);
    assertThat(json.split("\"planName\"", -1)).hasSize((int) examples + 1);
    // the roofline's factors as catalogued (Hopper: 0.8223 of bandwidth), not rounded to 0.82
    assertThat(json).contains("TB/s × 0.8223 ×").doesNotContain("TB/s × 0.82 ×");
    // the plan that cannot start says so instead of "1 concurrent requests"
    String text = Files.readString(dir.resolve("report.text"), StandardCharsets.UTF_8);
    assertThat(text).contains("not one sequence of maxModelLen 8,192: the engine does not start");
    String markdown = Files.readString(dir.resolve("report.markdown"), StandardCharsets.UTF_8);
    assertThat(markdown).contains("1 blocker, 0 errors, 2 warnings, 3 info findings.");
  }

  @Test
  void aMissingParenthesisIsOneErrorAtItsLineAndColumn(@TempDir Path dir) throws IOException {
    RulesetFiles files = RulesetFiles.copyUnder(dir);
    String line = "  $s : Sizing( weightsFit == false )";
    int at = files.read("rules/sizing.drl").lines().toList().indexOf(line);
    assertThat(at).isPositive();
    files.edit("rules/sizing.drl", "\n" + line + "\n", "\n  $s : Sizing( weightsFit == false\n");
    Path rules = files.rules();
    List<RuleProblem> problems = problems(rules);
    assertThat(problems).hasSize(1);
    assertPlaced(problems);
    CliRun validate = advisor("validate", "--rules", rules.toString());
    assertThat(validate.code()).isEqualTo(ExitCodes.INVALID_RULES);
    assertThat(validate.err())
        .contains("(1 problem)")
        .contains("rules/sizing.drl:" + (at + 2) + ":3: [ERR 102] mismatched input '$g'")
        .doesNotContain("strategy.drl", "sli.drl")
        .doesNotContainPattern(":-?0:|:-1");
  }

  @Test
  void aTypoInAConstraintIsPlacedAtItsPatternWithAColumn(@TempDir Path dir) throws IOException {
    RulesetFiles files = RulesetFiles.copyUnder(dir);
    files.edit("rules/sizing.drl", RulesetFiles.MARGIN, "headroomRation < 0.15");
    Path rules = files.rules();
    List<RuleProblem> problems = problems(rules);
    assertThat(problems).singleElement().satisfies(p -> assertThat(p.column()).isNotNull());
    assertPlaced(problems);
    // the JSON status carries the same place
    RulesetProblem status =
        RulesetProblem.of(new RuleSetException(problems)).stream().findFirst().orElseThrow();
    assertThat(status.line()).isEqualTo(problems.get(0).line());
    assertThat(status.column()).isEqualTo(problems.get(0).column());
    assertThat(status.message()).contains("headroomRation").doesNotContain("Column:");
    CliRun validate = advisor("validate", "--rules", rules.toString());
    assertThat(validate.err()).doesNotContainPattern(":-?0:|:-1|Column: ");
  }

  private static void assertPlaced(List<RuleProblem> problems) {
    for (RuleProblem p : problems) {
      assertThat(p.file()).as(p.toString()).startsWith("rules/");
      assertThat(p.line()).as(p.toString()).isNotNull().isPositive();
      if (p.column() != null) {
        assertThat(p.column()).as(p.toString()).isPositive();
      }
    }
  }

  private static List<RuleProblem> problems(Path dir) {
    try {
      RuleBase.compile(dir);
    } catch (RuleSetException e) {
      return e.problems();
    }
    throw new AssertionError("the broken rules compiled");
  }

  private static String around(String text, Matcher m) {
    return "'"
        + text.substring(Math.max(0, m.start() - 80), Math.min(text.length(), m.end() + 20))
        + "'";
  }
}
