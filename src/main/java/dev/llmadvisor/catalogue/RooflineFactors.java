package dev.llmadvisor.catalogue;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The speed model's coefficients, from {@code catalogues/roofline.yaml}: achievable fractions of a
 * GPU's nominal bandwidth and dense FLOP rates (per GPU family where calibrated, else the defaults
 * measured on an H100), factors per weight-format kind, the per-token and per-prefill-chunk
 * overheads of an engine release, the all-reduce latency per interconnect, and the calibration
 * residual ranges that every predicted speed carries (docs/speed.md).
 *
 * @param bandwidthEfficiency default achievable fraction of nominal bandwidth (families not listed)
 * @param computeEfficiency default achievable fraction of dense peak, per compute dtype
 * @param tensorParallelCommunicationOverhead share added to a step with TP where no interconnect
 *     entry applies
 * @param ridgeExponent k of the p-norm that joins a pass's compute and memory times, (c^k +
 *     m^k)^(1/k): near the ridge point a kernel reaches neither bound, so a pass takes longer than
 *     the larger of the two (the plain roofline's max is k = ∞)
 */
public record RooflineFactors(
    Double bandwidthEfficiency,
    Map<String, Double> computeEfficiency,
    Double tensorParallelCommunicationOverhead,
    Double ridgeExponent,
    List<Family> families,
    List<FormatKind> formats,
    List<Engine> engines,
    List<Interconnect> interconnects,
    List<Range> ranges,
    String status,
    String source) {

  public RooflineFactors {
    families = families == null ? List.of() : List.copyOf(families);
    formats = formats == null ? List.of() : List.copyOf(formats);
    engines = engines == null ? List.of() : List.copyOf(engines);
    interconnects = interconnects == null ? List.of() : List.copyOf(interconnects);
    ranges = ranges == null ? List.of() : List.copyOf(ranges);
  }

  /**
   * Achievable fractions on one GPU family ({@code GpuSpec.architecture}), fitted on the dataset.
   */
  public record Family(
      String architecture, Double bandwidthEfficiency, Double computeEfficiency, String source) {}

  /**
   * What a weight-format kind ({@code WeightFormat.kind}: gguf, fp8 …) does to the achievable
   * rates: dequantising kernels reach a smaller share of bandwidth and tensor-core peak. {@code
   * decodeFloorUsPerLayer}, when given, is the least time one layer's weights take in a decode step
   * whatever the bandwidth: a kernel that dequantises as it reads and is bound by that work on fast
   * memory (bitsandbytes' 4-bit GEMV decodes a 70B at the same speed on H100 and H200). {@code
   * prefillBandwidthFactor}, when given, is the share of bandwidth at which a prefill pass reads
   * the weights where its kernels differ from the decode step's (bitsandbytes dequantises each
   * weight to 16 bits and multiplies that: more bytes moved per weight than the one-row GEMV).
   */
  public record FormatKind(
      String kind,
      Double bandwidthFactor,
      Double computeFactor,
      Double decodeFloorUsPerLayer,
      Double prefillBandwidthFactor,
      String source) {

    /** The share of bandwidth at which a prefill pass reads the weights. */
    public double prefillBandwidth() {
      return prefillBandwidthFactor != null ? prefillBandwidthFactor : bandwidthFactor;
    }
  }

  /**
   * Fixed costs of an engine release that no roofline sees: per generated token (scheduling,
   * sampling) plus per layer (kernel launches), and the same per prefill chunk (one forward pass of
   * a micro-batch); and how its kernels' share of the dense peak compares with the family's
   * fraction ({@code computeFactor}, 1 for the engine the family fractions are fitted on). {@code
   * allReduceLatencyUs}, when given, is this release's cost of one tensor-parallel all-reduce in
   * place of the link's measured latency (a release whose TP steps cost more than the link). {@code
   * allReduceHopLatencyUs}, when given, is the cost of one step of a ring all-reduce (NCCL's ring:
   * 2 (TP − 1) steps, each a hop between two GPUs), for a release without a one-shot all-reduce
   * kernel: its all-reduce latency grows with the TP size instead of staying the link's. {@code
   * nvlinkBusBandwidthGBps}, when given, is the bus bandwidth of this release's own all-reduce
   * kernels over NVLink in place of the link's (TensorRT-LLM's all-reduce plugin). {@code
   * computeFactorByFamily} holds a family's own compute factor where the release's prefill runs on
   * it disagree with its factor elsewhere (vLLM's on Hopper). {@code decodeOverheadUsPerExpert} is
   * a cost per expert a token runs through (routed and shared) in each MoE layer of a decode step,
   * and {@code decodeOverheadUsPerExpertByFamily} a family's own where it differs (SGLang's on CDNA
   * 3).
   */
  public record Engine(
      String engine,
      String since,
      Double computeFactor,
      Double decodeOverheadMs,
      Double decodeOverheadUsPerLayer,
      Double decodeOverheadUsPerExpert,
      Double prefillOverheadMs,
      Double prefillOverheadUsPerLayer,
      Double allReduceLatencyUs,
      Double allReduceHopLatencyUs,
      Double nvlinkBusBandwidthGBps,
      Map<String, Double> computeFactorByFamily,
      Map<String, Double> decodeOverheadUsPerExpertByFamily,
      String source) {

    public Engine {
      computeFactorByFamily =
          computeFactorByFamily == null ? Map.of() : Map.copyOf(computeFactorByFamily);
      decodeOverheadUsPerExpertByFamily =
          decodeOverheadUsPerExpertByFamily == null
              ? Map.of()
              : Map.copyOf(decodeOverheadUsPerExpertByFamily);
    }

    /**
     * The cost per expert per MoE layer on a GPU family: its own where fitted, else the engine's.
     */
    public double decodeOverheadUsPerExpertOn(String architecture) {
      Double own = decodeOverheadUsPerExpertByFamily.get(architecture);
      if (own != null) {
        return own;
      }
      return decodeOverheadUsPerExpert != null ? decodeOverheadUsPerExpert : 0;
    }

    /** The kernels' compute factor on a GPU family: its own where fitted, else the engine's. */
    public double computeFactorOn(String architecture) {
      return computeFactorByFamily.getOrDefault(architecture, computeFactor);
    }
  }

  /**
   * One all-reduce's latency over a link kind (nvlink, pcie …) and its bus bandwidth; where the
   * engines switch to another all-reduce for large messages (vLLM's custom all-reduce below its
   * size limit, NCCL/RCCL from it), the size from which they do and that path's bus bandwidth.
   */
  public record Interconnect(
      String kind,
      Double allReduceLatencyUs,
      Double busBandwidthGBps,
      Long largeMessageBytes,
      Double largeMessageBusBandwidthGBps,
      String source) {

    /** A link without a large-message split: one bandwidth for every message size. */
    public Interconnect(
        String kind, Double allReduceLatencyUs, Double busBandwidthGBps, String source) {
      this(kind, allReduceLatencyUs, busBandwidthGBps, null, null, source);
    }

    /** The bus bandwidth a message of this many bytes gets. */
    public double busBandwidthFor(double messageBytes) {
      return largeMessageBytes != null && messageBytes >= largeMessageBytes
          ? largeMessageBusBandwidthGBps
          : busBandwidthGBps;
    }
  }

  /**
   * The 10th and 90th percentile of measured ÷ predicted on the calibration points of an engine and
   * GPU family ({@code *} = any) with one kind of model ({@code dense} or {@code moe}; {@code *}
   * for the uncalibrated range), for one metric ({@code decode} or {@code ttft}).
   */
  public record Range(
      String engine,
      String family,
      String models,
      String metric,
      Double low,
      Double high,
      Integer points,
      String source) {}

  public double computeEfficiencyFor(String dtype) {
    Double e = computeEfficiency.get(dtype);
    return e != null ? e : computeEfficiency.get("bf16");
  }

  /** The calibrated family, or null (then the defaults apply). */
  public Family family(String architecture) {
    return families.stream()
        .filter(f -> f.architecture().equals(architecture))
        .findFirst()
        .orElse(null);
  }

  public FormatKind format(String kind) {
    return formats.stream().filter(f -> f.kind().equals(kind)).findFirst().orElse(null);
  }

  /**
   * The factors of a weight format: an entry for the format itself where its kernels differ from
   * others of its kind (bitsandbytes NF4 among the 4-bit formats, which Marlin kernels serve for
   * AWQ and GPTQ), else its kind's, else null.
   */
  public FormatKind formatFor(String formatId, String kind) {
    FormatKind own = format(formatId);
    return own != null ? own : format(kind);
  }

  /** The engine entry governing this version (the latest {@code since} at or below it), or null. */
  public Engine engine(String engineId, String version) {
    return engines.stream()
        .filter(e -> e.engine().equals(engineId))
        .filter(e -> version == null || Versions.compare(e.since(), version) <= 0)
        .max(Comparator.comparing(Engine::since, Versions::compare))
        .orElse(null);
  }

  public Interconnect interconnect(String kind) {
    return interconnects.stream().filter(i -> i.kind().equals(kind)).findFirst().orElse(null);
  }

  /** Fewest calibration points a range of its own is read from (an engine × family, an engine). */
  public static final int MIN_RANGE_POINTS = 5;

  /**
   * The residual range for an engine and family: that pair's when it has at least {@link
   * #MIN_RANGE_POINTS} points; the engine's over every family ({@code family: "*"}, itself with
   * that many) when the engine has fewer points on this family and they fall within that spread;
   * when they do not (vLLM's one H100 run at 0.88 of its prediction, against 0.91–1.13 on its other
   * families), the uncalibrated range widened to hold them ({@code engine: "*"} with this {@code
   * family}), as when the engine has too few points anywhere for a range of its own (SGLang's one
   * TTFT run); else — the engine never ran on this family in the dataset — the uncalibrated one
   * ({@code engine: "*"}): an engine's spread on the families it was measured on says nothing about
   * one it was not. Each case counts only the engine's points with the plan's kind of model ({@code
   * models}: dense or MoE): an engine's spread on dense models says nothing of its costs per
   * expert.
   */
  public Resolved range(String engineId, String architecture, String models, String metric) {
    Range pair = find(engineId, architecture, models, metric);
    Range engineWide = find(engineId, "*", models, metric);
    Range uncalibrated = find("*", "*", "*", metric);
    if (pair != null && pair.points() != null && pair.points() >= MIN_RANGE_POINTS) {
      return new Resolved(pair, Basis.OWN);
    }
    boolean engineWideHolds =
        engineWide != null
            && engineWide.points() != null
            && engineWide.points() >= MIN_RANGE_POINTS;
    if (pair != null
        && engineWideHolds
        && pair.low() >= engineWide.low()
        && pair.high() <= engineWide.high()) {
      return new Resolved(engineWide, Basis.ENGINE_WIDE);
    }
    if (pair != null && uncalibrated != null) {
      // Built per call: one small record, cheaper than a cache keyed on three strings.
      Range widened =
          new Range(
              "*",
              architecture,
              models,
              metric,
              Math.min(uncalibrated.low(), pair.low()),
              Math.max(uncalibrated.high(), pair.high()),
              uncalibrated.points(),
              uncalibrated.source()
                  + "; widened to "
                  + engineId
                  + "'s own points on "
                  + architecture);
      return new Resolved(widened, Basis.WIDENED);
    }
    return uncalibrated == null ? null : new Resolved(uncalibrated, Basis.UNCALIBRATED);
  }

  /** Which of {@link #range}'s cases gave a range. */
  public enum Basis {
    /** The engine's own points on this family. */
    OWN,
    /** The engine's points over every family (few on this one, within that spread). */
    ENGINE_WIDE,
    /** The uncalibrated range widened to hold the engine's few points on this family. */
    WIDENED,
    /** No point of the engine on this family: the uncalibrated range. */
    UNCALIBRATED
  }

  /** A range and the case of {@link #range} that chose it. */
  public record Resolved(Range range, Basis basis) {
    public double low() {
      return range.low();
    }

    public double high() {
      return range.high();
    }
  }

  private Range find(String engineId, String architecture, String models, String metric) {
    return ranges.stream()
        .filter(
            r ->
                r.metric().equals(metric)
                    && r.engine().equals(engineId)
                    && r.family().equals(architecture)
                    && r.models().equals(models))
        .findFirst()
        .orElse(null);
  }
}
