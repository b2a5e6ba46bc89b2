package dev.llmadvisor.performance;

import static dev.llmadvisor.text.Units.count;
import static dev.llmadvisor.text.Units.factor;
import static dev.llmadvisor.text.Units.fmt;
import static dev.llmadvisor.text.Units.gib;
import static dev.llmadvisor.text.Units.num;

import dev.llmadvisor.catalogue.Architecture;
import dev.llmadvisor.catalogue.GpuSpec;
import dev.llmadvisor.catalogue.RooflineFactors;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.sizing.Sizing;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A roofline model of decode and prefill (docs/sizing.md, docs/speed.md), calibrated on measured
 * runs. A decode step reads this GPU's weights (for MoE, the experts a batch touches) and the KV
 * cache of every sequence in the batch, and does two FLOPs per active parameter per sequence; its
 * time joins the two bounds at the GPU family's achievable fractions as their p-norm (scaled for
 * dequantising formats), plus two all-reduces per layer with tensor parallelism; the engine release
 * adds a fixed cost per token (per layer, and per expert a token runs through in each MoE layer).
 * Prefill of one prompt is compute-bound: 2 × active parameters × prompt tokens plus causal
 * attention, in chunks of the engine's batched-token limit, each chunk reading the weights once and
 * paying the engine's per-chunk cost, and the step that returns the first token pays one per-token
 * cost. Pipeline stages run one after another for a single sequence. Every predicted speed carries
 * the range of the calibration residuals for its engine, GPU family and kind of model.
 */
public final class Roofline {
  private Roofline() {}

