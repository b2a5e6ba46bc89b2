package dev.llmadvisor.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.text.Units;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sizing model's arithmetic against the formats' layouts and the models' configs, case by case.
 */
class SizingModelTest {
  static Sizing size(
      String model, String weights, String kv, String gpu, int tp, int pp, int maxModelLen) {
    DeploymentPlan.Engine vllm =
        new DeploymentPlan.Engine(
            "vllm", "0.19.0", null, maxModelLen, null, null, null, null, null, null);
    return VllmPlans.size(VllmPlans.plan(model, weights, kv, gpu, tp, pp, vllm));
  }

  /**
   * The weight-memory rule of thumb (GB = 1e9 B): decoder Linear params × bytes/param(format) +
   * (embed + lm_head) × 2. The model adds norms (a few MB), so agreement is to 0.1 GB.
   */
  @ParameterizedTest(name = "{0} {1}: {2} GB")
  @CsvSource({
    "meta-llama/Llama-3.1-8B-Instruct, bf16, 16.1",
    "meta-llama/Llama-3.1-8B-Instruct, fp8, 9.1",
    "meta-llama/Llama-3.1-8B-Instruct, awq-int4, 5.7",
    "meta-llama/Llama-3.1-70B-Instruct, bf16, 141.1",
    "meta-llama/Llama-3.1-70B-Instruct, fp8, 72.7",
    "meta-llama/Llama-3.1-70B-Instruct, awq-int4, 39.8",
    "meta-llama/Llama-3.1-405B-Instruct, fp8, 410.1",
    "mistralai/Mixtral-8x7B-Instruct-v0.1, bf16, 93.4",
    "mistralai/Mixtral-8x7B-Instruct-v0.1, awq-int4, 24.7",
    "mistralai/Mistral-Large-Instruct-2407, fp8, 123.4",
    "Qwen/Qwen2.5-72B-Instruct, bf16, 145.4",
    "Qwen/Qwen2.5-72B-Instruct, awq-int4, 41.5"
  })
  void weightsMatchTheFactSheet(String model, String weights, double gigabytes) {
    Sizing s = size(model, weights, "auto", "B200-180GB", 8, 1, 4096);
    assertThat(s.weightsBytesTotal() / 1e9).isCloseTo(gigabytes, within(0.1));
  }

  /** From config.json: KV cache per token in BF16 = 2 × layers × KV heads × head dim × 2 B. */
  @ParameterizedTest(name = "{0}: {1} KiB")
  @CsvSource({
    "meta-llama/Llama-3.1-8B-Instruct, 128",
    "meta-llama/Llama-3.1-70B-Instruct, 320",
    "meta-llama/Llama-3.1-405B-Instruct, 504",
    "mistralai/Mistral-Large-Instruct-2407, 352",
    "Qwen/Qwen2.5-7B-Instruct, 56",
    "google/gemma-2-9b-it, 336",
    "microsoft/Phi-3-mini-4k-instruct, 384"
  })
  void kvBytesPerTokenMatchTheFactSheet(String model, int kib) {
    Sizing s = size(model, null, "auto", "H200-SXM-141GB", 1, 1, 4096);
    assertThat(s.kvBytesPerTokenPerGpu()).isEqualTo(kib * 1024L);
  }

  /**
   * The explanation lists the figures in the order the model works them out (weights before the KV
   * cache), the same in every JVM: a report is byte for byte the same for the same plan and rules.
   */
  @Test
  void theExplanationKeepsTheOrderTheFiguresAreWorkedOut() {
    Sizing s =
        size("meta-llama/Llama-3.1-8B-Instruct", "bf16", "auto", "H100-SXM-80GB", 1, 1, 8192);
    List<String> keys = List.copyOf(s.explain().keySet());
    assertThat(keys).contains("weightsBytesPerGpu", "kvBytesPerTokenPerGpu");
    assertThat(keys.indexOf("weightsBytesPerGpu"))
        .isLessThan(keys.indexOf("kvBytesPerTokenPerGpu"));
  }

