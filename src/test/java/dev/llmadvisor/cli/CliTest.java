package dev.llmadvisor.cli;

import static dev.llmadvisor.cli.CliRun.advisor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.evaluation.RulesetFiles;
import dev.llmadvisor.rules.RuleBase;
import dev.llmadvisor.rules.SampleRules;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The command line as rule authors use it, run in-process: exit codes and what the terminal shows.
 * Broken rules, catalogues and fixtures are edited copies; the shipped files are never touched.
 */
class CliTest {
  static final Path FIXTURES = Path.of("rules/tests");

  /** The shipped rule count, so that no test breaks when a rule is added. */
  static int shippedRules;

  @BeforeAll
  static void countRules() {
    shippedRules = RuleBase.compile(RulesetFiles.RULES).rules().size();
  }

  // ------------------------------------------------------------------ serve, help, version

  @Test
  void withoutACommandTheServiceStarts() {
    CliRun run = advisor();
    assertThat(run.served()).isTrue();
    assertThat(run.code()).isZero();
    assertThat(advisor("serve").served()).isTrue();
  }

  @Test
  void helpListsTheCommandsAndTheExitCodes() {
    CliRun run = advisor("--help");
    assertThat(run.code()).isZero();
    assertThat(run.served()).isFalse();
    assertThat(run.out())
        .contains("serve", "validate", "test")
        .contains("3    the rules or catalogues are invalid")
        .contains("70   a bug in the advisor: please report it");
    assertThat(advisor("test", "--help").out()).contains("--min-coverage=PERCENT", "98.83 %,");
    // docs/ci.md's table has 70 too: every command's help lists it
    for (String command : List.of("check", "validate", "test", "import")) {
      assertThat(advisor(command, "--help").out())
          .as(command)
          .contains("70   a bug in the advisor: please report it");
    }
  }

  @Test
  void versionIsTheProjectVersion() {
    CliRun run = advisor("--version");
    assertThat(run.code()).isZero();
    assertThat(run.out()).startsWith("advisor ").doesNotContain("unknown", "${");
  }

  @Test
  void badArgumentsAreInvalidInputWithTheUsageAndNoStackTrace() {
    CliRun unknown = advisor("tset");
    assertThat(unknown.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(unknown.err()).contains("Unmatched argument", "Usage: advisor");
    CliRun percent = advisor("test", "--min-coverage", "120");
    assertThat(percent.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(percent.err())
        .contains("advisor test: Invalid value for option '--min-coverage': '120' is not between")
        .doesNotContain("Exception", "\tat ");
    assertThat(percent.served()).isFalse();
  }

  // ------------------------------------------------------------------ validate

  @Test
  void validateAcceptsTheShippedRulesAndCatalogues() {
    CliRun run = advisor("validate");
    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("Rules in rules: valid, " + shippedRules + " rules in ")
        .contains("Catalogues in catalogues: valid, ");
    assertThat(run.err()).isEmpty();
    assertThat(run.served()).isFalse();
  }

  @Test
  void validateNamesFileAndLineOfACompileError(@TempDir Path tmp) {
    RulesetFiles files = withTypo(tmp);
    CliRun run = advisor("validate", "--rules", files.rules().toString());
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_RULES);
    assertThat(run.err())
        .containsPattern("Invalid rules in .*rules \\(\\d+ problems?\\):")
        .containsPattern("rules/parallelism\\.drl:\\d+:\\d+: .*tensr")
        .doesNotContain("\tat ");
    // The catalogues are still checked and reported valid.
    assertThat(run.out()).contains("Catalogues in catalogues: valid");
  }

  @Test
  void validateRejectsARuleWithoutItsMetadata(@TempDir Path tmp) {
    RulesetFiles files = RulesetFiles.copyUnder(tmp);
    String text = files.read("rules/parallelism.drl");
    var remediation = Pattern.compile("\\s*@remediation\\(\"[^\"]*\"\\)").matcher(text);
    assertThat(remediation.find()).isTrue();
    files.edit("rules/parallelism.drl", remediation.group(), "");
    CliRun run = advisor("validate", "--rules", files.rules().toString());
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_RULES);
    assertThat(run.err())
        .containsPattern("rules/parallelism\\.drl:13: rule \".*\": @remediation is missing");
  }

