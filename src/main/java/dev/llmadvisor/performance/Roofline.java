package dev.llmadvisor.performance;

import static dev.llmadvisor.catalogue.Units.count;
import static dev.llmadvisor.catalogue.Units.factor;
import static dev.llmadvisor.catalogue.Units.fmt;
import static dev.llmadvisor.catalogue.Units.gib;
import static dev.llmadvisor.catalogue.Units.num;

import dev.llmadvisor.catalogue.Architecture;
import dev.llmadvisor.catalogue.GpuSpec;
import dev.llmadvisor.catalogue.RooflineFactors;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.sizing.Sizing;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A roofline model of decode and prefill (docs/sizing.md, "Speed"). A decode step reads this GPU's
 * weights (for MoE, the experts a batch touches) and the KV cache of every sequence in the batch,
 * and does two FLOPs per active parameter per sequence; its time is the larger of the two bounds.
 * Prefill of one prompt is compute-bound: 2 × active parameters × prompt tokens plus causal
 * attention. Tensor parallelism divides both and pays a named communication overhead; pipeline
 * stages run one after another for a single sequence.
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
    double peakFlops = gpu.denseTflops().forDtype(dtype) * 1e12;
    double computeEff = f.computeEfficiencyFor(dtype);
    double bandwidth = gpu.bandwidthTBps() * 1e12;
    double bwEff = f.bandwidthEfficiency();
    double commOverhead = tp > 1 ? f.tensorParallelCommunicationOverhead() : 0;
    inputs.put("gpu", gpu.id());
    inputs.put("bandwidthTBps", gpu.bandwidthTBps());
    inputs.put("bandwidthEfficiency", bwEff);
    inputs.put("computeDtype", dtype);
    inputs.put("denseTflops", gpu.denseTflops().forDtype(dtype));
    inputs.put("computeEfficiency", computeEff);
    inputs.put("tensorParallelCommunicationOverhead", commOverhead);
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
    double memSeconds = (activeWeightBytes + kvBytes) / (bandwidth * bwEff);
    double stageParams = a.activeParameters() / tp / pp;
    double attentionFlops = 4.0 * avgContext * a.attentionWidth() * s.layersPerGpu() / tp;
    double stepFlops = batch * (2 * stageParams + attentionFlops);
    double computeSeconds = stepFlops / (peakFlops * computeEff);
    double stepSeconds = Math.max(memSeconds, computeSeconds) * (1 + commOverhead);
    double tokenSeconds = stepSeconds * pp;
    double perSequence = 1 / tokenSeconds;
    int sequencesServed = Math.min(w.concurrentRequests(), batch * s.replicas());
    double aggregate = perSequence * sequencesServed;
    String decodeBound = memSeconds >= computeSeconds ? "memory" : "compute";
    explain.put(
        "decodeTokensPerSecondPerSequence",
        fmt(
            "step reads %s weights%s + %s KV (%s × %s tokens) at %s TB/s × %s = %s ms; compute %s ms; "
                + "× (1 + %s TP overhead) × %s = %s ms per token → %s tokens/s",
            gib(activeWeightBytes),
            a.moe() ? fmt(" (%s of experts touched)", num(expertShare * 100) + " %") : "",
            gib(kvBytes),
            count(batch, "seq"),
            count(Math.round(avgContext)),
            num(gpu.bandwidthTBps()),
            factor(bwEff),
            ms(memSeconds),
            ms(computeSeconds),
            factor(commOverhead),
            count(pp, "stage"),
            ms(tokenSeconds),
            num(perSequence)));
    explain.put(
        "decodeTokensPerSecondAggregate",
        fmt(
            "%s tokens/s × %s decoding at once = %s tokens/s",
            num(perSequence), count(sequencesServed, "sequence"), num(aggregate)));

    // Prefill of one prompt, alone on the replica.
    double p = w.promptTokens();
    double prefillFlops =
        2 * a.activeParameters() * p + 2.0 * p * p * a.attentionWidth() * a.numHiddenLayers();
    double prefillCompute = prefillFlops / tp / (peakFlops * computeEff);
    double prefillMemory = (double) s.weightsBytesPerGpu() * pp / (bandwidth * bwEff);
    double ttftSeconds = Math.max(prefillCompute, prefillMemory) * (1 + commOverhead);
    String prefillBound = prefillCompute >= prefillMemory ? "compute" : "memory";
    explain.put(
        "ttftMs",
        fmt(
            "(2 × %s active params × %s prompt tokens + causal attention) = %s TFLOP ÷ TP %d ÷ (%s TFLOP/s %s × %s)"
                + " = %s ms; weight read %s ms; × (1 + %s) = %s ms, without queueing",
            fmtBillions(a.activeParameters()),
            count(w.promptTokens()),
            num(prefillFlops / 1e12),
            tp,
            num(peakFlops / 1e12),
            dtype,
            factor(computeEff),
            ms(prefillCompute),
            ms(prefillMemory),
            factor(commOverhead),
            ms(ttftSeconds)));
    return new Performance(
        round2(perSequence),
        round2(aggregate),
        round2(ttftSeconds * 1000),
        batch,
        decodeBound,
        prefillBound,
        r.plan().slo() == null ? null : r.plan().slo().ttftP99Ms(),
        Map.copyOf(inputs),
        Map.copyOf(explain));
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

  private static String ms(double seconds) {
    return num(seconds * 1000);
  }

  private static String fmtBillions(double params) {
    return fmt("%.2fB", params / 1e9);
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
