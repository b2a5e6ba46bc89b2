package dev.llmadvisor.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.catalogue.CatalogueLoader;
import dev.llmadvisor.catalogue.Catalogues;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A plan without quantization.weights gets what the engine's dtype=auto loads, from the release
 * data of catalogues/engines.yaml: vLLM from 0.9 falls back from BF16 to FP16 on a GPU without BF16
 * (FP32 for the model types it refuses in float16 from 0.10.2); before 0.9 the native BF16 stays.
 */
class PlanResolverAutoDtypeTest {
  static final Catalogues CATALOGUES = CatalogueLoader.load(Path.of("catalogues"));

  static ResolvedPlan resolve(String yaml) {
    return PlanResolver.resolve(PlanReader.read(yaml, PlanReader.Format.YAML), CATALOGUES);
  }

  static AppliedDefault weightsDefault(ResolvedPlan r) {
    return r.defaults().stream()
        .filter(d -> d.field().equals("quantization.weights"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void onATuringGpuVllm019ResolvesABf16CheckpointToFp16() {
    ResolvedPlan r =
        resolve(
            "model: {id: microsoft/Phi-3-mini-4k-instruct}\nhardware: {gpu: T4-16GB}\n"
                + "engine: {version: \"0.19.0\"}\n");
    assertThat(r.model().nativeDtype()).isEqualTo("bf16");
    assertThat(r.weights().id()).isEqualTo("fp16");
    // same 2 bytes per parameter as BF16: the weights of a 3.82 B model stay 7.64 GB
    assertThat(r.weights().bytesPerParam()).isEqualTo(16 / 8.0);
    assertThat(weightsDefault(r).reason())
        .isEqualTo(
            "vLLM 0.19.0 resolves dtype=auto to FP16: T4-16GB has no BF16, the model's native dtype");
  }

  @Test
  void beforeTheFallbackTheNativeBf16StaysAndTheRulesRefuseIt() {
    ResolvedPlan r =
        resolve(
            "model: {id: microsoft/Phi-3-mini-4k-instruct}\nhardware: {gpu: T4-16GB}\n"
                + "engine: {version: \"0.8.5\"}\n");
    assertThat(r.engineRelease().since()).isEqualTo("0.8.0");
    assertThat(r.weights().id()).isEqualTo("bf16");
    assertThat(weightsDefault(r).reason()).isEqualTo("the model's native dtype");
  }

  @Test
  void aGpuWithBf16KeepsTheNativeDtype() {
    ResolvedPlan r =
        resolve("model: {id: meta-llama/Llama-3.1-8B-Instruct}\nhardware: {gpu: A100-SXM-80GB}\n");
    assertThat(r.weights().id()).isEqualTo("bf16");
  }

  @Test
  void gemma2FallsBackToFp32WhereVllmRefusesFloat16() {
    ResolvedPlan r =
        resolve(
            "model: {id: google/gemma-2-9b-it}\nhardware: {gpu: V100-SXM2-32GB}\n"
                + "engine: {version: \"0.19.0\"}\n");
    assertThat(r.model().modelType()).isEqualTo("gemma2");
    assertThat(r.weights().id()).isEqualTo("fp32");
    // 4 bytes per parameter: twice the BF16 checkpoint
    assertThat(r.weights().bytesPerParam()).isEqualTo(32 / 8.0);
    assertThat(weightsDefault(r).reason()).endsWith("and vLLM refuses float16 for gemma2");
  }

  @Test
  void gemma2OnVllm09FallsBackToFp16TheListCameLater() {
    ResolvedPlan r =
        resolve(
            "model: {id: google/gemma-2-9b-it}\nhardware: {gpu: V100-SXM2-32GB}\n"
                + "engine: {version: \"0.9.2\"}\n");
    assertThat(r.weights().id()).isEqualTo("fp16");
  }

  @Test
  void weightsTheplanGivesAreNeverReplaced() {
    ResolvedPlan r =
        resolve(
            "model: {id: meta-llama/Llama-3.1-8B-Instruct}\nquantization: {weights: bf16}\n"
                + "hardware: {gpu: T4-16GB}\n");
    assertThat(r.weights().id()).isEqualTo("bf16");
    assertThat(r.defaults()).noneMatch(d -> d.field().equals("quantization.weights"));
  }
}