  public static Performance estimate(ResolvedPlan r, Sizing s, RooflineFactors f) {
    Architecture a = r.architecture();
    GpuSpec gpu = r.gpu();
    DeploymentPlan.Workload w = r.plan().workload();
    DeploymentPlan.Engine e = r.plan().engine();
    int tp = r.tensor();
    int pp = r.pipeline();
    Map<String, Object> inputs = new LinkedHashMap<>();
    Map<String, String> explain = new LinkedHashMap<>();

    String dtype = computeDtype(r);
    String family = family(gpu);
    RooflineFactors.Family fam = f.family(family);
    RooflineFactors.FormatKind fk = f.formatFor(r.weights().id(), r.weights().kind());
    RooflineFactors.Engine ef = f.engine(r.engine().id(), e.version());
    double peakFlops = gpu.denseTflops().forDtype(dtype) * 1e12;
    // A family calibrated on decode alone (no prefill-bound point) keeps the default compute
    // fraction.
    double computeEff =
        fam != null && fam.computeEfficiency() != null
            ? fam.computeEfficiency()
            : f.computeEfficiencyFor(dtype);
    double bandwidth = gpu.bandwidthTBps() * 1e12;
    double bwEff = fam != null ? fam.bandwidthEfficiency() : f.bandwidthEfficiency();
    double formatBw = fk != null ? fk.bandwidthFactor() : 1;
    double formatCompute =
        (fk != null ? fk.computeFactor() : 1) * (ef != null ? ef.computeFactorOn(family) : 1);
    int layers = a.numHiddenLayers();
    // A token runs through its routed experts and the shared MLP (the shared experts fused into
    // one) in every MoE layer; the step's cost per expert is the engine's (docs/speed.md),
    // whatever the batch.
    int expertsPerToken = a.moe() ? a.activeExperts() + (a.moeSharedExpertWidth() > 0 ? 1 : 0) : 0;
    double usPerExpert = ef != null ? ef.decodeOverheadUsPerExpertOn(family) : 0;
    double expertOverhead = a.moeLayerCount() * expertsPerToken * usPerExpert / 1e6;
    double decodeOverhead =
        ef != null
            ? ef.decodeOverheadMs() / 1e3
                + layers * ef.decodeOverheadUsPerLayer() / 1e6
                + expertOverhead
            : 0;
    double prefillOverhead =
        ef != null
            ? ef.prefillOverheadMs() / 1e3 + layers * ef.prefillOverheadUsPerLayer() / 1e6
            : 0;
    String link = tensorParallelLink(r);
    RooflineFactors.Interconnect ic = tp > 1 ? f.interconnect(link) : null;
    if (ic != null && ef != null) {
      // The release's own all-reduce, where it has one: a ring's 2 (TP − 1) steps of one hop's
      // latency each, or one latency of its own; and its kernels' bus bandwidth over NVLink.
      double us =
          ef.allReduceHopLatencyUs() != null
              ? ef.allReduceHopLatencyUs() * 2 * (tp - 1)
              : ef.allReduceLatencyUs() != null ? ef.allReduceLatencyUs() : ic.allReduceLatencyUs();
      double bus =
          "nvlink".equals(ic.kind()) && ef.nvlinkBusBandwidthGBps() != null
              ? ef.nvlinkBusBandwidthGBps()
              : ic.busBandwidthGBps();
      // The release's own all-reduce has one bandwidth for every message size.
      if (us != ic.allReduceLatencyUs() || bus != ic.busBandwidthGBps()) {
        ic = new RooflineFactors.Interconnect(ic.kind(), us, bus, ef.source());
      }
    }
    double commOverhead = tp > 1 && ic == null ? f.tensorParallelCommunicationOverhead() : 0;
    double weightRate = bandwidth * bwEff * formatBw;
    double kvRate = bandwidth * bwEff;
    // No kernel passes its dtype's peak. A GeForce card's catalogued rate is its FP32-accumulate
    // one; FP16 with FP16 accumulation (llama.cpp's GEMMs) runs at twice it, which its family
    // fraction above 1 reflects. A BF16 tensor-core MMA accumulates only in FP32 (PTX ISA, mma:
    // '.f32.bf16.bf16.f32' is BF16's one form, where FP16 has an .f16 accumulator too).
    double peakShare = family.endsWith("-geforce") && "fp16".equals(dtype) ? 2 : 1;
    boolean atPeak = computeEff * formatCompute > peakShare;
    double flopRate = peakFlops * (atPeak ? peakShare : computeEff * formatCompute);
    double k = f.ridgeExponent();
    inputs.put("gpu", gpu.id());
    inputs.put("gpuFamily", family);
    inputs.put("bandwidthTBps", gpu.bandwidthTBps());
    inputs.put("bandwidthEfficiency", bwEff);
    inputs.put("computeDtype", dtype);
    inputs.put("denseTflops", gpu.denseTflops().forDtype(dtype));
    inputs.put("computeEfficiency", computeEff);
    inputs.put("formatKind", r.weights().kind());
    inputs.put("formatBandwidthFactor", formatBw);
    inputs.put("formatComputeFactor", formatCompute);
    inputs.put("decodeOverheadMs", decodeOverhead * 1000);
    inputs.put("prefillOverheadMs", prefillOverhead * 1000);
    inputs.put("ridgeExponent", k);
    inputs.put("tensorParallelCommunicationOverhead", commOverhead);
    if (ic != null) {
      inputs.put("allReduceLatencyUs", ic.allReduceLatencyUs());
      inputs.put("allReduceBusBandwidthGBps", ic.busBandwidthGBps());
      if (ic.largeMessageBytes() != null) {
        inputs.put("allReduceLargeMessageBytes", ic.largeMessageBytes());
        inputs.put("allReduceLargeMessageBusBandwidthGBps", ic.largeMessageBusBandwidthGBps());
      }
    }
    inputs.put("factorsSource", f.source());

    int perReplica = (w.concurrentRequests() + s.replicas() - 1) / s.replicas();
    long fitAtWorkload = s.replicas() == 0 ? 0 : s.concurrentSequencesAtWorkload() / s.replicas();
    int batch =
        (int) Math.max(1, Math.min(perReplica, Math.min(fitAtWorkload, maxSeqs(e, perReplica))));
    double avgContext = w.promptTokens() + w.outputTokens() / 2.0;
    inputs.put("batch", batch);
    inputs.put("averageContextTokens", avgContext);

    // One decode step on one GPU of a stage.
    double expertShare = expertShareTouched(a, batch);
    double activeWeightBytes = s.weightsBytesPerGpu() * weightShareRead(a, expertShare);
    double kvBytes = batch * avgContext * s.kvBytesPerTokenPerGpu();
    // A format whose kernels are bound by their own dequantising work on fast memory has a floor.
    double weightFloor =
        fk != null && fk.decodeFloorUsPerLayer() != null
            ? s.layersPerGpu() * fk.decodeFloorUsPerLayer() / 1e6
            : 0;
    double readSeconds = activeWeightBytes / weightRate;
    double weightSeconds = Math.max(readSeconds, weightFloor);
    double kvSeconds = kvBytes / kvRate;
    double memSeconds = weightSeconds + kvSeconds;
    double stageParams = a.activeParameters() / tp / pp;
    double attentionFlops = 4.0 * avgContext * a.attentionWidth() * s.layersPerGpu() / tp;
    double stepFlops = batch * (2 * stageParams + attentionFlops);
    double computeSeconds = stepFlops / flopRate;
    double allReduceStep = allReduceSeconds(ic, tp, s.layersPerGpu(), batch, batch, a.hiddenSize());
    double joinedStep = ridge(computeSeconds, memSeconds, k);
    double stepSeconds = joinedStep * (1 + commOverhead) + allReduceStep;
    double tokenSeconds = stepSeconds * pp + decodeOverhead;
    double perSequence = 1 / tokenSeconds;
    int sequencesServed = Math.min(w.concurrentRequests(), batch * s.replicas());
    double aggregate = perSequence * sequencesServed;
    String decodeBound = memSeconds >= computeSeconds ? "memory" : "compute";
    inputs.put("allReduceMsPerStep", allReduceStep * 1000);
    inputs.put("attentionShareOfDecodeStep", round4(kvSeconds / Math.max(memSeconds, 1e-12)));
    explain.put(
        "decodeTokensPerSecondPerSequence",
        fmt(
            "step reads %s weights%s at %s TB/s × %s × %s (%s) = %s ms%s + %s KV (%s × %s tokens,"
                + " attention %s of the read) at × %s = %s ms; compute %s ms; joined (k = %s) %s ms"
                + " %s× %s + %s ms"
                + " %s per-token overhead%s = %s ms per token → %s tokens/s",
            gib(activeWeightBytes),
            a.moe() ? fmt(" (%s of experts touched)", num(expertShare * 100) + " %") : "",
            num(gpu.bandwidthTBps()),
            factor(bwEff),
            factor(formatBw),
            fk != null ? fk.kind() : r.weights().kind(),
            ms(weightSeconds),
            weightFloor > readSeconds
                ? fmt(
                    " (the format's floor: %s × %s µs, above %s ms at that rate)",
                    count(s.layersPerGpu(), "layer"),
                    num(fk.decodeFloorUsPerLayer()),
                    ms(readSeconds))
                : "",
            gib(kvBytes),
            count(batch, "seq"),
            count(Math.round(avgContext)),
            num(round4(kvSeconds / Math.max(memSeconds, 1e-12)) * 100) + " %",
            factor(bwEff),
            ms(kvSeconds),
            ms(computeSeconds),
            factor(k),
            ms(joinedStep),
            tp > 1
                ? (ic != null
                    ? fmt(
                        "+ %s ms all-reduce (2 × %d layers, %s) ",
                        ms(allReduceStep), s.layersPerGpu(), link)
                    : fmt("× (1 + %s TP overhead) ", num(commOverhead)))
                : "",
            count(pp, "stage"),
            ms(decodeOverhead),
            ef != null ? r.engine().id() + " " + ef.since() + "+" : "(no engine entry)",
            expertOverhead > 0
                ? fmt(
                    " (of which %d MoE layers × %d experts × %s µs = %s ms)",
                    a.moeLayerCount(), expertsPerToken, num(usPerExpert), ms(expertOverhead))
                : "",
            ms(tokenSeconds),
            num(perSequence)));
    explain.put(
        "decodeTokensPerSecondAggregate",
        fmt(
            "%s tokens/s × %s decoding at once = %s tokens/s",
            num(perSequence), count(sequencesServed, "sequence"), num(aggregate)));

    // Prefill of one prompt, alone on the replica, in chunks of the batched-token limit.
    double p = w.promptTokens();
    int chunkTokens = chunkTokens(r, w.promptTokens());
    int chunks = (int) Math.ceil(p / chunkTokens);
    double prefillFlops =
        2 * a.activeParameters() * p + 2.0 * p * p * a.attentionWidth() * a.numHiddenLayers();
    double prefillCompute = prefillFlops / tp / flopRate;
    double prefillWeightRate = bandwidth * bwEff * (fk != null ? fk.prefillBandwidth() : 1);
    double weightRead = (double) s.weightsBytesPerGpu() * pp / prefillWeightRate;
    double prefillMemory = weightRead * chunks;
    double prefillAllReduce =
        allReduceSeconds(ic, tp, s.layersPerGpu(), w.promptTokens(), chunkTokens, a.hiddenSize())
            * pp;
    // The step that returns the first token is a step of the engine's loop like any decode step:
    // it pays the release's per-token cost (scheduling, sampling, returning the token) once.
    double joinedPrefill = ridge(prefillCompute, prefillMemory, k);
    double ttftSeconds =
        joinedPrefill * (1 + commOverhead)
            + prefillAllReduce
            + chunks * prefillOverhead
            + decodeOverhead;
    String prefillBound = prefillCompute >= prefillMemory ? "compute" : "memory";
    inputs.put("prefillChunkTokens", chunkTokens);
    inputs.put("prefillChunks", chunks);
    explain.put(
        "ttftMs",
        fmt(
            "(2 × %s active params × %s prompt tokens + causal attention) = %s TFLOP ÷ TP %d ÷ (%s"
                + " TFLOP/s %s × %s × %s%s) = %s ms; %s of ≤ %s tokens each read the weights"
                + " (%s ms); joined (k = %s) %s ms%s + %d × %s ms per chunk + %s ms per-token overhead"
                + " of the first token"
                + " = %s ms, without queueing",
            fmtBillions(a.activeParameters()),
            count(w.promptTokens()),
            num(prefillFlops / 1e12),
            tp,
            num(peakFlops / 1e12),
            dtype,
            factor(computeEff),
            factor(formatCompute),
            atPeak ? fmt(", at most %s: the %s peak", factor(peakShare), dtype) : "",
            ms(prefillCompute),
            count(chunks, "chunk"),
            count(chunkTokens),
            ms(prefillMemory),
            factor(k),
            ms(joinedPrefill),
            tp > 1
                ? (ic != null
                    ? fmt("; + %s ms all-reduce", ms(prefillAllReduce))
                    : fmt(" × (1 + %s TP overhead)", num(commOverhead)))
                : "",
            chunks,
            ms(prefillOverhead),
            ms(decodeOverhead),
            ms(ttftSeconds)));

    // Each request of the batch also pays its prefill: one cycle prefills the batch's prompts and
    // decodes their output tokens.
    double batchPromptTokens = (double) batch * w.promptTokens();
    int batchChunkTokens = chunkTokens(r, (int) batchPromptTokens);
    int batchChunks = (int) Math.ceil(batchPromptTokens / batchChunkTokens);
    double batchPrefill =
        ridge(batch * prefillCompute, batchChunks * weightRead, k) * (1 + commOverhead)
            + allReduceSeconds(
                    ic, tp, s.layersPerGpu(), batchPromptTokens, batchChunkTokens, a.hiddenSize())
                * pp
            + batchChunks * prefillOverhead;
    double cycle = batchPrefill + w.outputTokens() * tokenSeconds;
    inputs.put("batchPrefillMs", batchPrefill * 1000);
    double outputAggregate = sequencesServed * (double) w.outputTokens() / cycle;
    explain.put(
        "outputTokensPerSecondAggregate",
        fmt(
            "%s × %s output tokens ÷ (prefill of %s %s ms + %s × %s ms per token)"
                + " = %s tokens/s",
            count(sequencesServed, "sequence"),
            count(w.outputTokens()),
            count(batch, "prompt"),
            ms(batchPrefill),
            count(w.outputTokens()),
            ms(tokenSeconds),
            num(outputAggregate)));

    String models = models(a);
    Calibration decode = calibration(f, r.engine().id(), family, models, "decode");
    SpeedRange decodeRange =
        range(
            decode, perSequence, "tokens/s", "", explain, "decodeTokensPerSecondPerSequenceRange");
    SpeedRange ttftRange =
        range(
            calibration(f, r.engine().id(), family, models, "ttft"),
            ttftSeconds * 1000,
            "ms",
            "",
            explain,
            "ttftMsRange");
    // A batch's throughput is its decode steps' (and, for the output, its prefill's): the decode
    // speed's factors, which the end-to-end static-batch runs calibrate.
    String decodeFactors = "; the per-sequence decode speed's factors";
    SpeedRange aggregateRange =
        range(
            decode,
            aggregate,
            "tokens/s",
            decodeFactors,
            explain,
            "decodeTokensPerSecondAggregateRange");
    SpeedRange outputRange =
        range(
            decode,
            outputAggregate,
            "tokens/s",
            decodeFactors,
            explain,
            "outputTokensPerSecondAggregateRange");
    return new Performance(
        round2(perSequence),
        round2(aggregate),
        round2(ttftSeconds * 1000),
        batch,
        decodeBound,
        prefillBound,
        r.plan().slo() == null ? null : r.plan().slo().ttftP99Ms(),
        // Insertion order, as the sizing's explain (Map.copyOf's order changes between JVMs).
        Collections.unmodifiableMap(new LinkedHashMap<>(inputs)),
        Collections.unmodifiableMap(new LinkedHashMap<>(explain)),
        round2(outputAggregate),
        decodeRange,
        ttftRange,
        aggregateRange,
        outputRange);
  }

