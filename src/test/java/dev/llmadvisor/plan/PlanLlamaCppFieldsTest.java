package dev.llmadvisor.plan;

import static dev.llmadvisor.plan.PlanLicenceFieldsTest.refused;
import static dev.llmadvisor.plan.PlanLicenceFieldsTest.resolve;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * llama.cpp's engine.gpuLayers (-ngl) and engine.flashAttention (--flash-attn): defaulted from the
 * release, refused on other engines and out of range, each error naming its field.
 */
class PlanLlamaCppFieldsTest {
  static final String MODEL =
      "model: {id: meta-llama/Llama-3.1-8B-Instruct}\n"
          + "quantization: {weights: gguf-q4_k_m}\n"
          + "hardware: {gpu: RTX-4090-24GB}\n";

  @Test
  void theReleaseDecidesTheDefaults() {
    // Since PR #15434 (catalogued from b6327): every layer + the output layer (32 + 1), FA auto.
    ResolvedPlan now = resolve(MODEL + "engine: {name: llama.cpp, maxModelLen: 8192}\n");
    assertThat(now.plan().engine().gpuLayers()).isEqualTo(33);
    assertThat(now.plan().engine().flashAttention()).isEqualTo("auto");
    // Before it: no layer offloaded unless -ngl is given, flash attention off.
    ResolvedPlan old =
        resolve(MODEL + "engine: {name: llama.cpp, version: \"6000\", maxModelLen: 8192}\n");
    assertThat(old.plan().engine().gpuLayers()).isZero();
    assertThat(old.plan().engine().flashAttention()).isEqualTo("off");
    assertThat(old.defaults()).anyMatch(d -> d.field().equals("engine.gpuLayers"));
  }

  @Test
  void vllmHasNeitherSetting() {
    ResolvedPlan r =
        resolve("model: {id: meta-llama/Llama-3.1-8B-Instruct}\nhardware: {gpu: H100-SXM-80GB}\n");
    assertThat(r.plan().engine().gpuLayers()).isNull();
    assertThat(r.plan().engine().flashAttention()).isNull();
    InvalidPlanException e =
        refused(
            "model: {id: meta-llama/Llama-3.1-8B-Instruct}\nhardware: {gpu: H100-SXM-80GB}\n"
                + "engine: {name: vllm, gpuLayers: 20}\n");
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("engine.gpuLayers");
  }

  @Test
  void badValuesAreRefusedByField() {
    InvalidPlanException e =
        refused(MODEL + "engine: {name: llama.cpp, gpuLayers: -1, flashAttention: maybe}\n");
    assertThat(e.errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("engine.gpuLayers", "engine.flashAttention");
  }
}
