package dev.llmadvisor.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.NamedPlans;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.report.Report;
import dev.llmadvisor.rules.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 done-when: {@code check --from vllm-cmd -- vllm serve meta-llama/Llama-3.1-8B-Instruct
 * --quantization fp8 --max-model-len 16384} with the GPU given gives the same findings, verdict and
 * sizing as the equivalent hand-written YAML plan.
 */
class ImportEquivalenceTest {
  static final Advisor ADVISOR = new Advisor(Path.of("rules"), Path.of("catalogues"));
  static final List<String> DONE_WHEN = NamedPlans.VLLM_8B_FP8_COMMAND;

  static String resource(String name) throws IOException {
    return Files.readString(Path.of("src/test/resources/importer", name));
  }

  @Test
  void theDoneWhenCommandEvaluatesLikeTheHandWrittenPlan() throws IOException {
    ImportResult imported =
        new VllmCommandImporter(ADVISOR.ruleset().catalogues())
            .fromArgs(DONE_WHEN, Overlay.set("hardware.gpu", "H100-SXM-80GB"));
    assertThat(imported.complete()).isTrue();
    assertThat(imported.assumed()).isEmpty();

    Report fromCommand =
        ADVISOR.evaluate(PlanReader.read(imported.planYaml(), PlanReader.Format.YAML));
    Report fromYaml = ADVISOR.evaluate(resource("llama-8b-fp8-h100.yaml"), PlanReader.Format.YAML);

    assertThat(ids(fromCommand.findings())).isEqualTo(ids(fromYaml.findings())).isNotEmpty();
    assertThat(fromCommand.verdict()).isEqualTo(fromYaml.verdict());
    assertThat(fromCommand.verdictDecidedBy()).isEqualTo(fromYaml.verdictDecidedBy());
    assertThat(fromCommand.sizing()).isEqualTo(fromYaml.sizing());
    assertThat(fromCommand.performance()).isEqualTo(fromYaml.performance());
    assertThat(fromCommand.plan()).isEqualTo(fromYaml.plan());
  }

  @Test
  void theImportedRecordEvaluatesLikeItsYaml() {
    ImportResult imported =
        new VllmCommandImporter(ADVISOR.ruleset().catalogues())
            .fromArgs(DONE_WHEN, Overlay.set("hardware.gpu", "H100-SXM-80GB"));
    DeploymentPlan reread = PlanReader.read(imported.planYaml(), PlanReader.Format.YAML);
    assertThat(reread).isEqualTo(imported.plan());
    assertThat(PlanReader.read(imported.annotatedYaml(), PlanReader.Format.YAML))
        .isEqualTo(imported.plan());
  }

  @Test
  void aConfigJsonPlanEvaluates() throws IOException {
    ImportResult imported =
        new HuggingFaceConfigImporter(ADVISOR.ruleset().catalogues())
            .fromConfig(
                resource("mixtral-8x7b-instruct-config.json"),
                "mixtral-8x7b-instruct-config.json",
                null,
                Overlay.settings(List.of("hardware.gpu=H100-SXM-80GB", "parallelism.tensor=2")));
    Report report = ADVISOR.evaluate(PlanReader.read(imported.planYaml(), PlanReader.Format.YAML));
    Report catalogued =
        ADVISOR.evaluate(
            """
            model: {id: mistralai/Mixtral-8x7B-Instruct-v0.1}
            quantization: {weights: bf16}
            hardware: {gpu: H100-SXM-80GB}
            parallelism: {tensor: 2}
            """,
            PlanReader.Format.YAML);
    assertThat(report.sizing().weightsBytesTotal())
        .isEqualTo(catalogued.sizing().weightsBytesTotal());
    assertThat(report.sizing().kvBytesPerTokenPerGpu())
        .isEqualTo(catalogued.sizing().kvBytesPerTokenPerGpu());
  }

  private static List<String> ids(List<Finding> findings) {
    return findings.stream().map(Finding::ruleId).sorted().toList();
  }
}
