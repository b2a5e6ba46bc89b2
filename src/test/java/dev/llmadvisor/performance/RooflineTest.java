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
import java.util.List;
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
    // RTX 4090 is family ada-geforce: bandwidth fraction 1.0; GGUF bandwidth factor 1.000
    // (explained as 1).
    double weights = s.weightsBytesPerGpu() / (1.008e12 * 1.0 * 1.000);
    // KV: 2 × 32 layers × 8 heads × 128 × 2 B = 131,072 B per token; average context 1 + 512 / 2.
    assertEquals(131_072, s.kvBytesPerTokenPerGpu());
    double kv = 1 * 257 * 131_072 / (1.008e12 * 1.0);
    // llama.cpp since build 1: 0.002706 ms + 32 layers × 129.3 µs per token.
    double overhead = 0.002706e-3 + 32 * 129.3e-6;
    // Compute at one token is small beside the reads; it joins them as (c^k + m^k)^(1/k), k =
    // 1.002.
    double flops = 2 * r.architecture().activeParameters() + 4.0 * 257 * 4096 * 32;
    double compute = flops / (165e12 * 1.591 * 0.5371);
    double tokenSeconds = Roofline.ridge(compute, weights + kv, 1.002) + overhead;
    assertEquals(1 / tokenSeconds, p.decodeTokensPerSecondPerSequence(), 0.01);
    assertEquals("memory", p.decodeBound());
    assertTrue(
        p.explain().get("decodeTokensPerSecondPerSequence").contains("× 1 × 1 (gguf)"),
        p.explain().get("decodeTokensPerSecondPerSequence"));
    // The range: llama.cpp on ada-geforce, 6 training points, 1.04 … 1.15 of the prediction.
    assertEquals(
        Math.round(p.decodeTokensPerSecondPerSequence() * 1.04 * 100) / 100.0,
        p.decodeTokensPerSecondPerSequenceRange().low(),
        0.011);
    assertEquals(
        Math.round(p.decodeTokensPerSecondPerSequence() * 1.15 * 100) / 100.0,
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
    // (the FP32-accumulate figure) × 1.591 (ada-geforce) × 0.5371 (GGUF).
    double active = r.architecture().activeParameters();
    double flops = 2 * active * 4096 + 2.0 * 4096 * 4096 * 4096 * 32;
    double compute = flops / (165e12 * 1.591 * 0.5371);
    double reads = 8 * s.weightsBytesPerGpu() / (1.008e12 * 1.0 * 1.000);
    // Each chunk: 0.008649 ms + 32 layers × 678.6 µs; the step that returns the first token pays
    // one token's cost, 0.002706 ms + 32 × 129.3 µs. Compute and reads join as their p-norm, k =
    // 1.002: near the sum of the two, as neither bound is reached near the ridge point.
    double chunkCost = 8 * (0.008649e-3 + 32 * 678.6e-6);
    double firstToken = 0.002706e-3 + 32 * 129.3e-6;
    double joined = Math.pow(Math.pow(compute, 1.002) + Math.pow(reads, 1.002), 1 / 1.002);
    assertEquals((joined + chunkCost + firstToken) * 1000, p.ttftMs(), 0.01);
    // TTFT range: ada-geforce has 3 training TTFT points (< 5, at 0.91 … 1.09): llama.cpp's over
    // every family, 0.82 … 1.16, which holds them.
    assertEquals(Math.round(p.ttftMs() * 1.16 * 100) / 100.0, p.ttftMsRange().high(), 0.011);
    assertTrue(p.ttftMsRange().basis().contains("every calibrated family"));
  }

  @Test
  void tensorParallelismPaysTwoAllReducesPerLayerOverNvlink() {
    RooflineFactors.Interconnect nvlink = F.interconnect("nvlink");
    // 2 × 80 layers × (9.2 µs measured + 2 × 3/4 × 1 token × 8,192 × 2 B ÷ 111.3 GB/s) = 1.507 ms.
    double expected = 2 * 80 * (9.2e-6 + 1.5 * 8192 * 2 / 111.3e9);
    assertEquals(expected, Roofline.allReduceSeconds(nvlink, 4, 80, 1, 1, 8192), 1e-9);
    assertEquals(0.001507, expected, 1e-6);
    // Without tensor parallelism there is none.
    assertEquals(0, Roofline.allReduceSeconds(nvlink, 1, 80, 1, 1, 8192));
  }

  @Test
  void aMessageOfVllmsCustomAllReduceLimitOrMoreGoesAtTheLinksLargeMessageBandwidth() {
    RooflineFactors.Interconnect fabric = F.interconnect("infinity-fabric");
    // vLLM's custom all-reduce on ROCm takes messages under 16 MiB (custom_all_reduce.py); RCCL
    // the rest. 1,023 tokens of a 70B's 8,192 BF16 hidden states are under it, 1,024 are not.
    assertEquals(16L * 1024 * 1024, fabric.largeMessageBytes());
    assertEquals(62.77, fabric.busBandwidthFor(1023 * 8192 * 2));
    assertEquals(249.0, fabric.busBandwidthFor(1024 * 8192 * 2));
    // A 2,048-token pass at TP 8 over 80 layers: 2 × 80 × (36.11 µs + 7/4 × 2,048 × 8,192 × 2 B ÷
    // 249.0 GB/s) = 43.5 ms; the same tokens in passes of 512 (8 MiB each) move at 62.77 GB/s.
    assertEquals(
        2 * 80 * (36.11e-6 + 1.75 * 2048 * 8192 * 2 / 249.0e9),
        Roofline.allReduceSeconds(fabric, 8, 80, 2048, 2048, 8192),
        1e-12);
    assertEquals(
        2 * 80 * (36.11e-6 + 1.75 * 2048 * 8192 * 2 / 62.77e9),
        Roofline.allReduceSeconds(fabric, 8, 80, 2048, 512, 8192),
        1e-12);
    // A link without a split has one bandwidth for every size.
    RooflineFactors.Interconnect nvlink = F.interconnect("nvlink");
    assertEquals(null, nvlink.largeMessageBytes());
    assertEquals(nvlink.busBandwidthGBps(), nvlink.busBandwidthFor(1e9));
  }

  @Test
  void anEngineWithTooFewPointsForARangeGetsTheUncalibratedRangeWidenedToHoldThem() {
    ResolvedPlan r = plan(TP4_70B.formatted("tensorrt-llm", "0.16.0"));
    Performance p = Roofline.estimate(r, SizingModel.size(r), F);
    // TensorRT-LLM's per-sequence decode: 3 training points (2 on hopper, at 0.92 … 1.15), too
    // few for a range of its own: the uncalibrated 0.54 … 1.02, widened to hold them: 0.54 … 1.15.
    double decode = p.decodeTokensPerSecondPerSequence();
    assertEquals(
        Math.round(decode * 0.54 * 100) / 100.0,
        p.decodeTokensPerSecondPerSequenceRange().low(),
        0.011);
    assertEquals(
        Math.round(decode * 1.15 * 100) / 100.0,
        p.decodeTokensPerSecondPerSequenceRange().high(),
        0.011);
    assertTrue(
        p.decodeTokensPerSecondPerSequenceRange()
            .basis()
            .contains("no range of tensorrt-llm's own that holds them"));
    // On MI300X (cdna3), where vLLM has 128 training points, its own 0.91 … 1.08.
    ResolvedPlan mi300x =
        plan(
            """
            model: {id: meta-llama/Llama-3.1-8B-Instruct}
            hardware: {gpu: MI300X-192GB}
            engine: {name: vllm, version: "0.19.0", maxModelLen: 8192}
            workload: {concurrentRequests: 1, promptTokens: 1000, outputTokens: 300}
            """);
    Performance amd = Roofline.estimate(mi300x, SizingModel.size(mi300x), F);
    assertEquals(
        Math.round(amd.decodeTokensPerSecondPerSequence() * 0.91 * 100) / 100.0,
        amd.decodeTokensPerSecondPerSequenceRange().low(),
        0.011);
    assertTrue(amd.decodeTokensPerSecondPerSequenceRange().basis().contains("vllm on cdna3"));
  }

  @Test
  void anEngineWithoutCalibrationGetsNoEngineTermsAndTheUncalibratedRange() {
    ResolvedPlan r =
        plan(
            """
            model: {id: meta-llama/Llama-3.1-8B-Instruct}
            hardware: {gpu: H100-SXM-80GB}
            engine: {name: tgi, maxModelLen: 8192}
            workload: {concurrentRequests: 1, promptTokens: 4000, outputTokens: 300}
            """);
    Performance p = Roofline.estimate(r, SizingModel.size(r), F);
    // TGI has no engine entry: no per-token or per-chunk cost, no kernel factor.
    assertEquals(0.0, p.inputs().get("decodeOverheadMs"));
    assertEquals(0.0, p.inputs().get("prefillOverheadMs"));
    // Prefill is compute-bound: (2 × active × 4,000 + 2 × 4,000² × 4,096 × 32 layers) FLOPs at the
    // H100's BF16 peak × 0.4300 (hopper), joined with the one weight read (3.35 TB/s × 0.8223) as
    // their p-norm, k = 1.002.
    double active = r.architecture().activeParameters();
    double flops = 2 * active * 4000 + 2.0 * 4000 * 4000 * 4096 * 32;
    double peak = r.gpu().denseTflops().forDtype("bf16") * 1e12;
    assertEquals("compute", p.prefillBound());
    double compute = flops / (peak * 0.4300);
    double reads = SizingModel.size(r).weightsBytesPerGpu() / (3.35e12 * 0.8223);
    assertEquals(Roofline.ridge(compute, reads, 1.002) * 1000, p.ttftMs(), 0.01);
    // The uncalibrated TTFT range, 0.73 … 1.67: the calibrated engines' training runs predicted
    // without their own entry.
    assertEquals(Math.round(p.ttftMs() * 1.67 * 100) / 100.0, p.ttftMsRange().high(), 0.011);
    assertEquals(Math.round(p.ttftMs() * 0.73 * 100) / 100.0, p.ttftMsRange().low(), 0.011);
    assertTrue(p.ttftMsRange().basis().contains("no calibration point of tgi on hopper"));
    // What a rule quotes of it: the 116 TTFT runs of the uncalibrated range, and that none is
    // TGI's.
    assertEquals(
        "on 116 calibration points: no calibration point of tgi on hopper with dense models for"
            + " this figure: the calibrated engines' runs predicted without their own engine entry",
        p.ttftMsRange().calibration());
    // Decode 0.54 … 1.02 of the prediction.
    assertEquals(
        Math.round(p.decodeTokensPerSecondPerSequence() * 0.54 * 100) / 100.0,
        p.decodeTokensPerSecondPerSequenceRange().low(),
        0.011);
    // The throughputs take the same factors: a batch's throughput is its decode steps'.
    assertEquals(
        Math.round(p.outputTokensPerSecondAggregate() * 1.02 * 100) / 100.0,
        p.outputTokensPerSecondAggregateRange().high(),
        0.011);
    assertEquals(
        Math.round(p.decodeTokensPerSecondAggregate() * 0.54 * 100) / 100.0,
        p.decodeTokensPerSecondAggregateRange().low(),
        0.011);
    assertTrue(
        p.outputTokensPerSecondAggregateRange()
            .basis()
            .contains("; the per-sequence decode speed's factors)"));
  }

  static final String TP4_70B =
      """
      model: {id: meta-llama/Meta-Llama-3-70B}
      quantization: {weights: fp8, kvCache: fp8}
      engine: {name: %s, version: "%s", maxModelLen: 2049, maxBatchSize: 1, maxNumBatchedTokens: 2048}
      hardware: {gpu: H100-SXM-80GB, gpusPerNode: 4}
      parallelism: {tensor: 4, pipeline: 1}
      workload: {concurrentRequests: 1, promptTokens: 2048, outputTokens: 1}
      """;

  @Test
  void tensorRtLlmAllReducesAtItsOwnLatencyAndBandwidthOtherEnginesAtTheLinks() {
    ResolvedPlan trt = plan(TP4_70B.formatted("tensorrt-llm", "0.5.0"));
    Performance t = Roofline.estimate(trt, SizingModel.size(trt), F);
    // TensorRT-LLM 0.5/0.6.1: 91.46 µs per all-reduce, and its all-reduce plugin's 296.4 GB/s over
    // NVLink (both fitted on its TP 2 and 4 runs).
    assertEquals(91.46, t.inputs().get("allReduceLatencyUs"));
    assertEquals(296.4, t.inputs().get("allReduceBusBandwidthGBps"));
    // 2 × 80 layers × (91.46 µs + the bytes at 296.4 GB/s), per decode step of one sequence.
    double trtStep = 2 * 80 * (91.46e-6 + 1.5 * 8192 * 2 / 296.4e9);
    assertEquals(trtStep * 1000, (double) t.inputs().get("allReduceMsPerStep"), 1e-6);
    ResolvedPlan vllm = plan(TP4_70B.formatted("vllm", "0.6.0"));
    Performance v = Roofline.estimate(vllm, SizingModel.size(vllm), F);
    // vLLM's entry has no all-reduce of its own: the link's measured 9.2 µs
    // (sgl-project/sglang#2904) and its fitted bus bandwidth.
    assertEquals(9.2, v.inputs().get("allReduceLatencyUs"));
    assertEquals(111.3, v.inputs().get("allReduceBusBandwidthGBps"));
    // TensorRT-LLM 0.16 carries 0.8's bandwidth (its two TP 4 TTFTs cannot fit one): a refit of
    // 0.8's must be copied to it.
    assertEquals(
        F.engine("tensorrt-llm", "0.9.0").nvlinkBusBandwidthGBps(),
        F.engine("tensorrt-llm", "0.16.0").nvlinkBusBandwidthGBps());
  }

  @Test
  void noPrefillRunsFasterThanItsDtypesPeak() {
    // A kernel factor whose product with the family fraction passes 1: TensorRT-LLM 0.16's set to
    // 3 × hopper's 0.4300 would be 1.28 of the FP8 peak; the prefill runs at the peak, 1,979
    // TFLOP/s, no faster.
    RooflineFactors fast = RooflineFit.withEngine(F, "tensorrt-llm", "0.16.0", "computeFactor", 3);
    ResolvedPlan r = plan(TP4_70B.formatted("tensorrt-llm", "0.16.0"));
    Performance p = Roofline.estimate(r, SizingModel.size(r), fast);
    double flops = 2 * r.architecture().activeParameters() * 2048 + 2.0 * 2048 * 2048 * 8192 * 80;
    String ttft = p.explain().get("ttftMs");
    assertTrue(ttft.contains("at most 1: the fp8 peak"), ttft);
    assertTrue(
        ttft.contains("= " + dev.llmadvisor.text.Units.num(flops / 4 / 1979e12 * 1000) + " ms; "),
        ttft);
  }

  /** Llama 3.1 405B in FP8 on two nodes of eight H100s joined by InfiniBand, at TP %d × PP %d. */
  static final String TWO_H100_NODES_405B =
      """
      model: {id: meta-llama/Llama-3.1-405B-Instruct}
      quantization: {weights: fp8, kvCache: fp8}
      engine: {name: vllm, maxModelLen: 8192}
      hardware: {gpu: H100-SXM-80GB, gpusPerNode: 8, nodes: 2, interconnect: infiniband}
      parallelism: {tensor: %d, pipeline: %d}
      workload: {concurrentRequests: 1, promptTokens: 1000, outputTokens: 100}
      """;

  @Test
  void aTensorParallelGroupInsideANodeAllReducesOverTheBoardsLinkNotTheLinkBetweenNodes() {
    // The guide's 405B over two H100 nodes: TP 8 inside each node, PP 2 across InfiniBand. The
    // all-reduce stays on the node's NVLink (9.2 µs measured); only the stages cross InfiniBand.
    ResolvedPlan twoNodes = plan(TWO_H100_NODES_405B.formatted(8, 2));
    assertEquals("nvlink", Roofline.tensorParallelLink(twoNodes));
    Performance p = Roofline.estimate(twoNodes, SizingModel.size(twoNodes), F);
    assertEquals(9.2, p.inputs().get("allReduceLatencyUs"));
    // TP 16 over the same two nodes all-reduces across them.
    assertEquals(
        "infiniband", Roofline.tensorParallelLink(plan(TWO_H100_NODES_405B.formatted(16, 1))));
  }

  @Test
  void vllmBeforeCudaGraphsPaysLaunchesPerLayerAndARingAllReduce() {
    ResolvedPlan old = plan(TP4_70B.formatted("vllm", "0.2.0"));
    Performance o = Roofline.estimate(old, SizingModel.size(old), F);
    // vLLM 0.2.0 (no CUDA graphs, NCCL's ring): 2 × (4 − 1) steps × 12.52 µs per hop = 75.12 µs.
    assertEquals(75.12, (double) o.inputs().get("allReduceLatencyUs"), 1e-9);
    // Per token 0.001000 ms + 80 layers × 282.0 µs = 22.56 ms of launches.
    assertEquals(0.001000 + 80 * 0.2820, (double) o.inputs().get("decodeOverheadMs"), 1e-9);
    // A release with CUDA graphs (0.2.7 and later): 0.8216 ms + 80 × 4.259 µs = 1.1623 ms (a fixed
    // cost per step: the Llama 3 8B runs on H100 and A100 choose it over a cost per layer), and the
    // link's 9.2 µs per all-reduce.
    ResolvedPlan graphs = plan(TP4_70B.formatted("vllm", "0.10.0"));
    Performance g = Roofline.estimate(graphs, SizingModel.size(graphs), F);
    assertEquals(0.8216 + 80 * 0.004259, (double) g.inputs().get("decodeOverheadMs"), 1e-9);
    assertEquals(9.2, g.inputs().get("allReduceLatencyUs"));
  }

  /** AMD's latency-table plan: vLLM 0.9.1, the 70B in FP8 at TP 8; batch and prompt to fill. */
  static final String MI300X_TP8_70B_FP8 =
      """
      model: {id: meta-llama/Llama-3.1-70B-Instruct}
      quantization: {weights: fp8, kvCache: fp8}
      engine: {name: vllm, version: "0.9.1", maxModelLen: 131072}
      hardware: {gpu: MI300X-192GB, gpusPerNode: 8}
      parallelism: {tensor: 8, pipeline: 1}
      workload: {concurrentRequests: %d, promptTokens: %d, outputTokens: 2048}
      """;

  @Test
  void anEndToEndRunIsTheTtftPlusADecodeStepPerFurtherToken() {
    ResolvedPlan r = plan(MI300X_TP8_70B_FP8.formatted(1, 128));
    Performance p = Roofline.estimate(r, SizingModel.size(r), F);
    // MI300X is family cdna3: 5.3 TB/s × 0.7766 of bandwidth (fitted on vLLM's MI300X runs).
    assertEquals(0.7766, p.inputs().get("bandwidthEfficiency"));
    double e2e = SpeedCases.Metric.E2E.predicted(p, 2048);
    assertEquals(p.ttftMs() + 2047 * 1000 / p.decodeTokensPerSecondPerSequence(), e2e, 0.01);
    // Its tokens per second are the 2,048 tokens over that time.
    assertEquals(2048 / (e2e / 1000), SpeedCases.Metric.E2E_RATE.predicted(p, 2048), 1e-9);
    // As a speed, a latency's ratio is turned over: 10 % slower than predicted reads 1/1.1.
    assertEquals(1 / 1.1, SpeedCases.Metric.E2E.speedRatio(1.1 * e2e, e2e), 1e-12);
  }

  @Test
  void aStaticBatchIsItsPrefillThenADecodeStepOfTheWholeBatchPerFurtherToken() {
    // AMD's batch-128 row: 128 prompts of 2,048 tokens submitted together, 2,048 tokens each.
    ResolvedPlan r = plan(MI300X_TP8_70B_FP8.formatted(128, 2048));
    Sizing s = SizingModel.size(r);
    Performance p = Roofline.estimate(r, s, F);
    assertEquals(128, p.batch());
    // The batch's prefill in passes of the release's default 8,192 tokens on a GPU of 70 GiB or
    // more (engines.yaml, vLLM 0.9.0+): 32 passes. 128 × (2 × active × 2,048 + 2 × 2,048² × 8,192
    // × 80) FLOPs ÷ TP 8 at MI300X's FP8 2,615 TFLOP/s × 0.74 (the default: CDNA 3's compute
    // fraction is not fitted) × 1.002 (vLLM), joined (k = 1.002) with 32 weight reads at 5.3 TB/s
    // × 0.7766; + the all-reduces of 262,144 tokens' hidden states, each pass's message 8,192 ×
    // 8,192 × 2 B = 128 MiB, at or over vLLM's 16 MiB limit on ROCm, so RCCL's large-message
    // bandwidth: 2 × 80 × (36.11 µs + 2 × 7/8 × 262,144 × 8,192 × 2 B ÷ 249.0 GB/s) = 4.84 s; + 32
    // passes × 6.475 ms.
    double active = r.architecture().activeParameters();
    double flops = 128 * (2 * active * 2048 + 2.0 * 2048 * 2048 * 8192 * 80) / 8;
    double compute = flops / (2615e12 * 0.74 * 1.002);
    double read = s.weightsBytesPerGpu() / (5.3e12 * 0.7766);
    assertEquals(16L * 1024 * 1024, F.interconnect("infinity-fabric").largeMessageBytes());
    double allReduce = 2 * 80 * (36.11e-6 + 1.75 * 262_144 * 8192 * 2 / 249.0e9);
    assertEquals(4.84, allReduce, 0.005);
    assertEquals(32, 262_144 / 8192);
    double prefill = Roofline.ridge(compute, 32 * read, 1.002) + allReduce + 32 * 6.475e-3;
    assertEquals(prefill * 1000, (double) p.inputs().get("batchPrefillMs"), 1e-6);
    // A decode step's message is the batch's 128 × 8,192 × 2 B = 2 MiB, under the limit: vLLM's
    // custom all-reduce, at the link's 62.77 GB/s: 2 × 80 × (36.11 µs + 2 × 7/8 × 2 MiB ÷ 62.77
    // GB/s) = 15.13 ms a step.
    double stepAllReduce = 2 * 80 * (36.11e-6 + 1.75 * 128 * 8192 * 2 / 62.77e9);
    assertEquals(15.13, stepAllReduce * 1000, 0.005);
    assertEquals(stepAllReduce * 1000, (double) p.inputs().get("allReduceMsPerStep"), 1e-9);
    // The first tokens come with the prefill's last step (one per-token cost), then 2,047 decode
    // steps of the 128 sequences.
    double e2e = SpeedCases.Metric.E2E.predicted(p, 2048);
    assertEquals(
        prefill * 1000
            + (double) p.inputs().get("decodeOverheadMs")
            + 2047 * 1000 / p.decodeTokensPerSecondPerSequence(),
        e2e,
        1e-6);
  }

  @Test
  void anEngineWithoutAPointOnAFamilyGetsTheUncalibratedRangeThere() {
    // vLLM's decode: its own range on the families with 5 training points or more (cdna3 128 at
    // 0.91 … 1.08, ampere 25, ada 15, hopper 31); 3 on blackwell (0.92 … 1.05), within its range
    // over every family (0.92 … 1.10), which applies there; none on turing: the uncalibrated one.
    assertEquals(0.91, F.range("vllm", "cdna3", "dense", "decode").low());
    assertEquals(1.08, F.range("vllm", "cdna3", "dense", "decode").high());
    assertEquals(RooflineFactors.Basis.OWN, F.range("vllm", "cdna3", "dense", "decode").basis());
    assertEquals(RooflineFactors.Basis.OWN, F.range("vllm", "hopper", "dense", "decode").basis());
    assertEquals(
        RooflineFactors.Basis.ENGINE_WIDE, F.range("vllm", "blackwell", "dense", "decode").basis());
    assertEquals(1.09, F.range("vllm", "blackwell", "dense", "decode").high());
    assertEquals(
        RooflineFactors.Basis.UNCALIBRATED, F.range("vllm", "turing", "dense", "decode").basis());
    assertEquals(0.54, F.range("vllm", "turing", "dense", "decode").low());
    // TensorRT-LLM's per-sequence decode on hopper: 2 points, 3 over every family: widened.
    assertEquals(
        RooflineFactors.Basis.WIDENED,
        F.range("tensorrt-llm", "hopper", "dense", "decode").basis());
    // Its TTFT on hopper: 13 points, its own range.
    assertEquals("hopper", F.range("tensorrt-llm", "hopper", "dense", "ttft").range().family());
    // SGLang's one Hopper TTFT run (DeepSeek-V3 on 8 × H200, 0.4.3.post2, a release without an
    // entry) took 7.93 × the prediction: for MoE models, the uncalibrated 0.73 … 1.67, widened to
    // hold it; a dense model on Hopper is not widened by it.
    assertEquals(7.93, F.range("sglang", "hopper", "moe", "ttft").high());
    assertEquals(RooflineFactors.Basis.WIDENED, F.range("sglang", "hopper", "moe", "ttft").basis());
    assertEquals(1.67, F.range("sglang", "hopper", "dense", "ttft").high());
  }

  @Test
  void vllmPaysSglangsCostPerExpertForTheKernelTheyShare() {
    // No vLLM MoE run is in the dataset; SGLang's fused MoE kernel is adapted from vLLM's, so vLLM
    // 0.2.7+ carries SGLang's fitted cost per expert, on every family and on CDNA 3. A refit of
    // SGLang's must be copied: without it a MoE plan on vLLM would pay nothing per expert and be
    // predicted 4x faster than the same plan on SGLang.
    RooflineFactors.Engine vllm = F.engine("vllm", "0.19.0");
    RooflineFactors.Engine sglang = F.engine("sglang", "0.5.7");
    for (String family : List.of("hopper", "blackwell", "cdna3", "ampere")) {
      assertEquals(
          sglang.decodeOverheadUsPerExpertOn(family), vllm.decodeOverheadUsPerExpertOn(family));
    }
    assertEquals(22.03, vllm.decodeOverheadUsPerExpertOn("cdna3"));
    assertTrue(vllm.source().contains("Adapted from https://github.com/vllm-project/vllm"));
  }

  @Test
  void aMoePlanGetsARangeOnlyFromRunsOfMoeModels() {
    // vLLM's 90 decode runs are all of dense models: they say nothing of what a token pays per
    // expert, so a MoE plan on vLLM gets the uncalibrated 0.54 … 1.02, and says why.
    ResolvedPlan r =
        plan(
            """
            model: {id: deepseek-ai/DeepSeek-V3}
            quantization: {weights: fp8, kvCache: bf16}
            engine: {name: vllm}
            hardware: {gpu: H200-SXM-141GB, gpusPerNode: 8}
            parallelism: {tensor: 8, pipeline: 1}
            workload: {concurrentRequests: 1, promptTokens: 610, outputTokens: 422}
            """);
    Performance vllm = Roofline.estimate(r, SizingModel.size(r), F);
    SpeedRange decode = vllm.decodeTokensPerSecondPerSequenceRange();
    assertEquals(
        Math.round(vllm.decodeTokensPerSecondPerSequence() * 0.54 * 100) / 100.0,
        decode.low(),
        0.011);
    assertEquals(
        Math.round(vllm.decodeTokensPerSecondPerSequence() * 1.02 * 100) / 100.0,
        decode.high(),
        0.011);
    assertTrue(decode.basis().contains("no calibration point of vllm on hopper with moe models"));
    // SGLang's on B200 come from its 9 MoE runs there: 0.88 … 1.18.
    Performance sglang = sglangTp8("deepseek-ai/DeepSeek-V3", "fp8", "B200-180GB");
    assertEquals(
        Math.round(sglang.decodeTokensPerSecondPerSequence() * 0.88 * 100) / 100.0,
        sglang.decodeTokensPerSecondPerSequenceRange().low(),
        0.011);
    assertTrue(
        sglang
            .decodeTokensPerSecondPerSequenceRange()
            .basis()
            .contains("9 calibration points: sglang on blackwell, moe models"));
  }

  /** Llama 3.3 70B in bitsandbytes NF4, pipelined one stage per GPU, one request at a time. */
  static final String BNB_70B_PIPELINED =
      """
      model: {id: meta-llama/Llama-3.3-70B-Instruct}
      quantization: {weights: bnb-nf4, kvCache: bf16}
      engine: {name: vllm, version: "0.22.1", maxModelLen: 8192}
      hardware: {gpu: %s, gpusPerNode: %d}
      parallelism: {tensor: 1, pipeline: %d}
      workload: {concurrentRequests: 1, promptTokens: 1024, outputTokens: 256}
      """;

  @Test
  void bitsandbytesDecodesNoFasterThanItsFloorPerLayerOnFastMemory() {
    // Spare Cores' runs: 26.1-26.3 tokens/s on 8 × H100 and 8 × H200 alike, though the H200 reads
    // 43 % faster: the GEMV's own work bounds it. Each stage holds 10 of the 80 layers, 450 µs
    // each.
    ResolvedPlan h200 = plan(BNB_70B_PIPELINED.formatted("H200-SXM-141GB", 8, 8));
    Sizing s = SizingModel.size(h200);
    Performance p = Roofline.estimate(h200, s, F);
    double read = s.weightsBytesPerGpu() / (4.8e12 * 0.8223 * 0.9354);
    assertTrue(read < 10 * 450e-6, "the read, " + read + " s, is under the floor");
    assertTrue(
        p.explain()
            .get("decodeTokensPerSecondPerSequence")
            .contains("the format's floor: 10 layers"),
        p.explain().get("decodeTokensPerSecondPerSequence"));
    // Two L40S read their 40 layers' weights each at 0.864 TB/s × 0.9730 × 0.9354: above the floor.
    ResolvedPlan l40s = plan(BNB_70B_PIPELINED.formatted("L40S-48GB", 2, 2));
    Sizing ls = SizingModel.size(l40s);
    double l40sRead = ls.weightsBytesPerGpu() / (0.864e12 * 0.9730 * 0.9354);
    assertTrue(l40sRead > 40 * 450e-6, "the read, " + l40sRead + " s, is above the floor");
    assertTrue(
        !Roofline.estimate(l40s, ls, F)
            .explain()
            .get("decodeTokensPerSecondPerSequence")
            .contains("floor"));
  }

  @Test
  void bitsandbytesPrefillReadsTheWeightsThroughItsDequantisingPath() {
    // A prompt takes bitsandbytes' other path (dequantise each weight to 16 bits, then multiply): a
    // prefill pass reads the weights at 0.08238 of the bandwidth instead of the GEMV's 0.9354.
    ResolvedPlan r = plan(BNB_70B_PIPELINED.formatted("H100-SXM-80GB", 8, 8));
    Sizing s = SizingModel.size(r);
    Performance p = Roofline.estimate(r, s, F);
    double reads = s.weightsBytesPerGpu() * 8 / (3.35e12 * 0.8223 * 0.08238);
    // The GEMM after dequantising is a BF16 one: compute factor 1.000, vLLM's Hopper factor 1.508.
    double flops =
        2 * r.architecture().activeParameters() * 1024
            + 2.0 * 1024 * 1024 * r.architecture().attentionWidth() * 80;
    double compute = flops / (989e12 * 0.4300 * 1.0 * 1.508);
    // One 1,024-token chunk: 6.475 ms, and the first token's step: 0.8216 ms + 80 × 4.259 µs.
    double expected = Roofline.ridge(compute, reads, 1.002) + 6.475e-3 + 0.8216e-3 + 80 * 4.259e-6;
    assertEquals(expected * 1000, p.ttftMs(), 0.01);
  }

  static final String SGLANG_TP8 =
      """
      model: {id: %s}
      quantization: {weights: %s, kvCache: bf16}
      engine: {name: sglang, version: "0.5.7"}
      hardware: {gpu: %s, gpusPerNode: 8}
      parallelism: {tensor: 8, pipeline: 1}
      workload: {concurrentRequests: 1, promptTokens: 610, outputTokens: 422}
      """;

  /** SGLang 0.5.7 at TP 8 on one node of eight: a plan's predicted speed. */
  static Performance sglangTp8(String model, String weights, String gpu) {
    ResolvedPlan r = plan(SGLANG_TP8.formatted(model, weights, gpu));
    return Roofline.estimate(r, SizingModel.size(r), F);
  }

  static double decodeOverheadMs(Performance p) {
    return (double) p.inputs().get("decodeOverheadMs");
  }

  @Test
  void sglangPaysACostPerExpertATokenRunsThroughInEveryMoeLayer() {
    Performance amd = sglangTp8("deepseek-ai/DeepSeek-V3", "fp8", "MI300X-192GB");
    // DeepSeek-V3: 61 layers, the first 3 dense, so 58 MoE layers; a token runs through 8 routed
    // experts and the shared MLP in each. SGLang 0.5+: 0.001166 ms + 61 × 0.1076 µs per token, and
    // on CDNA 3 22.03 µs per expert: 58 × 9 × 22.03 µs = 11.50 ms.
    assertEquals(0.001166 + 61 * 0.1076e-3 + 58 * 9 * 22.03e-3, decodeOverheadMs(amd), 1e-9);
    assertTrue(
        amd.explain()
            .get("decodeTokensPerSecondPerSequence")
            .contains(
                "sglang 0.5.0+ per-token overhead (of which 58 MoE layers × 9 experts × 22.03 µs ="
                    + " 11.5 ms)"));
    // Elsewhere the engine's own 12.74 µs: on B200, 58 × 9 × 12.74 µs = 6.65 ms.
    Performance nv = sglangTp8("deepseek-ai/DeepSeek-V3", "fp8", "B200-180GB");
    assertEquals(0.001166 + 61 * 0.1076e-3 + 58 * 9 * 12.74e-3, decodeOverheadMs(nv), 1e-9);
    // Llama 4 Maverick has MoE on every other layer (24 of 48), one routed expert and one shared.
    Performance m =
        sglangTp8("meta-llama/Llama-4-Maverick-17B-128E-Instruct", "bf16", "MI300X-192GB");
    assertEquals(0.001166 + 48 * 0.1076e-3 + 24 * 2 * 22.03e-3, decodeOverheadMs(m), 1e-9);
    // GLM-4.5: 92 layers, the first 3 dense; 8 routed experts and 1 shared in each of the 89
    // others.
    Performance g = sglangTp8("zai-org/GLM-4.5", "bf16", "B200-180GB");
    assertEquals(0.001166 + 92 * 0.1076e-3 + 89 * 9 * 12.74e-3, decodeOverheadMs(g), 1e-9);
    // A dense model pays no expert cost.
    Performance d = sglangTp8("meta-llama/Llama-3.1-70B-Instruct", "bf16", "MI300X-192GB");
    assertEquals(0.001166 + 80 * 0.1076e-3, decodeOverheadMs(d), 1e-9);
    assertTrue(!d.explain().get("decodeTokensPerSecondPerSequence").contains("MoE layers"));
  }

  @Test
  void aPassTakesThePNormOfItsComputeAndMemoryTimes() {
    // k = 1: the sum (neither overlaps the other); k = 2: 3-4-5; far from the ridge, the larger.
    assertEquals(7, Roofline.ridge(3, 4, 1), 1e-12);
    assertEquals(5, Roofline.ridge(3, 4, 2), 1e-12);
    assertEquals(100.0, Roofline.ridge(100, 0, 1.002), 1e-12);
    assertEquals(0, Roofline.ridge(0, 0, 1.002));
  }

  @Test
  void aBf16PrefillOnAGeForceCardRunsNoFasterThanItsFp32AccumulateRate() {
    // The RTX 4090's catalogued 165 TFLOP/s is its FP32-accumulate rate; ada-geforce's fraction,
    // 1.591, is llama.cpp's FP16-accumulate GEMMs passing it. BF16 accumulates only in FP32.
    ResolvedPlan r =
        plan(
            """
            model: {id: meta-llama/Llama-3.1-8B-Instruct}
            hardware: {gpu: RTX-4090-24GB}
            engine: {name: vllm, version: "0.22.1", maxModelLen: 8192}
            workload: {concurrentRequests: 1, promptTokens: 4000, outputTokens: 100}
            """);
    Sizing s = SizingModel.size(r);
    Performance p = Roofline.estimate(r, s, F);
    double flops = 2 * r.architecture().activeParameters() * 4000 + 2.0 * 4000 * 4000 * 4096 * 32;
    // At 165 TFLOP/s × 1, not × 1.591 × 1.002 (vLLM's factor off Hopper).
    double compute = flops / 165e12;
    // Two chunks of vLLM's 2,048 batched tokens (a 24 GB card), each reading the weights.
    double reads = 2 * s.weightsBytesPerGpu() / 1.008e12;
    double expected =
        Roofline.ridge(compute, reads, 1.002) + 2 * 6.475e-3 + 0.8216e-3 + 32 * 4.259e-6;
    assertEquals(expected * 1000, p.ttftMs(), 0.01);
    assertTrue(
        p.explain().get("ttftMs").contains("at most 1: the bf16 peak"), p.explain().get("ttftMs"));
  }
}