  /**
   * The calibration family of a GPU: its architecture, with GeForce cards apart ({@code
   * ada-geforce}): the catalogue gives their dense rate at FP32 accumulate (half their
   * FP16-accumulate rate), so the achievable fraction of that figure differs from a data-centre
   * card's.
   */
  public static String family(GpuSpec gpu) {
    return gpu.architecture()
        + (gpu.name() != null && gpu.name().contains("GeForce") ? "-geforce" : "");
  }

  /**
   * Two all-reduces per layer of a stage (after attention and after the MLP), each a latency plus a
   * ring's 2 (TP − 1) / TP share of the tokens' 16-bit hidden states over the bus bandwidth that a
   * pass's message (its tokens' hidden states) gets on the link: a decode step's is the batch's, a
   * prefill pass's its chunk's.
   */
  static double allReduceSeconds(
      RooflineFactors.Interconnect ic,
      int tp,
      int layers,
      double tokens,
      double tokensPerPass,
      int hidden) {
    if (ic == null || tp <= 1) {
      return 0;
    }
    double bytes = 2.0 * (tp - 1) / tp * tokens * hidden * 2;
    double bus = ic.busBandwidthFor(tokensPerPass * hidden * 2);
    return 2.0 * layers * (ic.allReduceLatencyUs() / 1e6 + bytes / (bus * 1e9));
  }

