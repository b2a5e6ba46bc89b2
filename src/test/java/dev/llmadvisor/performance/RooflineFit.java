package dev.llmadvisor.performance;

import dev.llmadvisor.catalogue.RooflineFactors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The fit behind the calibrated coefficients of {@code catalogues/roofline.yaml} (docs/speed.md):
 * least squares of log(predicted ÷ measured) over the training points, by coordinate descent — each
 * coefficient in turn by a golden-section search on its logarithm within its bounds, the others
 * fixed, sweeping until a sweep improves the loss by less than 10⁻⁶ (at most 40 sweeps). It starts
 * from the catalogue's values and evaluates the real {@link Roofline}, so what is fitted is exactly
 * what the advisor computes. Deterministic: no randomness, fixed order.
 */
final class RooflineFit {

  /** One fitted coefficient: its name, bounds, and how to set it on a copy of the factors. */
  record Param(
      String name,
      double lo,
      double hi,
      java.util.function.Function<RooflineFactors, Double> get,
      BiFunction<RooflineFactors, Double, RooflineFactors> set) {}

  private RooflineFit() {}

  static double loss(List<SpeedCases.Point> training, RooflineFactors f) {
    double sum = 0;
    for (SpeedCases.Point p : training) {
      double e = Math.log(p.predicted(f) / p.measured());
      sum += e * e;
    }
    return sum;
  }

  static RooflineFactors fit(
      List<SpeedCases.Point> training, RooflineFactors start, List<Param> params) {
    RooflineFactors f = start;
    double best = loss(training, f);
    for (int sweep = 0; sweep < 40; sweep++) {
      double before = best;
      for (Param p : params) {
        double a = Math.log(p.lo());
        double b = Math.log(p.hi());
        double g = (Math.sqrt(5) - 1) / 2;
        double c = b - g * (b - a);
        double d = a + g * (b - a);
        RooflineFactors base = f;
        double fc = loss(training, p.set().apply(base, Math.exp(c)));
        double fd = loss(training, p.set().apply(base, Math.exp(d)));
        for (int i = 0; i < 30; i++) {
          if (fc < fd) {
            b = d;
            d = c;
            fd = fc;
            c = b - g * (b - a);
            fc = loss(training, p.set().apply(base, Math.exp(c)));
          } else {
            a = c;
            c = d;
            fc = fd;
            d = a + g * (b - a);
            fd = loss(training, p.set().apply(base, Math.exp(d)));
          }
        }
        double x = Math.exp((a + b) / 2);
        RooflineFactors candidate = p.set().apply(base, x);
        double l = loss(training, candidate);
        if (l < best) {
          best = l;
          f = candidate;
        }
      }
      if (before - best < 1e-6) {
        break;
      }
    }
    return f;
  }

