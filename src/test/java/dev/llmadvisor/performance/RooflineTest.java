package dev.llmadvisor.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmadvisor.catalogue.CatalogueLoader;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.catalogue.RooflineFactors;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.plan.PlanResolver;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.sizing.Sizing;
import dev.llmadvisor.sizing.SizingModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The calibrated terms of the speed model, by hand, with the catalogue's coefficients. */
class RooflineTest {
  static final Catalogues CATALOGUES = CatalogueLoader.load(Path.of("catalogues"));
  static final RooflineFactors F = CATALOGUES.roofline();

  static ResolvedPlan plan(String yaml) {
    return PlanResolver.resolve(PlanReader.read(yaml, PlanReader.Format.YAML), CATALOGUES);
  }

  static final String LLAMACPP_4090 =
      """
      model: {id: meta-llama/Meta-Llama-3-8B}
      quantization: {weights: gguf-q4_k_m, kvCache: fp16}
      engine: {name: llama.cpp, version: "b2824", maxModelLen: %d, gpuLayers: 99, flashAttention: "off"}
      hardware: {gpu: RTX-4090-24GB}
      workload: {concurrentRequests: 1, promptTokens: %d, outputTokens: %d}
      """;

  @Test
  void decodeAddsTheEngineOverheadsToTheWeightAndCacheReads() {
    ResolvedPlan r = plan(LLAMACPP_4090.formatted(513, 1, 512));
    Sizing s = SizingModel.size(r);
    Performance p = Roofline.estimate(r, s, F);
    // RTX 4090 is family ada-geforce: bandwidth fraction 1.0; GGUF bandwidth factor 0.9992.
    double weights = s.weightsBytesPerGpu() / (1.008e12 * 1.0 * 0.9992);
    // KV: 2 × 32 layers × 8 heads × 128 × 2 B = 131,072 B per token; average context 1 + 512 / 2.
    assertEquals(131_072, s.kvBytesPerTokenPerGpu());
    double kv = 1 * 257 * 131_072 / (1.008e12 * 1.0);
    // llama.cpp since build 1: 1.948 ms + 32 layers × 62.49 µs per token.
    double overhead = 1.948e-3 + 32 * 62.49e-6;
    double tokenSeconds = weights + kv + overhead;
    assertEquals(1 / tokenSeconds, p.decodeTokensPerSecondPerSequence(), 0.01);
    assertEquals("memory", p.decodeBound());
    assertTrue(
        p.explain().get("decodeTokensPerSecondPerSequence").contains("× 1 × 0.9992 (gguf)"),
        p.explain().get("decodeTokensPerSecondPerSequence"));
    // The range: llama.cpp on ada-geforce, 6 training points, 0.99 … 1.08 of the prediction.
    assertEquals(
        Math.round(p.decodeTokensPerSecondPerSequence() * 0.99 * 100) / 100.0,
        p.decodeTokensPerSecondPerSequenceRange().low(),
        0.011);
    assertEquals(
        Math.round(p.decodeTokensPerSecondPerSequence() * 1.08 * 100) / 100.0,
        p.decodeTokensPerSecondPerSequenceRange().high(),
        0.011);
  }

  @Test
  void aLongPromptIsPrefilledInChunksOfTheMicroBatch() {
    ResolvedPlan r = plan(LLAMACPP_4090.formatted(4097, 4096, 1));
    Sizing s = SizingModel.size(r);
    Performance p = Roofline.estimate(r, s, F);
    // llama.cpp's micro-batch is 512 tokens: 4,096 ÷ 512 = 8 chunks.
    assertEquals(512, p.inputs().get("prefillChunkTokens"));
    assertEquals(8, p.inputs().get("prefillChunks"));
    // FLOPs: 2 × 8.03 B × 4,096 + 2 × 4,096² × 4,096 (attention width) × 32 layers, at 165 TFLOP/s
    // (the FP32-accumulate figure) × 1.081 (ada-geforce) × 0.6974 (GGUF).
    double active = r.architecture().activeParameters();
    double flops = 2 * active * 4096 + 2.0 * 4096 * 4096 * 4096 * 32;
    double compute = flops / (165e12 * 1.081 * 0.6974);
    double reads = 8 * s.weightsBytesPerGpu() / (1.008e12 * 1.0 * 0.9992);
    // Each chunk: 0.0063 ms + 32 layers × 585.8 µs.
    double chunkCost = 8 * (0.0063e-3 + 32 * 585.8e-6);
    assertEquals((Math.max(compute, reads) + chunkCost) * 1000, p.ttftMs(), 0.01);
    // TTFT range: ada-geforce has 3 training TTFT points (< 5): llama.cpp's over every family,
    // 0.84 … 1.10.
    assertEquals(Math.round(p.ttftMs() * 1.10 * 100) / 100.0, p.ttftMsRange().high(), 0.011);
    assertTrue(p.ttftMsRange().basis().contains("every calibrated family"));
  }

  @Test
  void tensorParallelismPaysTwoAllReducesPerLayerOverNvlink() {
    RooflineFactors.Interconnect nvlink = F.interconnect("nvlink");
    // 2 × 80 layers × (147.4 µs + 2 × 3/4 × 1 token × 8,192 × 2 B ÷ 623.6 GB/s) = 23.59 ms.
    double expected = 2 * 80 * (147.4e-6 + 1.5 * 8192 * 2 / 623.6e9);
    assertEquals(expected, Roofline.allReduceSeconds(nvlink, 4, 80, 1, 8192), 1e-9);
    assertEquals(0.02359, expected, 1e-5);
    // Without tensor parallelism there is none.
    assertEquals(0, Roofline.allReduceSeconds(nvlink, 1, 80, 1, 8192));
  }

  @Test
  void anEngineWithoutCalibrationGetsThePooledRangeAndNoOverhead() {
    ResolvedPlan r =
        plan(
            """
            model: {id: meta-llama/Llama-3.1-8B-Instruct}
            hardware: {gpu: H100-SXM-80GB}
            engine: {maxModelLen: 8192}
            workload: {concurrentRequests: 1, promptTokens: 4000, outputTokens: 300}
            """);
    Performance p = Roofline.estimate(r, SizingModel.size(r), F);
    assertEquals(0.0, p.inputs().get("decodeOverheadMs"));
    // Pooled TTFT range 0.84 … 1.09: 232.6 ms → 195.38 … 253.53 ms (fixture
    // sli-predicted-ttft-slo-only-optimistic).
    assertEquals(232.6, p.ttftMs(), 0.05);
    assertEquals(253.53, p.ttftMsRange().high(), 0.05);
    assertTrue(p.ttftMsRange().basis().contains("every calibrated engine and family"));
  }
}