  /**
   * A pass's time from its compute and memory times: their p-norm, (c^k + m^k)^(1/k), which is the
   * larger of the two far from the ridge point and more than it near it (RooflineFactors).
   */
  static double ridge(double compute, double memory, double k) {
    double hi = Math.max(compute, memory);
    if (hi <= 0) {
      return 0;
    }
    return hi * Math.pow(Math.pow(compute / hi, k) + Math.pow(memory / hi, k), 1 / k);
  }

  /**
   * Tokens one prefill pass takes: the batched-token limit when the release chunks prompts
   * (llama.cpp's micro-batch, vLLM's max_num_batched_tokens), else the whole prompt.
   */
  static int chunkTokens(ResolvedPlan r, int promptTokens) {
    Integer limit = r.plan().engine().maxNumBatchedTokens();
    if (r.engineRelease() != null
        && Boolean.TRUE.equals(r.engineRelease().chunkedPrefill())
        && limit != null
        && limit > 0
        && limit < promptTokens) {
      return limit;
    }
    return Math.max(1, promptTokens);
  }

  /**
   * The link a tensor-parallel all-reduce crosses: the plan's interconnect inside one node; across
   * nodes, the board's own link when the TP group fits in a node (pipeline stages cross the nodes,
   * the all-reduce does not), else the link between nodes.
   */
  static String tensorParallelLink(ResolvedPlan r) {
    DeploymentPlan.Hardware h = r.plan().hardware();
    boolean acrossNodes = h.nodes() != null && h.nodes() > 1;
    if (acrossNodes && h.gpusPerNode() != null && r.tensor() <= h.gpusPerNode()) {
      return r.gpu().boardLink();
    }
    return h.interconnect();
  }

