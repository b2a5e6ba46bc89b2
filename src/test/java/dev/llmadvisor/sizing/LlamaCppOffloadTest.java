package dev.llmadvisor.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmadvisor.plan.DeploymentPlan;
import org.junit.jupiter.api.Test;

/** llama.cpp's quantized KV element sizes and its -ngl placement, with the arithmetic. */
class LlamaCppOffloadTest {
  static Sizing llamaCpp(String model, String kv, Integer gpuLayers, String gpu) {
    DeploymentPlan.Engine e =
        new DeploymentPlan.Engine(
            "llama.cpp", null, null, 8192, null, null, null, null, gpuLayers, null);
    return VllmPlans.size(VllmPlans.plan(model, "gguf-q4_k_m", kv, gpu, 1, 1, e));
  }

  @Test
  void q8ZeroAndQ4ZeroKvCachesUseGgmlBlockSizes() {
    String m = "meta-llama/Llama-3.1-8B-Instruct";
    // f16: 2 (K and V) × 32 layers × 8 KV heads × 128 × 2 B = 131,072 B per token (as before).
    assertThat(llamaCpp(m, "auto", null, "RTX-4090-24GB").kvBytesPerTokenPerGpu())
        .isEqualTo(2L * 32 * 8 * 128 * 2);
    // q8_0: 34-byte blocks of 32 elements = 1.0625 B: 2 × 32 × 8 × 128 × 1.0625 = 69,632 B.
    assertThat(llamaCpp(m, "q8_0", null, "RTX-4090-24GB").kvBytesPerTokenPerGpu())
        .isEqualTo(69_632L);
    // q4_0: 18-byte blocks of 32 = 0.5625 B: 2 × 32 × 8 × 128 × 0.5625 = 36,864 B.
    assertThat(llamaCpp(m, "q4_0", null, "RTX-4090-24GB").kvBytesPerTokenPerGpu())
        .isEqualTo(36_864L);
    // q5_1: 24-byte blocks of 32 = 0.75 B: 2 × 32 × 8 × 128 × 0.75 = 49,152 B.
    assertThat(llamaCpp(m, "q5_1", null, "RTX-4090-24GB").kvBytesPerTokenPerGpu())
        .isEqualTo(49_152L);
  }

  @Test
  void partialOffloadKeepsTheFirstLayersAndTheEmbeddingsInHostRam() {
    String m = "meta-llama/Llama-3.1-70B-Instruct";
    Sizing all = llamaCpp(m, "auto", null, "RTX-4090-24GB");
    Sizing part = llamaCpp(m, "auto", 40, "RTX-4090-24GB");
    // Default (PR #15434): -ngl = 80 layers + 1 output layer, nothing on the CPU.
    assertThat(all.offload().gpuLayers()).isEqualTo(81);
    assertThat(all.offload().cpuLayers()).isZero();
    assertThat(all.layersPerGpu()).isEqualTo(80);
    // -ngl 40: the output layer and the last 39 layers on the GPU, layers 0–40 (41) on the CPU.
    LlamaCppOffload o = part.offload();
    assertThat(o.outputOnGpu()).isTrue();
    assertThat(o.repeatingLayersOnGpu()).isEqualTo(39);
    assertThat(o.cpuLayers()).isEqualTo(41);
    assertThat(part.layersPerGpu()).isEqualTo(39);
    // GPU weights differ by 41 layers; host RAM holds those 41 layers plus the token embeddings:
    // 128,256 × 8,192 params × 4.8944 / 8 B (Q4_K_M) = 642.8 MB.
    double embedding = 128_256.0 * 8_192 * 4.8944 / 8;
    assertThat((double) o.hostWeightsBytes())
        .isCloseTo(all.weightsBytesPerGpu() - part.weightsBytesPerGpu() + embedding, within(2.0));
    // One layer: (855,638,016 Linear + 16,384 norm params) × 0.6118 B = 523,489,362 B; the output
    // layer (1,050,673,152 + 8,192) × 0.6118 B = 642,806,846 B (docs/sizing.md's worked example).
    assertThat(part.weightsBytesPerGpu())
        .isCloseTo(39 * 523_489_362L + 642_806_846L, within(64L)); // 21,058,891,964 B
    assertThat(o.hostWeightsBytes())
        .isCloseTo(41 * 523_489_362L + 642_801_834L, within(64L)); // 22,105,865,676 B
    // KV on the GPU for its 39 layers: 2 × 39 × 8 × 128 × 2 B = 159,744 B per token; the CPU's 41
    // layers hold 2 × 41 × 8 × 128 × 2 B × 8,192 tokens = 1,375,731,712 B in host RAM.
    assertThat(part.kvBytesPerTokenPerGpu()).isEqualTo(2L * 39 * 8 * 128 * 2);
    assertThat(o.hostKvBytes()).isEqualTo(2L * 41 * 8 * 128 * 2 * 8192);
  }

  @Test
  void nglEqualToTheLayersLeavesLayerZeroOnTheCpuAndALargerOneIsClamped() {
    String m = "meta-llama/Llama-3.1-8B-Instruct";
    LlamaCppOffload at32 = llamaCpp(m, "auto", 32, "RTX-4090-24GB").offload();
    assertThat(at32.repeatingLayersOnGpu()).isEqualTo(31);
    assertThat(at32.cpuLayers()).isEqualTo(1);
    assertThat(at32.clamped()).isFalse();
    LlamaCppOffload at999 = llamaCpp(m, "auto", 999, "RTX-4090-24GB").offload();
    assertThat(at999.gpuLayers()).isEqualTo(33);
    assertThat(at999.clamped()).isTrue();
    assertThat(at999.cpuLayers()).isZero();
  }

  @Test
  void noLayerOnTheGpuKeepsTheWholeCacheInHostRam() {
    Sizing s = llamaCpp("meta-llama/Llama-3.1-8B-Instruct", "auto", 0, "RTX-4090-24GB");
    assertThat(s.offload().outputOnGpu()).isFalse();
    assertThat(s.offload().cpuLayers()).isEqualTo(32);
    assertThat(s.weightsBytesPerGpu()).isZero();
    assertThat(s.kvCacheBytesPerGpu()).isZero();
    // 2 × 32 × 8 × 128 × 2 B × 8,192 tokens = 1 GiB of KV cache in host RAM.
    assertThat(s.offload().hostKvBytes()).isEqualTo(1L << 30);
    assertThat(s.kvCapacityTokens()).isEqualTo(8192);
  }
}
