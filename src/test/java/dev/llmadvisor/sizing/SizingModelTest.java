package dev.llmadvisor.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmadvisor.plan.DeploymentPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sizing model's arithmetic against FACTS §5 and §2, case by case. */
class SizingModelTest {
  static Sizing size(
      String model, String weights, String kv, String gpu, int tp, int pp, int maxModelLen) {
    DeploymentPlan.Engine vllm =
        new DeploymentPlan.Engine("vllm", "0.19.0", null, maxModelLen, null, null, null, null);
    return VllmPlans.size(VllmPlans.plan(model, weights, kv, gpu, tp, pp, vllm));
  }

  /**
   * FACTS §5.4 weight-memory table (GB = 1e9 B): decoder Linear params × bytes/param(format) +
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

  /** FACTS §2: KV cache per token in BF16 = 2 × layers × KV heads × head dim × 2 B. */
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
}