  /**
   * The kind of model a speed range counts runs of ({@code models} in the catalogue's ranges): a
   * MoE model pays costs per expert that no dense run measures.
   */
  public static String models(Architecture a) {
    return a.moe() ? "moe" : "dense";
  }

  /**
   * A figure's calibration factors and the runs they rest on ({@code phrase}: "on 14 calibration
   * points: vllm on ada, dense models"), resolved once and applied to each speed that takes them.
   */
  private record Calibration(RooflineFactors.Range factors, String phrase) {}

  private static Calibration calibration(
      RooflineFactors f, String engine, String family, String models, String metric) {
    RooflineFactors.Resolved resolved = f.range(engine, family, models, metric);
    if (resolved == null) {
      return null;
    }
    RooflineFactors.Range rr = resolved.range();
    String basis =
        switch (resolved.basis()) {
          case OWN -> fmt("%s on %s, %s models", engine, family, models);
          case ENGINE_WIDE ->
              fmt(
                  "%s on every calibrated family, %s models (fewer than %d points on %s)",
                  engine, models, RooflineFactors.MIN_RANGE_POINTS, family);
          case WIDENED ->
              fmt(
                  "fewer than %d points of %s on %s with %s models, and no range of %s's own that"
                      + " holds them: the calibrated engines' runs predicted without their own"
                      + " engine entry, widened to hold %s's own points on %s",
                  RooflineFactors.MIN_RANGE_POINTS, engine, family, models, engine, engine, family);
          case UNCALIBRATED ->
              fmt(
                  "no calibration point of %s on %s with %s models for this figure: the calibrated"
                      + " engines' runs predicted without their own engine entry",
                  engine, family, models);
        };
    return new Calibration(rr, fmt("on %d calibration points: %s", rr.points(), basis));
  }

