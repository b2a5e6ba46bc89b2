package dev.llmadvisor.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmadvisor.catalogue.Architecture;
import dev.llmadvisor.plan.DeploymentPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Multi-head latent attention: parameter counts and the latent KV cache, with the arithmetic. */
class MlaSizingTest {
  static Architecture arch(String id) {
    return VllmPlans.CATALOGUES.models().get(id).architecture();
  }

  static Sizing size(String model, int tp, String version, String kv) {
    return VllmPlans.size(
        VllmPlans.plan(
            model,
            "bf16",
            kv,
            "H100-SXM-80GB",
            tp,
            1,
            new DeploymentPlan.Engine(
                "vllm", version, 0.95, 8192, null, null, null, null, null, null)));
  }

  @Test
  void deepSeekV2LiteCountsToItsCheckpoint() {
    Architecture a = arch("deepseek-ai/DeepSeek-V2-Lite");
    // q_proj 2048 × 16 × (128 + 64) = 6,291,456; kv_a_proj_with_mqa 2048 × (512 + 64) = 1,179,648;
    // kv_b_proj 512 × 16 × (128 + 128) = 2,097,152; o_proj 16 × 128 × 2048 = 4,194,304.
    assertThat(a.mlaAttentionParamsPerLayer())
        .isEqualTo(6_291_456 + 1_179_648 + 2_097_152 + 4_194_304);
    assertThat(a.mlaNormParamsPerLayer()).as("kv_a_layernorm; no q_lora_rank").isEqualTo(512);
    // Layer 0 dense (first_k_dense_replace 1): 3 × 2048 × 10944; layers 1–26 MoE.
    assertThat(a.moeDenseLayerCount()).isEqualTo(1);
    assertThat(a.moeLayerCount()).isEqualTo(26);
    assertThat(a.moeDenseMlpParams()).isEqualTo(67_239_936);
    assertThat(a.moeRoutedExpertParamsPerMoeLayer())
        .as("64 × 3 × 2048 × 1408")
        .isEqualTo(553_648_128);
    assertThat(a.moeSharedExpertParamsPerMoeLayer())
        .as("3 × 2048 × (2 × 1408)")
        .isEqualTo(17_301_504);
    assertThat(a.moeRouterParamsPerMoeLayer()).as("2048 × 64").isEqualTo(131_072);
    // The safetensors inventory of DeepSeek-V2-Lite-Chat sums to 15,706,484,224 parameters.
    assertThat(a.computedParameters()).isCloseTo(15_706_484_224.0, within(1.0));
    // Active: 6 of 64 routed experts: 15,706,484,224 − 26 × 3 × 2048 × 1408 × 58.
    assertThat(a.activeParameters())
        .isCloseTo(15_706_484_224.0 - 26.0 * 3 * 2048 * 1408 * 58, within(1.0));
  }

  @Test
  void deepSeekV3CountsTo671Billion() {
    Architecture a = arch("deepseek-ai/DeepSeek-V3");
    // q_a 7168 × 1536 + q_b 1536 × 128 × 192 + kv_a 7168 × 576 + kv_b 512 × 128 × 256
    // + o 128 × 128 × 7168 = 187,105,280 per layer.
    assertThat(a.mlaAttentionParamsPerLayer()).isEqualTo(187_105_280);
    assertThat(a.mlaNormParamsPerLayer()).as("kv_a 512 + q_a 1536").isEqualTo(2048);
    assertThat(a.moeLayerCount()).isEqualTo(58);
    assertThat(a.computedParameters()).isCloseTo(671.026e9, within(0.001e9));
    assertThat(a.activeParameters())
        .as("the card's 37B activated")
        .isCloseTo(37.55e9, within(0.01e9));
  }

  @ParameterizedTest(name = "TP {0}")
  @CsvSource({"1", "2", "4"})
  void theLatentCacheIsNotSplitByTensorParallelism(int tp) {
    Sizing s = size("deepseek-ai/DeepSeek-V2-Lite-Chat", tp, "0.19.0", "auto");
    // 27 layers × (512 + 64) × 2 B, on every GPU of the group.
    assertThat(s.kvBytesPerTokenPerGpu()).isEqualTo(27L * 576 * 2).isEqualTo(31_104);
    assertThat(s.mlaLatentKvBytesPerTokenPerGpu()).isEqualTo(31_104);
    assertThat(s.kvHeadReplication()).isEqualTo(1);
  }

  @Test
  void anFp8CacheHalvesTheLatent() {
    Sizing s = size("deepseek-ai/DeepSeek-V2-Lite-Chat", 1, "0.19.0", "fp8");
    assertThat(s.kvBytesPerTokenPerGpu()).isEqualTo(27L * 576 * 1);
  }