  @Test
  void anFp8KvCacheHalvesTheBytesPerTokenAndDoublesTheTokens() {
    Sizing bf16 =
        size("meta-llama/Llama-3.1-8B-Instruct", "bf16", "auto", "H100-SXM-80GB", 1, 1, 8192);
    Sizing fp8 =
        size("meta-llama/Llama-3.1-8B-Instruct", "bf16", "fp8", "H100-SXM-80GB", 1, 1, 8192);
    assertThat(fp8.kvBytesPerTokenPerGpu() * 2).isEqualTo(bf16.kvBytesPerTokenPerGpu());
    assertThat(fp8.kvCapacityTokens())
        .isBetween(2 * bf16.kvCapacityTokens() - 16, 2 * bf16.kvCapacityTokens() + 16);
  }

  @Test
  void kvHeadsAreReplicatedOnceTensorParallelismExceedsThem() {
    // Llama 3.1 70B has 8 KV heads. At TP 16 each GPU still keeps one: 2 × 80 × 1 × 128 × 2 B = 40
    // KiB,
    // the same as at TP 8, and each head is stored twice.
    Sizing tp8 =
        size("meta-llama/Llama-3.1-70B-Instruct", "bf16", "auto", "H100-SXM-80GB", 8, 1, 8192);
    Sizing tp16 =
        size("meta-llama/Llama-3.1-70B-Instruct", "bf16", "auto", "H100-SXM-80GB", 16, 1, 8192);
    assertThat(tp8.kvBytesPerTokenPerGpu()).isEqualTo(40 * 1024L);
    assertThat(tp16.kvBytesPerTokenPerGpu()).isEqualTo(40 * 1024L);
    assertThat(tp16.kvHeadReplication()).isEqualTo(2);
  }

  @Test
  void theGuidesSeventyBillionInFp8OnOneH100LeavesAlmostNoKvCache() {
    // 70.55B params: 68.45B Linear × 1 B + 2.10B embed/lm_head × 2 B = 72.65e9 B = 67.67 GiB of
    // weights.
    // Budget 0.9 × 79.18 GiB = 71.26 GiB; minus 67.67 GiB weights, 2.03 GiB activation peak (vLLM's
    // H100 defaults: 8,192 batched tokens, 1,024 sequences) and 0.25 GiB non-torch memory, 1.31 GiB
    // is left: 1.31 GiB ÷ 320 KiB ≈ 4,290 tokens, not one sequence of 8,192.
    Sizing s =
        size("meta-llama/Llama-3.1-70B-Instruct", "fp8", "auto", "H100-SXM-80GB", 1, 1, 8192);
    assertThat(s.weightsBytesPerGpu() / 1e9).isCloseTo(72.65, within(0.05));
    assertThat(s.weightsFit()).isTrue();
    assertThat(s.kvCacheBytesPerGpu() / 1024.0 / 1024 / 1024).isCloseTo(1.31, within(0.01));
    assertThat(s.kvCapacityTokens()).isBetween(4200L, 4400L);

    assertThat(s.fitsOneSequence()).isFalse();
    assertThat(s.headroomRatio()).isLessThan(0.15);
  }

  @Test
  void pipelineParallelismSplitsLayersAndKeepsTheHeavierEdgeStage() {
    // Llama 3.1 8B over PP 2: 16 layers per stage; the KV cache per token per GPU halves.
    Sizing pp2 =
        size("meta-llama/Llama-3.1-8B-Instruct", "bf16", "auto", "H100-SXM-80GB", 1, 2, 8192);
    assertThat(pp2.layersPerGpu()).isEqualTo(16);
    assertThat(pp2.kvBytesPerTokenPerGpu()).isEqualTo(64 * 1024L);
  }