  @Test
  void validateRejectsAnInconsistentCatalogueAndListsBothHalves(@TempDir Path tmp) {
    RulesetFiles files = withTypo(tmp);
    files.edit("catalogues/models.yaml", "licence: llama3", "licence: llama-nine");
    CliRun run =
        advisor(
            "validate",
            "--catalogues",
            files.catalogues().toString(),
            "--rules",
            files.rules().toString());
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_RULES);
    assertThat(run.err())
        .containsPattern("Invalid catalogues in .*catalogues \\(1 problem\\):")
        .contains("models.yaml: entry ")
        .contains("llama-nine")
        .containsPattern("rules/parallelism\\.drl:\\d+:\\d+: ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void validateNamesTheLineOfAComparisonWithAnUndeclaredPlanValue(@TempDir Path tmp) {
    // Drools compiles environment == "prodution" and the rule never fires: the values a rule may
    // compare environment and workload.task with are declared in catalogues/plan-values.yaml.
    RulesetFiles files = RulesetFiles.copyUnder(tmp);
    files.edit(
        "rules/sli.drl",
        "DeploymentPlan( environment == \"production\" )",
        "DeploymentPlan( environment == \"prodution\" )");
    files.edit(
        "rules/strategy.drl",
        "task not in (\"code\", \"maths\")",
        "task not in (\"code\", \"math\")");
    int sli = files.lineOf("rules/sli.drl", "\"prodution\"");
    int strategy = files.lineOf("rules/strategy.drl", "\"math\"");
    CliRun run = advisor("validate", "--rules", files.rules().toString());
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_RULES);
    // column: "  DeploymentPlan( environment == " is 33 characters, so the literal starts at 34
    assertThat(run.err())
        .contains("(2 problems)")
        .contains(
            "rules/sli.drl:"
                + sli
                + ":34: 'prodution' is not a declared value of environment"
                + " (catalogues/plan-values.yaml: production, staging, research); nearest:"
                + " production")
        .contains("rules/strategy.drl:" + strategy + ":")
        .contains("'math' is not a declared value of workload.task")
        .contains("nearest: maths");
    assertThat(run.out()).contains("Catalogues in ").doesNotContain("Rules in ");
    // The service refuses the same files when it starts or reloads.
    assertThat(advisor("check", "--rules", files.rules().toString(), "examples").code())
        .isEqualTo(ExitCodes.INVALID_RULES);
  }

  @Test
  void validateSaysWhenADirectoryIsMissing() {
    CliRun run = advisor("validate", "--rules", "no-such-dir");
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_RULES);
    assertThat(run.err()).contains("no-such-dir: no such directory");
  }

  // ------------------------------------------------------------------ test

  @Test
  void theShippedFixturesPassWithEveryRuleCovered() {
    CliRun run = advisor("test");
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("PASS  sizing/llama31-70b-fp8-one-h100.yaml")
        .doesNotContain("FAIL ")
        .contains(
            "Coverage: "
                + shippedRules
                + " of "
                + shippedRules
                + " rules fire in some fixture: 100 % (minimum 100 %)")
        .containsPattern(
            "  finding +\\d+ of \\d+\n  verdict +\\d+ of \\d+\n  derivation +\\d+ of \\d+")
        .endsWith("\nOK\n");
    assertThat(run.served()).isFalse();
  }

  @Test
  void aFailingFixtureShowsExpectedAgainstActual(@TempDir Path tmp) throws IOException {
    Path fixtures = failingFixtures(tmp);
    CliRun run = advisor("test", "--fixtures", fixtures.toString(), "--min-coverage", "0");
    assertThat(run.code()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(run.out())
        .contains("PASS  llama31-8b-h100-bf16-approved.yaml")
        .contains("FAIL  wrong.yaml\n")
        .contains("      verdict: expected APPROVED, got REJECTED\n")
        .contains("      raises: expected SIZING-DOES-NOT-FIT, not raised\n")
        .contains("      doesNotRaise: expected no SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE, raised\n")
        .containsPattern("      raised: .*SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE")
        .contains(": 1 passed, 1 failed in ")
        .endsWith("FAILED: 1 fixture failed\n");
  }

  @Test
  void aRuleNoFixtureFiresFailsCoverageOfOneHundredButNotALowerThreshold(@TempDir Path tmp)
      throws IOException {
    RulesetFiles files = RulesetFiles.copyUnder(tmp);
    files.write("rules/zz-unfired.drl", SampleRules.NEVER_FIRES_FILE);
    String rules = files.rules().toString();
    int total = shippedRules + 1;
    // (total − 1) ÷ total floored to two decimals, without trailing zeros: 86 of 87 is 98.85 %,
    // not 98.86 % nor 99 %; 90 of 91 is 98.9 %.
    String percent =
        BigDecimal.valueOf(100L * (total - 1))
            .divide(BigDecimal.valueOf(total), 2, RoundingMode.FLOOR)
            .stripTrailingZeros() // as Coverage.percent() shows it: 90 of 91 is "98.9"
            .toPlainString();

    CliRun strict = advisor("test", "--rules", rules, "--min-coverage", "100");
    assertThat(strict.code()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(strict.out())
        .contains(
            "Coverage: "
                + (total - 1)
                + " of "
                + total
                + " rules fire in some fixture: "
                + percent
                + " % (minimum 100 %)")
        .contains("Rules no fixture fires (1):\n")
        .containsPattern(
            "  rules/zz-unfired\\.drl:5  TEST-NEVER-FIRES  finding +Tensor parallelism of a thousand")
        .doesNotContain("FAIL  ")
        .endsWith("FAILED: coverage " + percent + " % is under the minimum 100 %\n");

    // Exactly at the floored percentage passes (CoverageTest: one hundredth more does not).
    CliRun lower = advisor("test", "--rules", rules, "--min-coverage", percent);
    assertThat(lower.code()).as(lower.out()).isEqualTo(ExitCodes.OK);
    assertThat(lower.out())
        .contains(" % (minimum " + percent + " %)")
        .contains("Rules no fixture fires (1):")
        .endsWith("\nOK\n");
  }

  @Test
  void junitXmlHasOneTestCasePerFixtureAndOneForCoverage(@TempDir Path tmp) throws Exception {
    Path fixtures = failingFixtures(tmp);
    Path xml = tmp.resolve("reports/fixtures.xml");
    CliRun run = advisor("test", "--fixtures", fixtures.toString(), "--junit", xml.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(run.out()).contains("JUnit XML written to " + xml);

    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    Element suite = doc.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("tests")).isEqualTo("3");
    assertThat(suite.getAttribute("failures")).isEqualTo("2"); // wrong.yaml and coverage
    NodeList cases = suite.getElementsByTagName("testcase");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      names.add(((Element) cases.item(i)).getAttribute("name"));
    }
    assertThat(names)
        .containsExactly("llama31-8b-h100-bf16-approved.yaml", "wrong.yaml", "coverage");
    assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).isZero();
    Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo("verdict: expected APPROVED, got REJECTED");
    assertThat(failure.getTextContent())
        .contains("raises: expected SIZING-DOES-NOT-FIT, not raised")
        .contains("raised: ");
    Element coverage = (Element) ((Element) cases.item(2)).getElementsByTagName("failure").item(0);
    assertThat(coverage.getAttribute("message")).contains("under the minimum 100 %");
    assertThat(coverage.getTextContent()).contains("Rules no fixture fires:", "rules/");
  }

  @Test
  void anUnreadableFixtureOrAnInvalidPlanIsInvalidInputAndReportedAsFailed(@TempDir Path tmp)
      throws IOException {
    Path fixtures = Files.createDirectories(tmp.resolve("tests"));
    Files.writeString(
        fixtures.resolve("misspelt.yaml"),
        "plan: {model: {id: meta-llama/Llama-3.1-8B-Instruct}}\nraise: [SIZING-DOES-NOT-FIT]\n");
    Files.writeString(
        fixtures.resolve("unknown-gpu.yaml"),
        "plan:\n  model: {id: meta-llama/Llama-3.1-8B-Instruct}\n  hardware: {gpu: H1000}\n"
            + "verdict: APPROVED\n");
    Files.writeString(
        fixtures.resolve("typo-in-near-miss.yaml"),
        "plan: {model: {id: meta-llama/Llama-3.1-8B-Instruct}, hardware: {gpu: H100-SXM-80GB}}\n"
            + "doesNotRaise: [SIZING-DOES-NOT-FITS]\n");
    Files.writeString(
        fixtures.resolve("bad-verdict.yaml"),
        "description: x\nplan: {model: {id: meta-llama/Llama-3.1-8B-Instruct}}\n"
            + "verdict: REJECT\n");
    CliRun run = advisor("test", "--fixtures", fixtures.toString(), "--min-coverage", "0");
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.out())
        .contains(
            "FAIL  bad-verdict.yaml\n      invalid fixture: line 3: 'REJECT' is not one of"
                + " REJECTED, APPROVED_WITH_WARNINGS, APPROVED\n")
        .contains("FAIL  misspelt.yaml\n      invalid fixture: line 2: unknown field 'raise'")
        .contains(
            "FAIL  unknown-gpu.yaml\n"
                + "      invalid fixture: invalid plan: hardware.gpu: unknown id 'H1000' (nearest:")
        .contains(
            "FAIL  typo-in-near-miss.yaml\n"
                + "      invalid fixture: doesNotRaise: SIZING-DOES-NOT-FITS is not a rule id"
                + " (nearest: SIZING-DOES-NOT-FIT")
        .contains("0 passed, 4 failed (4 invalid)")
        .doesNotContain("\tat ");
  }

  @Test
  void aRuleThatFailsAtRunTimeFailsTheFixtureWithItsMessage(@TempDir Path tmp) {
    RulesetFiles files = RulesetFiles.copyUnder(tmp);
    files.write("rules/zz-broken.drl", SampleRules.RAISING_DERIVATION_FILE);
    CliRun run = advisor("test", "--rules", files.rules().toString(), "tp3-llama-8b");
    assertThat(run.code()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(run.out())
        .containsPattern(
            "FAIL  parallelism/tp3-llama-8b.yaml\n.*\n      evaluation failed: .*\"Wide tensor parallelism is"
                + " recorded\" is a derivation rule")
        .doesNotContain("\tat ", "Exception");
  }

  @Test
  void namesSelectFixturesAndLeaveCoverageUncheckedUnlessAsked() {
    CliRun run = advisor("test", "licence-qwen", "tp1*");
    assertThat(run.code()).as(run.out()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains(
            "PASS  licensing/licence-qwen-over-100m-users.yaml\nPASS  parallelism/tp12-mistral-large.yaml\n")
        .contains("3 fixtures in rules/tests: 3 passed, 0 failed")
        .contains("rules fire in the fixtures run: ")
        .contains("(not checked: only some fixtures ran)")
        .doesNotContain("Rules no fixture fires");
    CliRun none = advisor("test", "no-such-fixture");
    assertThat(none.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(none.err()).contains("no fixture in rules/tests matches 'no-such-fixture'");
    assertThat(advisor("test", "licence-qwen", "--min-coverage", "100").code())
        .isEqualTo(ExitCodes.FINDINGS);
  }

  @Test
  void testWithInvalidRulesListsTheProblemsAndRunsNoFixture(@TempDir Path tmp) {
    CliRun run = advisor("test", "--rules", withTypo(tmp).rules().toString());
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_RULES);
    assertThat(run.err()).containsPattern("rules/parallelism\\.drl:\\d+:\\d+: ");
    assertThat(run.out()).doesNotContain("PASS", "FAIL");
  }

  // ------------------------------------------------------------------ helpers

  /** A copy of the shipped rules and catalogues with a misspelt field in parallelism.drl. */
  static RulesetFiles withTypo(Path tmp) {
    RulesetFiles files = RulesetFiles.copyUnder(tmp);
    files.edit(
        "rules/parallelism.drl", "Parallelism( $tp : tensor )", "Parallelism( $tp : tensr )");
    return files;
  }

  /** A passing fixture and a copy of a rejected one that expects the opposite. */
  static Path failingFixtures(Path tmp) throws IOException {
    Path fixtures = Files.createDirectories(tmp.resolve("tests"));
    Files.copy(
        FIXTURES.resolve("sizing/llama31-8b-h100-bf16-approved.yaml"),
        fixtures.resolve("llama31-8b-h100-bf16-approved.yaml"));
    String rejected = Files.readString(FIXTURES.resolve("sizing/llama31-70b-fp8-one-h100.yaml"));
    Files.writeString(
        fixtures.resolve("wrong.yaml"),
        rejected
            .replace("verdict: REJECTED", "verdict: APPROVED")
            .replace(
                "raises: [SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE, SIZING-UNDER-GUIDE-MARGIN]",
                "raises: [SIZING-DOES-NOT-FIT]")
            .replace(
                "doesNotRaise: [SIZING-DOES-NOT-FIT,",
                "doesNotRaise: [SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE,"));
    assertThat(Files.readString(fixtures.resolve("wrong.yaml"))).isNotEqualTo(rejected);
    return fixtures;
  }
}
