package dev.llmadvisor.importer;

import static dev.llmadvisor.importer.ImportVllmCommandTest.IMPORTER;
import static dev.llmadvisor.importer.ImportVllmCommandTest.assumedFields;
import static dev.llmadvisor.importer.ImportVllmCommandTest.failure;
import static dev.llmadvisor.importer.ImportVllmCommandTest.field;
import static dev.llmadvisor.importer.ImportVllmCommandTest.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.plan.PlanReader;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Overlays: plan fragments and field=value settings merged over an imported plan. */
class ImportOverlayTest {
  static Overlay file(String name) throws IOException {
    return Overlay.parse(ImportEquivalenceTest.resource(name), PlanReader.Format.YAML);
  }

  @Test
  void anOverlayFileFillsWhatTheCommandDoesNotSayFieldByField() throws IOException {
    ImportResult r =
        IMPORTER.fromArgs(
            List.of(
                "vllm",
                "serve",
                "meta-llama/Llama-3.1-8B-Instruct",
                "--max-model-len",
                "16384",
                "--max-num-seqs",
                "256"),
            file("overlay.yaml"));
    assertThat(r.complete()).isTrue();
    assertThat(r.plan().name()).isEqualTo("support-assistant");
    assertThat(field(r, "engine.maxModelLen")).as("kept from the command").isEqualTo(16384);
    assertThat(field(r, "engine.name")).isEqualTo("vllm");
    assertThat(field(r, "engine.maxNumSeqs")).as("the overlay wins").isEqualTo(64);
    assertThat(field(r, "hardware.gpu")).isEqualTo("H100-SXM-80GB");
    assertThat(field(r, "usage.monthlyActiveUsers")).isEqualTo(120000L);
    assertThat(field(r, "workload.concurrentRequests")).isEqualTo(32);
    assertThat(r.overlaid())
        .containsExactly(
            "name",
            "environment",
            "engine.maxNumSeqs",
            "hardware.gpu",
            "workload.concurrentRequests",
            "workload.task",
            "usage.commercial",
            "usage.monthlyActiveUsers");
    assertThat(PlanReader.read(r.planYaml(), PlanReader.Format.YAML)).isEqualTo(r.plan());
  }

  @Test
  void anOverlayReplacesWhatWasAssumed() {
    ImportResult assumed =
        IMPORTER.fromArgs(
            List.of("vllm", "serve", "TheBloke/Llama-2-70B-GPTQ", "--quantization", "gptq"),
            Overlay.NONE);
    assertThat(assumedFields(assumed)).containsExactly("quantization.weights");
    ImportResult told =
        IMPORTER.fromArgs(
            List.of("vllm", "serve", "TheBloke/Llama-2-70B-GPTQ", "--quantization", "gptq"),
            Overlay.settings(List.of("quantization.weights=gptq-int8")));
    assertThat(field(told, "quantization.weights")).isEqualTo("gptq-int8");
    assertThat(told.assumed()).isEmpty();
    assertThat(told.overlaid()).containsExactly("quantization.weights");
  }