  /** The coefficients docs/speed.md says are fitted, with their bounds. */
  static List<Param> params() {
    List<Param> ps = new ArrayList<>();
    for (String arch : List.of("ampere", "ampere-geforce", "ada", "ada-geforce", "hopper")) {
      ps.add(
          new Param(
              "families." + arch + ".bandwidthEfficiency",
              0.05,
              1,
              f -> f.family(arch).bandwidthEfficiency(),
              (f, v) -> withFamily(f, arch, v, null)));
      ps.add(
          new Param(
              "families." + arch + ".computeEfficiency",
              0.05,
              arch.endsWith("-geforce") ? 2.5 : 1,
              f -> f.family(arch).computeEfficiency(),
              (f, v) -> withFamily(f, arch, null, v)));
    }
    // MI300X (cdna3): only the bandwidth fraction. Its compute fraction stays the default: the only
    // MI300X prefills are the batched rows' batch prefills, which cannot tell it from their
    // all-reduces (fitted, it ran to its bound of 1; docs/speed.md).
    ps.add(
        new Param(
            "families.cdna3.bandwidthEfficiency",
            0.05,
            1,
            f -> f.family("cdna3").bandwidthEfficiency(),
            (f, v) -> withFamily(f, "cdna3", v, null)));
    // Weight formats: their kernels' share of bandwidth and compute. bitsandbytes NF4 also has a
    // floor per layer on its 4-bit GEMV (one row: a batch-1 decode step decodes a 70B at the same
    // speed on H100 and H200) and its prefill's own read, the other path of its matmul_4bit
    // (dequantise, then multiply).
    Map<String, List<String>> formatFields =
        Map.of(
            "gguf",
            List.of("bandwidthFactor", "computeFactor"),
            "bnb-nf4",
            List.of(
                "bandwidthFactor",
                "computeFactor",
                "decodeFloorUsPerLayer",
                "prefillBandwidthFactor"));
    for (String kind : List.of("gguf", "bnb-nf4")) {
      for (String field : formatFields.get(kind)) {
        boolean floor = field.equals("decodeFloorUsPerLayer");
        ps.add(
            new Param(
                "formats." + kind + "." + field,
                floor ? 0 : field.equals("prefillBandwidthFactor") ? 0.02 : 0.05,
                floor ? 2000 : 1,
                f -> formatField(f.format(kind), field),
                (f, v) -> withFormat(f, kind, field, v)));
      }
    }
    // How a pass's compute and memory times join near the ridge point (k = ∞: the larger of them).
    ps.add(
        new Param("ridgeExponent", 1, 20, RooflineFactors::ridgeExponent, RooflineFit::withRidge));
    // llama.cpp: the reference kernels of the family fractions; fixed and per-layer overheads.
    // TensorRT-LLM: its kernels' compute factor, fixed overheads and its own all-reduce latency
    // (its points cannot separate a per-layer cost from the all-reduce latency, so the per-layer
    // terms stay 0), and before 0.16 its all-reduce plugin's NVLink bus bandwidth, which the TP 2–8
    // prefills of 2,048 tokens separate from the latency; 0.16 carries 0.8's (roofline.yaml): its
    // two TP 4 TTFTs cannot tell it from its compute factor. The link's NVLink latency is not
    // fitted: it is a measured one (roofline.yaml), so a release's own cost per TP step stays with
    // that release instead of every engine's link.
    // vLLM 0.2.7+ (CUDA graphs): per-token costs from its batch-1 runs, and its kernels' compute
    // factor from its long-prompt TTFTs, with a Hopper factor of its own (docs/speed.md). vLLM
    // 0.2.0 (no CUDA graphs, NCCL all-reduce): per-token costs and its ring's cost per hop, which
    // its TP 2/4/8 runs over PCIe separate. SGLang 0.5+: per-token costs and a compute factor, from
    // its concurrency-1 decode runs and long-prompt TTFTs, and a cost per expert per MoE layer,
    // with CDNA 3's own (its MI300X runs of three MoE models). vLLM 0.2.7+'s cost per expert is
    // not fitted: it has no MoE run, and carries SGLang's (roofline.yaml).
    List<String> tensorrtLlm =
        List.of(
            "computeFactor",
            "decodeOverheadMs",
            "prefillOverheadMs",
            "allReduceLatencyUs",
            "nvlinkBusBandwidthGBps");
    Map<String, List<String>> engineFields =
        Map.of(
            "llama.cpp@1",
            List.of(
                "decodeOverheadMs",
                "decodeOverheadUsPerLayer",
                "prefillOverheadMs",
                "prefillOverheadUsPerLayer"),
            "tensorrt-llm@0.5.0",
            tensorrtLlm,
            "tensorrt-llm@0.8.0",
            tensorrtLlm,
            "tensorrt-llm@0.16.0",
            List.of("computeFactor", "decodeOverheadMs", "allReduceLatencyUs"),
            "vllm@0.2.0",
            List.of("decodeOverheadMs", "decodeOverheadUsPerLayer", "allReduceHopLatencyUs"),
            "vllm@0.2.7",
            List.of(
                "computeFactor",
                "computeFactor.hopper",
                "decodeOverheadMs",
                "decodeOverheadUsPerLayer",
                "prefillOverheadMs"),
            "sglang@0.5.0",
            List.of(
                "computeFactor",
                "decodeOverheadMs",
                "decodeOverheadUsPerLayer",
                "decodeOverheadUsPerExpert",
                "decodeOverheadUsPerExpert.cdna3"));
    for (String release :
        List.of(
            "llama.cpp@1",
            "tensorrt-llm@0.5.0",
            "tensorrt-llm@0.8.0",
            "tensorrt-llm@0.16.0",
            "vllm@0.2.0",
            "vllm@0.2.7",
            "sglang@0.5.0")) {
      String engine = release.substring(0, release.indexOf('@'));
      String since = release.substring(release.indexOf('@') + 1);
      for (String field : engineFields.get(release)) {
        ps.add(
            new Param(
                "engines." + release + "." + field,
                field.startsWith("computeFactor") ? 0.2 : field.endsWith("Ms") ? 0.001 : 0.1,
                field.startsWith("computeFactor") ? 3 : field.endsWith("Ms") ? 50 : 2000,
                f -> engineField(f.engine(engine, since), field),
                (f, v) -> withEngine(f, engine, since, field, v)));
      }
    }
    ps.add(
        new Param(
            "interconnects.nvlink.busBandwidthGBps",
            50,
            900,
            f -> f.interconnect("nvlink").busBandwidthGBps(),
            (f, v) -> withLink(f, "nvlink", null, v)));
    // PCIe's bus bandwidth: the TP prefills of Spare Cores' L4, L40S and A100 PCIe runs.
    ps.add(
        new Param(
            "interconnects.pcie.busBandwidthGBps",
            2,
            64,
            f -> f.interconnect("pcie").busBandwidthGBps(),
            (f, v) -> withLink(f, "pcie", null, v)));
    // Infinity Fabric's: the batched MI300X runs at TP 8 (the hidden states of up to 128 sequences
    // a decode step).
    ps.add(
        new Param(
            "interconnects.infinity-fabric.busBandwidthGBps",
            10,
            900,
            f -> f.interconnect("infinity-fabric").busBandwidthGBps(),
            (f, v) -> withLink(f, "infinity-fabric", null, v)));
    // Infinity Fabric's large-message path (RCCL, from vLLM's custom all-reduce limit on ROCm):
    // the batched MI300X prefills.
    ps.add(
        new Param(
            "interconnects.infinity-fabric.largeMessageBusBandwidthGBps",
            10,
            2000,
            f -> f.interconnect("infinity-fabric").largeMessageBusBandwidthGBps(),
            (f, v) -> withLink(f, "infinity-fabric", null, null, v)));
    // The links' latencies where no measurement is at hand: PCIe's from the tensor-parallel PCIe
    // runs (L4, L40S, A100 PCIe), Infinity Fabric's from the MI300X runs at TP 8.
    for (String kind : List.of("pcie", "infinity-fabric")) {
      ps.add(
          new Param(
              "interconnects." + kind + ".allReduceLatencyUs",
              1,
              300,
              f -> f.interconnect(kind).allReduceLatencyUs(),
              (f, v) -> withLink(f, kind, v, null)));
    }
    return ps;
  }

