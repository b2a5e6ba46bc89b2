package dev.llmadvisor.cli;

import static dev.llmadvisor.cli.CliRun.advisor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.plan.NamedPlans;
import dev.llmadvisor.report.SarifSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code advisor check} and {@code advisor import} as a CI pipeline runs them, in-process. */
class CheckCommandTest {
  static final String REJECTED_PLAN = "examples/llama-70b-fp8-one-h100.yaml";
  static final String APPROVED_PLAN = "examples/llama-405b-two-nodes.yaml";

  @Test
  void aBlockerFailsTheGateWithExitOne() {
    CliRun run = advisor("check", REJECTED_PLAN);
    assertThat(run.code()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(run.out())
        .startsWith("llama-70b-single-h100: REJECTED")
        .contains("BLOCKER SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE");
  }

  @Test
  void aPlanWithoutFindingsAtTheGatePassesAndWarningsCanBeMadeToFail() {
    assertThat(advisor("check", APPROVED_PLAN).code()).isEqualTo(ExitCodes.OK);
    // The merge example has warnings and a blocker: --fail-on blocker still fails on the blocker.
    assertThat(advisor("check", "--fail-on", "blocker", "examples/merge-of-merges.yaml").code())
        .isEqualTo(ExitCodes.FINDINGS);
    // support-assistant has warnings only: it passes at the default gate, fails at warning.
    assertThat(advisor("check", "examples/support-assistant.yaml").code()).isEqualTo(ExitCodes.OK);
    assertThat(advisor("check", "--fail-on", "warning", "examples/support-assistant.yaml").code())
        .isEqualTo(ExitCodes.FINDINGS);
  }

  @Test
  void aRuleFixtureIsCheckedByItsPlanWithTheFullReport() throws Exception {
    // The fixture expects REJECTED with SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE: check shows the report
    // of its plan (description, raises and doesNotRaise are for advisor test, not plan fields).
    String fixture = "rules/tests/sizing/llama31-70b-fp8-one-h100.yaml";
    CliRun run = advisor("check", fixture);
    assertThat(run.err()).doesNotContain("description");
    assertThat(run.code()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(run.out())
        .contains(": REJECTED")
        .contains("BLOCKER SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE")
        .contains("memory per GPU");
    // SARIF points at the plan's lines in the fixture file: engine.maxModelLen is on line 8.
    JsonNode sarif =
        new ObjectMapper().readTree(advisor("check", "--format", "sarif", fixture).out());
    JsonNode kv = null;
    for (JsonNode r : sarif.at("/runs/0/results")) {
      if (r.at("/ruleId").asText().equals("SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE")) {
        kv = r;
      }
    }
    assertThat(kv).isNotNull();
    assertThat(kv.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo(fixture);
    assertThat(kv.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(8);
  }

  @Test
  void aDirectoryIsEveryPlanInIt(@TempDir Path dir) throws Exception {
    CliRun run = advisor("check", "--format", "json", "examples");
    JsonNode reports = new ObjectMapper().readTree(run.out());
    try (var files = Files.list(Path.of("examples"))) {
      assertThat(reports.size()).isEqualTo((int) files.count());
    }
    assertThat(run.code()).isEqualTo(ExitCodes.FINDINGS);
  }

  @Test
  void severalFormatsAtOnce(@TempDir Path dir) throws Exception {
    Path sarif = dir.resolve("advisor.sarif");
    Path junit = dir.resolve("advisor.xml");
    CliRun run =
        advisor(
            "check",
            "--format",
            "markdown",
            "--output",
            "sarif=" + sarif,
            "--output",
            "junit=" + junit,
            REJECTED_PLAN);
    assertThat(run.out()).startsWith("# Deployment review: llama-70b-single-h100 — **REJECTED**");
    JsonNode log = new ObjectMapper().readTree(sarif.toFile());
    assertThat(SarifSchema.validate(log)).isEmpty();
    assertThat(
            log.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo(REJECTED_PLAN);
    assertThat(Files.readString(junit)).contains("<testsuite name=\"" + REJECTED_PLAN + "\"");
  }

  @Test
  void invalidInputIsExitTwoWithTheApisMessages(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad, "model: {id: meta-llama/Llama-3.1-8B-Instrukt}\nhardware: {gpu: A100}\n");
    CliRun run = advisor("check", bad.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains("model.id: unknown id 'meta-llama/Llama-3.1-8B-Instrukt'")
        .contains("nearest: meta-llama/Llama-3.1-8B-Instruct");
    assertThat(advisor("check", dir.resolve("missing.yaml").toString()).code())
        .isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(advisor("check", "--format", "pdf", REJECTED_PLAN).code())
        .isEqualTo(ExitCodes.INVALID_INPUT);
  }

  @Test
  void withFormatJsonAPlanThatCannotBeReadIsAProblemOnStdout(@TempDir Path dir) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad, "model: {id: meta-llama/Llama-3.1-8B-Instrukt}\nhardware: {gpu: A100}\n");
    // The API's 422 document, the file opening its detail; before, stdout was an empty list.
    CliRun run = advisor("check", "--format", "json", bad.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    JsonNode problem = json.readTree(run.out());
    assertThat(problem.get("type").asText()).endsWith("/invalid-plan");
    assertThat(problem.get("status").asInt()).isEqualTo(422);
    assertThat(problem.get("detail").asText()).startsWith(bad + ": ");
    assertThat(problem.get("errors").findValuesAsText("field")).contains("model.id");

    // Not YAML a plan can be read from: 400, unreadable.
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "name: [unclosed\n");
    JsonNode unreadable =
        json.readTree(advisor("check", "--format", "json", broken.toString()).out());
    assertThat(unreadable.get("status").asInt()).isEqualTo(400);
    assertThat(unreadable.get("type").asText()).endsWith("/unreadable-plan");

    // Two plans that cannot be read: two problems, as several reports are an array.
    JsonNode both =
        json.readTree(
            advisor("check", "--format", "json", bad.toString(), broken.toString()).out());
    assertThat(both.isArray()).isTrue();
    assertThat(both.findValuesAsText("status")).containsExactly("422", "400");

    // A file that is not there: the command line's own 400.
    CliRun missing = advisor("check", "--format", "json", dir.resolve("missing.yaml").toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(json.readTree(missing.out()).get("type").asText()).endsWith("/unreadable-input");
  }

  @Test
  void invalidRulesAreExitThree(@TempDir Path dir) throws Exception {
    Path rules = dir.resolve("rules");
    Files.createDirectories(rules);
    Files.writeString(
        rules.resolve("broken.drl"), "package x;\nrule \"broken\" when then nope end\n");
    assertThat(advisor("check", "--rules", rules.toString(), REJECTED_PLAN).code())
        .isEqualTo(ExitCodes.INVALID_RULES);
    // With --format json stdout holds the problem document the rules status answers with, not
    // nothing: a CI step reading stdout learns why no report came.
    CliRun json = advisor("check", "--format", "json", "--rules", rules.toString(), REJECTED_PLAN);
    assertThat(json.code()).isEqualTo(ExitCodes.INVALID_RULES);
    JsonNode problem = new ObjectMapper().readTree(json.out());
    assertThat(problem.get("type").asText()).endsWith("/invalid-ruleset");
    assertThat(problem.get("status").asInt()).isEqualTo(422);
    assertThat(problem.get("errors").findValuesAsText("field")).containsOnly("--rules");
    assertThat(problem.get("errors").get(0).get("rejectedValue").asText())
        .isEqualTo(rules.toString());
    // A directory that is not there is named the same way, under its own option.
    JsonNode missing =
        new ObjectMapper()
            .readTree(
                advisor(
                        "check",
                        "--format",
                        "json",
                        "--catalogues",
                        dir.resolve("nowhere").toString(),
                        REJECTED_PLAN)
                    .out());
    assertThat(missing.get("errors").findValuesAsText("field")).containsExactly("--catalogues");
  }

  @Test
  void aVllmCommandLineGivesTheSameFindingsAsTheEquivalentYamlPlan(@TempDir Path dir)
      throws Exception {
    Path yaml = dir.resolve("plan.yaml");
    Files.writeString(
        yaml,
        """
        model: {id: meta-llama/Llama-3.1-8B-Instruct}
        quantization: {weights: fp8}
        engine: {name: vllm, maxModelLen: 16384}
        hardware: {gpu: H100-SXM-80GB}
        """);
    CliRun fromYaml = advisor("check", "--format", "json", yaml.toString());
    List<String> args =
        new ArrayList<>(
            List.of(
                "check",
                "--format",
                "json",
                "--from",
                "vllm-cmd",
                "--set",
                "hardware.gpu=H100-SXM-80GB",
                "--"));
    args.addAll(NamedPlans.VLLM_8B_FP8_COMMAND);
    CliRun fromCommand = advisor(args.toArray(String[]::new));
    ObjectMapper json = new ObjectMapper();
    JsonNode a = json.readTree(fromYaml.out());
    JsonNode b = json.readTree(fromCommand.out());
    assertThat(b.at("/verdict")).isEqualTo(a.at("/verdict"));
    assertThat(b.at("/findings").findValuesAsText("ruleId"))
        .isEqualTo(a.at("/findings").findValuesAsText("ruleId"));
    assertThat(b.at("/sizing/kvCapacityTokens")).isEqualTo(a.at("/sizing/kvCapacityTokens"));
    assertThat(fromCommand.code()).isEqualTo(fromYaml.code());
  }

  @Test
  void importPrintsThePlanWithWhatItAssumed() {
    CliRun run =
        advisor(
            "import",
            "--from",
            "vllm-cmd",
            "--",
            "vllm",
            "serve",
            "meta-llama/Llama-3.1-8B-Instruct",
            "--max-model-len",
            "16384");
    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .startsWith("# Imported from")
        .contains("meta-llama/Llama-3.1-8B-Instruct")
        .contains("hardware.gpu");
    // Without a GPU the plan cannot be checked: exit 2, naming the missing field.
    CliRun check =
        advisor(
            "check",
            "--from",
            "vllm-cmd",
            "--",
            "vllm",
            "serve",
            "meta-llama/Llama-3.1-8B-Instruct");
    assertThat(check.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(check.err()).contains("hardware.gpu");
  }
}