  @Test
  void vllmBeforeMlaKernelsStoresFullKeysAndValues() {
    // vLLM 0.6.x: 2 × 27 layers × 16 heads × 256 (192 padded) × 2 B = 442,368 B/token, as PR
    // #10927's "before" log gives (35.42 GiB / 5,373 blocks / 16); heads split over TP.
    assertThat(
            size("deepseek-ai/DeepSeek-V2-Lite-Chat", 1, "0.6.4", "auto").kvBytesPerTokenPerGpu())
        .isEqualTo(442_368);
    assertThat(
            size("deepseek-ai/DeepSeek-V2-Lite-Chat", 2, "0.6.4", "auto").kvBytesPerTokenPerGpu())
        .isEqualTo(221_184);
    assertThat(
            size("deepseek-ai/DeepSeek-V2-Lite-Chat", 1, "0.7.1", "auto").kvBytesPerTokenPerGpu())
        .as("0.7.1 caches the latent")
        .isEqualTo(31_104);
  }

  @Test
  void replicatedLatentProjectionsStayWholeOnEachGpu() {
    Architecture a = arch("deepseek-ai/DeepSeek-V2-Lite");
    // kv_a_proj_with_mqa 2048 × 576 is a ReplicatedLinear in vLLM: at TP 2 each GPU keeps it whole.
    assertThat(a.mlaReplicatedParamsPerLayer()).isEqualTo(1_179_648);
    long tp1 = size("deepseek-ai/DeepSeek-V2-Lite-Chat", 1, "0.19.0", "auto").weightsBytesPerGpu();
    long tp2 = size("deepseek-ai/DeepSeek-V2-Lite-Chat", 2, "0.19.0", "auto").weightsBytesPerGpu();
    // Half of the whole, plus the other half of what every GPU keeps whole: kv_a (27 layers ×
    // 1,179,648), the norms (27 × (2 × 2048 + 512) + 2048) and the routers (26 × 131,072), × 2 B.
    double whole = 27 * 1_179_648 + 27 * (2 * 2048 + 512) + 2048 + 26 * 131_072;
    assertThat((double) tp2).isCloseTo(tp1 / 2.0 + whole * 2 / 2.0, within(2.0));
  }

  @Test
  void expertParallelismMovesTheRoutedExpertsAndKeepsTheReplicatedLatentProjections() {
    // TP 2 × DP 2 with --enable-expert-parallel: EP 4 over 4 GPUs.
    DeploymentPlan tp2 =
        VllmPlans.plan(
            "deepseek-ai/DeepSeek-V2-Lite-Chat",
            "bf16",
            "auto",
            "H100-SXM-80GB",
            2,
            1,
            new DeploymentPlan.Engine(
                "vllm", "0.19.0", 0.95, 8192, null, null, null, null, null, null));
    DeploymentPlan ep4 =
        new DeploymentPlan(
            tp2.name(),
            tp2.environment(),
            tp2.model(),
            tp2.quantization(),
            tp2.engine(),
            new DeploymentPlan.Hardware("H100-SXM-80GB", 4, 1, null),
            new DeploymentPlan.Parallelism(2, 1, 4),
            null,
            null,
            null,
            null,
            null);
    long sliced = VllmPlans.size(tp2).weightsBytesPerGpu();
    long whole = VllmPlans.size(ep4).weightsBytesPerGpu();
    // One routed expert 3 × 2048 × 1408 = 8,650,752. Sliced by TP 2: 64 / 2 = 32 experts' worth per
    // MoE layer; EP 4: 16 whole experts. 26 MoE layers × 16 × 8,650,752 × 2 B = 7,197,425,664 B
    // less.
    assertThat((double) whole).isCloseTo(sliced - 26.0 * 16 * 8_650_752 * 2, within(4.0));
    // The rest is as at TP 2 without EP: half of TP 1, plus the other half of what each GPU keeps
    // whole (kv_a_proj_with_mqa 27 × 1,179,648, norms 27 × 4,608 + 2,048, routers 26 × 131,072).
    long tp1 = size("deepseek-ai/DeepSeek-V2-Lite-Chat", 1, "0.19.0", "auto").weightsBytesPerGpu();
    double replicated = 27 * 1_179_648 + 27 * (2 * 2048 + 512) + 2048 + 26 * 131_072;
    assertThat((double) whole)
        .isCloseTo(tp1 / 2.0 + replicated - 26.0 * 16 * 8_650_752 * 2, within(4.0));
  }
}