  @Test
  void settingsAreTypedByTheFieldTheyName() {
    Overlay o =
        Overlay.settings(
            List.of(
                "hardware.gpu=H100-SXM-80GB",
                "usage.commercial=false",
                "usage.monthlyActiveUsers=5000",
                "engine.gpuMemoryUtilization=0.8",
                "engine.version=0.19",
                "workload.concurrentRequests = 16"));
    assertThat(o.fields())
        .containsExactly(
            "engine.version",
            "engine.gpuMemoryUtilization",
            "hardware.gpu",
            "workload.concurrentRequests",
            "usage.commercial",
            "usage.monthlyActiveUsers");
    assertThat(o.fragment().engine().version()).isEqualTo("0.19");
    assertThat(o.fragment().usage().commercial()).isFalse();
    ImportResult r = IMPORTER.fromArgs(ImportEquivalenceTest.DONE_WHEN, o);
    assertThat(PlanReader.read(r.planYaml(), PlanReader.Format.YAML)).isEqualTo(r.plan());
    assertThat(r.planYaml()).contains("version: \"0.19\"");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "hardware.gpus=H100 | hardware.gpus | unknown field 'gpus'",
        "hardware.gpusPerNode=two | hardware.gpusPerNode | a whole number",
        "usage.commercial=yes | usage.commercial | true or false",
        "model.mergedFrom=x | model.mergedFrom | an overlay file",
        "hardware=H100 | hardware | an overlay file",
        "hardware.gpu.id=x | hardware.gpu.id | no fields below it",
        "gpu | gpu | expected field=value"
      })
  void badSettingsNameTheirField(String setting, String where, String message) {
    ImportException e = failure(() -> Overlay.settings(List.of(setting)));
    assertThat(where(e)).containsExactly(where);
    assertThat(e.getMessage()).contains(message);
  }

  @Test
  void anOverlayIsReadAsStrictlyAsAPlan() {
    ImportException unknown =
        failure(() -> Overlay.parse("hardware: {gpu: L4, gpuCount: 2}", PlanReader.Format.YAML));
    assertThat(where(unknown)).containsExactly("hardware.gpuCount");
    assertThat(unknown.getMessage()).contains("unknown field 'gpuCount'");
    assertThat(unknown.source()).isEqualTo("overlay");
    ImportException empty = failure(() -> Overlay.parse("  ", PlanReader.Format.YAML));
    assertThat(empty.getMessage()).contains("empty");
    Overlay json = Overlay.parse("{\"hardware\": {\"gpu\": \"L4\"}}", PlanReader.Format.JSON);
    assertThat(json.fields()).containsExactly("hardware.gpu");
  }

  @Test
  void laterOverlaysWin() throws IOException {
    Overlay o = file("overlay.yaml").then(Overlay.set("hardware.gpu", "L40S"));
    assertThat(o.fragment().hardware().gpu()).isEqualTo("L40S");
    assertThat(o.fragment().usage().monthlyActiveUsers()).isEqualTo(120000L);
    assertThat(Overlay.NONE.then(o)).isSameAs(o);
    assertThat(o.then(Overlay.NONE)).isSameAs(o);
  }

  @Test
  void anArchitectureMergesFieldByField() throws IOException {
    ImportResult r =
        new HuggingFaceConfigImporter(ImportVllmCommandTest.CATALOGUES)
            .fromConfig(
                ImportEquivalenceTest.resource(ImportHuggingFaceConfigTest.LLAMA),
                null,
                "my/llama",
                Overlay.settings(
                    List.of("model.architecture.maxPositionEmbeddings=8192", "hardware.gpu=L4")));
    assertThat(r.plan().model().architecture().maxPositionEmbeddings()).isEqualTo(8192);
    assertThat(r.plan().model().architecture().numHiddenLayers()).isEqualTo(32);
    assertThat(r.overlaid())
        .containsExactly("model.architecture.maxPositionEmbeddings", "hardware.gpu");
    assertThat(r.complete()).isTrue();
  }

  @Test
  void theAnnotatedYamlSaysEverythingAndStaysAPlan() {
    ImportResult r =
        IMPORTER.fromArgs(
            List.of(
                "vllm",
                "serve",
                "meta-llama/Llama-3.1-8B-Instruct",
                "--quantization",
                "gptq",
                "--port",
                "8000"),
            Overlay.NONE);
    String annotated = r.annotatedYaml();
    assertThat(annotated.lines().filter(l -> l.startsWith("#")))
        .containsExactly(
            "# Imported from vLLM command (vllm serve)",
            "# assumed: quantization.weights = gptq-int4 (" + r.assumed().get(0).why() + ")",
            "# MISSING: hardware.gpu (" + r.missing().get(0).why() + ")",
            "# ignored: --port 8000: " + VllmFlags.SERVING_WHY);
    assertThat(PlanReader.read(annotated, PlanReader.Format.YAML)).isEqualTo(r.plan());
  }
}