  @Test
  void anL40sIsSizedWithTheMemoryTheDriverReportsNotFortyEightGib() {
    // Qwen2.5 72B FP8 at TP 2, vLLM defaults for a GPU under 70 GiB (2,048 batched tokens, 256
    // sequences). Weights: (70.21B Linear × 1 B + 2.49B embed/lm_head × 2 B) ÷ 2 = 35.02 GiB per
    // GPU.
    // Budget 0.9 × 44.31 GiB = 39.88 GiB; minus 35.02 weights, 1.19 activation peak and 2.10
    // non-torch = 1.57 GiB of KV cache: 644 blocks × 16 = 10,304 tokens at 160 KiB per token.
    // With the nominal 48 read as GiB the budget was 43.20 GiB and the cache 4.89 GiB (~32,000
    // tokens), 3.1 times as much.
    DeploymentPlan.Engine vllm =
        new DeploymentPlan.Engine("vllm", null, null, 16384, null, null, null, null, null, null);
    Sizing s =
        VllmPlans.size(
            VllmPlans.plan("Qwen/Qwen2.5-72B-Instruct", "fp8", "auto", "L40S-48GB", 2, 1, vllm));
    assertThat(s.totalMemoryBytesPerGpu()).isEqualTo(Math.round(44.31 * Units.GIB));
    assertThat(s.memoryIsEstimate()).isFalse();
    assertThat(s.weightsBytesPerGpu() / Units.GIB).isCloseTo(35.02, within(0.01));
    assertThat(s.kvCacheBytesPerGpu() / Units.GIB).isCloseTo(1.57, within(0.01));
    assertThat(s.kvBytesPerTokenPerGpu()).isEqualTo(160 * 1024L);
    assertThat(s.kvCapacityTokens()).isEqualTo(644 * 16L);
    assertThat(s.fitsOneSequence()).isFalse();
  }

  @Test
  void anEstimatedGpuCarriesTheMarginAndTheTokensItCouldAdd() {
    // A100 80GB PCIe: no public driver figure; 80e9 B = 74.51 GiB less 0.50 = 74.00 GiB, margin
    // 6.00 GiB up to 80 GiB. Llama 3.1 8B BF16 at 128 KiB per token: 0.9 × 6.00 GiB = 5.40 GiB
    // = 5.40 × 1024 × 1024 ÷ 128 = 44,236 tokens the cache may be larger by.
    DeploymentPlan.Engine vllm =
        new DeploymentPlan.Engine("vllm", null, null, 8192, null, null, null, null, null, null);
    Sizing s =
        VllmPlans.size(
            VllmPlans.plan(
                "meta-llama/Llama-3.1-8B-Instruct", "bf16", "auto", "A100-PCIE-80GB", 1, 1, vllm));
    assertThat(s.memoryIsEstimate()).isTrue();
    assertThat(s.totalMemoryBytesPerGpu()).isEqualTo(Math.round(74.00 * Units.GIB));
    assertThat(s.memoryMarginBytesPerGpu()).isEqualTo(Math.round(6.00 * Units.GIB));
    assertThat(s.kvTokensInMemoryMargin())
        .isEqualTo(Math.round(0.9 * 6.00 * Units.GIB) / (128 * 1024));
    assertThat(s.kvTokensInMemoryMargin()).isEqualTo(44_236L);
  }

  @Test
  void llamaCppSplitsWholeLayersSoTensorParallelismShardsNoKvHead() {
    // llama.cpp's default --split-mode layer: "TP 3" over three GPUs is 3 stages of whole layers:
    // Llama 3.1 70B's 80 layers → ceil(80 / 3) = 27 layers per GPU, all 8 KV heads on each:
    // 2 × 27 × 8 × 128 × 2 B = 108 KiB per token, no head replicated.
    DeploymentPlan.Engine llamaCpp =
        new DeploymentPlan.Engine(
            "llama.cpp", null, null, 8192, null, null, null, null, null, null);
    Sizing s =
        VllmPlans.size(
            VllmPlans.plan(
                "meta-llama/Llama-3.1-70B-Instruct",
                "gguf-q4_k_m",
                "auto",
                "RTX-4090-24GB",
                3,
                1,
                llamaCpp));
    assertThat(s.layersPerGpu()).isEqualTo(27);
    assertThat(s.kvHeadsPerGpu()).isEqualTo(8);
    assertThat(s.kvHeadReplication()).isEqualTo(1);
    assertThat(s.kvBytesPerTokenPerGpu()).isEqualTo(108 * 1024L);
  }
}
