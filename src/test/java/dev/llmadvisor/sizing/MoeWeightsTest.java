package dev.llmadvisor.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.catalogue.Architecture;
import dev.llmadvisor.catalogue.WeightFormat;
import org.junit.jupiter.api.Test;

/** Routed experts per GPU with and without expert parallelism, on catalogued MoE models. */
class MoeWeightsTest {
  static Architecture model(String id) {
    return VllmPlans.CATALOGUES.models().get(id).architecture();
  }

  static WeightFormat format(String id) {
    return VllmPlans.CATALOGUES.weightFormats().get(id);
  }

  /** One Qwen3-235B-A22B expert: 3 × 4096 × 1536 = 18,874,368 parameters; 94 MoE layers. */
  static final double QWEN3_235B_EXPERT = 3.0 * 4096 * 1536;

  @Test
  void expertParallelismEqualToTensorParallelismHoldsTheSameBytesAsSlicing() {
    Architecture a = model("Qwen/Qwen3-235B-A22B");
    // TP 8: every expert's width / 8 → 128 × 18,874,368 / 8 = 301,989,888 per layer
    // EP 8: 128 / 8 = 16 whole experts → 16 × 18,874,368 = 301,989,888 per layer
    assertThat(MoeWeights.routedParamsPerLayerPerGpu(a, 8, 1)).isEqualTo(301_989_888.0);
    assertThat(MoeWeights.routedParamsPerLayerPerGpu(a, 8, 8)).isEqualTo(301_989_888.0);
    assertThat(MoeWeights.routedParamsPerLayerPerGpu(a, 8, 8)).isEqualTo(16 * QWEN3_235B_EXPERT);
  }

  @Test
  void unevenExpertParallelismSizesTheHeaviestRank() {
    Architecture a = model("Qwen/Qwen3-235B-A22B");
    // EP 6: ceil(128 / 6) = 22 experts on ranks 0–1 (128 mod 6 = 2), 21 on the others
    assertThat(MoeWeights.expertsOnHeaviestRank(a, 6)).isEqualTo(22);
    assertThat(MoeWeights.routedParamsPerLayerPerGpu(a, 6, 6))
        .isEqualTo(22 * QWEN3_235B_EXPERT) // 415,236,096
        .isGreaterThan(MoeWeights.routedParamsPerLayerPerGpu(a, 6, 1)); // 402,653,184
  }

  @Test
  void dataParallelExpertsShrinkEachRanksShareBelowTensorParallelism() {
    Architecture a = model("Qwen/Qwen3-235B-A22B");
    // TP 4 × DP 2 with --enable-expert-parallel: EP 8 → 16 experts per GPU instead of 128 / 4 = 32
    assertThat(MoeWeights.routedParamsPerLayerPerGpu(a, 4, 8)).isEqualTo(16 * QWEN3_235B_EXPERT);
    assertThat(MoeWeights.routedParamsPerLayerPerGpu(a, 4, 1)).isEqualTo(32 * QWEN3_235B_EXPERT);
  }

  @Test
  void mxfp4QuantisesOnlyTheRoutedExperts() {
    Architecture a = model("openai/gpt-oss-20b");
    // experts: 24 layers × 32 × 3 × 2880 × 2880 = 19,110,297,600 params × 4.25 / 8 B =
    // 10,152,345,600 B
    // attention: 24 × (2880 × 4096 × 2 + 2 × 2880 × 512) = 637,009,920 params × 2 B = 1,274,019,840
    // B
    assertThat(MoeWeights.linearBytesTotal(a, format("mxfp4"))).isEqualTo(11_426_365_440.0);
    assertThat(a.moeLayerCount()).isEqualTo(24);
  }

  @Test
  void llama4MaverickInterleavesMoeAndDenseLayers() {
    Architecture a = model("meta-llama/Llama-4-Maverick-17B-128E-Instruct");
    // step 2: layers 1, 3, …, 47 are MoE (24), the other 24 dense of 16384
    assertThat(a.moeLayerCount()).isEqualTo(24);
    assertThat(a.moeDenseLayerCount()).isEqualTo(24);
    // routed 24 × 128 × 3 × 5120 × 8192 = 386,547,056,640; shared 24 × 3 × 5120 × 8192 =
    // 3,019,898,880; dense 24 × 3 × 5120 × 16384 = 6,039,797,760; attention 48 × 62,914,560 =
    // 3,019,898,880; embeddings + lm_head 2 × 202,048 × 5120 = 2,068,971,520; router 24 × 5120 ×
    // 128 = 15,728,640; norms 48 × 10,240 + 5120 = 496,640 → 400,711,848,960
    assertThat(a.computedParameters()).isEqualTo(400_711_848_960.0);
  }
}