  /**
   * The prediction times the calibration's factors, written to {@code explain} under {@code key};
   * {@code whose} says which figure's factors they are when not the figure's own. Null without a
   * calibration.
   */
  private static SpeedRange range(
      Calibration c,
      double predicted,
      String unit,
      String whose,
      Map<String, String> explain,
      String key) {
    if (c == null) {
      return null;
    }
    RooflineFactors.Range rr = c.factors();
    double low = round2(predicted * rr.low());
    double high = round2(predicted * rr.high());
    String text =
        fmt(
            "%s %s × %s … × %s (10th–90th percentile of measured ÷ predicted %s%s) = %s … %s %s",
            num(predicted),
            unit,
            coef(rr.low()),
            coef(rr.high()),
            c.phrase(),
            whose,
            num(low),
            num(high),
            unit);
    explain.put(key, text);
    return new SpeedRange(low, high, text, c.phrase());
  }

  /**
   * The dtype the matmuls run in: the format's, unless this GPU has no tensor cores for it (FP8
   * weights on Ampere run weight-only, dequantised to 16 bits).
   */
  static String computeDtype(ResolvedPlan r) {
    String dtype = r.weights().computeDtype();
    GpuSpec.DenseTflops t = r.gpu().denseTflops();
    if (t.forDtype(dtype) != null) {
      return dtype;
    }
    return t.bf16() != null && !"fp16".equals(dtype) ? "bf16" : "fp16";
  }

  private static int maxSeqs(DeploymentPlan.Engine e, int fallback) {
    Integer cap = e.maxNumSeqs() != null ? e.maxNumSeqs() : e.maxBatchSize();
    return cap == null ? fallback : cap;
  }

  /** Expected share of experts a batch touches when each token picks k of E at random. */
  static double expertShareTouched(Architecture a, int batch) {
    if (!a.moe()) {
      return 1;
    }
    double missOne = 1 - (double) a.activeExperts() / a.experts();
    return 1 - Math.pow(missOne, batch);
  }

  /** Share of the weight bytes a decode step reads: untouched experts are not read. */
  private static double weightShareRead(Architecture a, double expertShare) {
    if (!a.moe()) {
      return 1;
    }
    double expertParams = a.moeRoutedExpertParams();
    double expertFraction = expertParams / a.computedParameters();
    return 1 - expertFraction * (1 - expertShare);
  }

  /**
   * A coefficient as the catalogue gives it (up to four decimals), so the explain shows it whole.
   */
  private static String coef(double v) {
    String t = String.format(java.util.Locale.ROOT, "%.4f", v);
    return t.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private static String ms(double seconds) {
    return num(seconds * 1000);
  }

  private static String fmtBillions(double params) {
    return fmt("%.2fB", params / 1e9);
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static double round4(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