  static Map<String, Double> values(RooflineFactors f) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (Param p : params()) {
      m.put(p.name(), p.get().apply(f));
    }
    return m;
  }

  private static RooflineFactors withFamily(RooflineFactors f, String arch, Double bw, Double c) {
    List<RooflineFactors.Family> fs =
        f.families().stream()
            .map(
                x ->
                    x.architecture().equals(arch)
                        ? new RooflineFactors.Family(
                            arch,
                            bw != null ? bw : x.bandwidthEfficiency(),
                            c != null ? c : x.computeEfficiency(),
                            x.source())
                        : x)
            .toList();
    return copy(f, fs, f.formats(), f.engines(), f.interconnects());
  }

  private static double formatField(RooflineFactors.FormatKind x, String field) {
    return switch (field) {
      case "bandwidthFactor" -> x.bandwidthFactor();
      case "computeFactor" -> x.computeFactor();
      case "decodeFloorUsPerLayer" -> x.decodeFloorUsPerLayer();
      default -> x.prefillBandwidthFactor();
    };
  }

  private static RooflineFactors withFormat(
      RooflineFactors f, String kind, String field, double v) {
    List<RooflineFactors.FormatKind> fs =
        f.formats().stream()
            .map(
                x ->
                    x.kind().equals(kind)
                        ? new RooflineFactors.FormatKind(
                            kind,
                            field.equals("bandwidthFactor") ? v : x.bandwidthFactor(),
                            field.equals("computeFactor") ? v : x.computeFactor(),
                            field.equals("decodeFloorUsPerLayer")
                                ? Double.valueOf(v)
                                : x.decodeFloorUsPerLayer(),
                            field.equals("prefillBandwidthFactor")
                                ? Double.valueOf(v)
                                : x.prefillBandwidthFactor(),
                            x.source())
                        : x)
            .toList();
    return copy(f, f.families(), fs, f.engines(), f.interconnects());
  }

  private static Map<String, Double> with(Map<String, Double> m, String key, double v) {
    Map<String, Double> copy = new LinkedHashMap<>(m);
    copy.put(key, v);
    return copy;
  }

  private static double engineField(RooflineFactors.Engine e, String field) {
    if (field.startsWith("decodeOverheadUsPerExpert.")) {
      return e.decodeOverheadUsPerExpertOn(field.substring("decodeOverheadUsPerExpert.".length()));
    }
    if (field.startsWith("computeFactor.")) {
      return e.computeFactorOn(field.substring("computeFactor.".length()));
    }
    return switch (field) {
      case "computeFactor" -> e.computeFactor();
      case "decodeOverheadMs" -> e.decodeOverheadMs();
      case "decodeOverheadUsPerLayer" -> e.decodeOverheadUsPerLayer();
      case "decodeOverheadUsPerExpert" ->
          e.decodeOverheadUsPerExpert() == null ? 0 : e.decodeOverheadUsPerExpert();
      case "prefillOverheadMs" -> e.prefillOverheadMs();
      case "allReduceLatencyUs" -> e.allReduceLatencyUs();
      case "allReduceHopLatencyUs" -> e.allReduceHopLatencyUs();
      case "nvlinkBusBandwidthGBps" -> e.nvlinkBusBandwidthGBps();
      default -> e.prefillOverheadUsPerLayer();
    };
  }

  static RooflineFactors withEngine(
      RooflineFactors f, String engine, String since, String field, double v) {
    List<RooflineFactors.Engine> es =
        f.engines().stream()
            .map(
                x ->
                    x.engine().equals(engine) && x.since().equals(since)
                        ? new RooflineFactors.Engine(
                            engine,
                            x.since(),
                            field.equals("computeFactor") ? v : x.computeFactor(),
                            field.equals("decodeOverheadMs") ? v : x.decodeOverheadMs(),
                            field.equals("decodeOverheadUsPerLayer")
                                ? v
                                : x.decodeOverheadUsPerLayer(),
                            field.equals("decodeOverheadUsPerExpert")
                                ? Double.valueOf(v)
                                : x.decodeOverheadUsPerExpert(),
                            field.equals("prefillOverheadMs") ? v : x.prefillOverheadMs(),
                            field.equals("prefillOverheadUsPerLayer")
                                ? v
                                : x.prefillOverheadUsPerLayer(),
                            field.equals("allReduceLatencyUs")
                                ? Double.valueOf(v)
                                : x.allReduceLatencyUs(),
                            field.equals("allReduceHopLatencyUs")
                                ? Double.valueOf(v)
                                : x.allReduceHopLatencyUs(),
                            field.equals("nvlinkBusBandwidthGBps")
                                ? Double.valueOf(v)
                                : x.nvlinkBusBandwidthGBps(),
                            field.startsWith("computeFactor.")
                                ? with(
                                    x.computeFactorByFamily(),
                                    field.substring("computeFactor.".length()),
                                    v)
                                : x.computeFactorByFamily(),
                            field.startsWith("decodeOverheadUsPerExpert.")
                                ? with(
                                    x.decodeOverheadUsPerExpertByFamily(),
                                    field.substring("decodeOverheadUsPerExpert.".length()),
                                    v)
                                : x.decodeOverheadUsPerExpertByFamily(),
                            x.source())
                        : x)
            .toList();
    return copy(f, f.families(), f.formats(), es, f.interconnects());
  }

  /** The factors with one link's latency and/or bus bandwidth set (null keeps the value). */
  private static RooflineFactors withLink(RooflineFactors f, String kind, Double us, Double bus) {
    return withLink(f, kind, us, bus, null);
  }

  /** The same, with its large-message bus bandwidth too. */
  private static RooflineFactors withLink(
      RooflineFactors f, String kind, Double us, Double bus, Double largeBus) {
    List<RooflineFactors.Interconnect> is =
        f.interconnects().stream()
            .map(
                x ->
                    x.kind().equals(kind)
                        ? new RooflineFactors.Interconnect(
                            x.kind(),
                            us != null ? us : x.allReduceLatencyUs(),
                            bus != null ? bus : x.busBandwidthGBps(),
                            x.largeMessageBytes(),
                            largeBus != null ? largeBus : x.largeMessageBusBandwidthGBps(),
                            x.source())
                        : x)
            .toList();
    return copy(f, f.families(), f.formats(), f.engines(), is);
  }

  private static RooflineFactors withRidge(RooflineFactors f, double k) {
    return new RooflineFactors(
        f.bandwidthEfficiency(),
        f.computeEfficiency(),
        f.tensorParallelCommunicationOverhead(),
        k,
        f.families(),
        f.formats(),
        f.engines(),
        f.interconnects(),
        f.ranges(),
        f.status(),
        f.source());
  }

  private static RooflineFactors copy(
      RooflineFactors f,
      List<RooflineFactors.Family> families,
      List<RooflineFactors.FormatKind> formats,
      List<RooflineFactors.Engine> engines,
      List<RooflineFactors.Interconnect> interconnects) {
    return new RooflineFactors(
        f.bandwidthEfficiency(),
        f.computeEfficiency(),
        f.tensorParallelCommunicationOverhead(),
        f.ridgeExponent(),
        families,
        formats,
        engines,
        interconnects,
        f.ranges(),
        f.status(),
        f.source());
  }
}
