package dev.llmadvisor.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmadvisor.catalogue.CatalogueLoader;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.catalogue.RooflineFactors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The speed model against the measured-speed dataset (docs/speed.md): held-out errors per engine
 * and metric stay within the documented figures, the catalogue holds the fit of the training
 * points, and its residual ranges are the training residuals' 10th and 90th percentiles.
 */
class SpeedCalibrationTest {
  /**
   * Documented held-out figures (docs/speed.md), per engine and metric: median |predicted −
   * measured| ÷ measured, and the worst miss max(predicted ÷ measured, measured ÷ predicted).
   */
  static final Map<String, double[]> DOCUMENTED =
      Map.ofEntries(
          Map.entry("llama.cpp/decode", new double[] {0.06, 1.3}),
          Map.entry("llama.cpp/ttft", new double[] {0.123, 1.4}),
          Map.entry("sglang/aggregate", new double[] {2.30, 3.48}),
          Map.entry("sglang/decode", new double[] {0.13, 1.45}),
          Map.entry("sglang/ttft", new double[] {0.01, 1.02}),
          Map.entry("tensorrt-llm/aggregate", new double[] {0.086, 1.27}),
          Map.entry("tensorrt-llm/decode", new double[] {0.08, 1.09}),
          Map.entry("tensorrt-llm/ttft", new double[] {0.054, 1.28}),
          Map.entry("vllm/decode", new double[] {0.055, 1.16}),
          Map.entry("vllm/e2e", new double[] {0.053, 1.24}),
          Map.entry("vllm/ttft", new double[] {0.14, 1.71}));

  static Catalogues catalogues;
  static List<SpeedCases.Point> points;

  @BeforeAll
  static void load() {
    catalogues = CatalogueLoader.load(Path.of("catalogues"));
    points = SpeedCases.load(catalogues);
  }

  static List<SpeedCases.Point> training() {
    return points.stream().filter(p -> !p.heldOut() && p.excluded() == null).toList();
  }

  /**
   * The training points the fit sees: those of engine releases with an entry. One without has
   * nothing of its own to fit, so its points would only pull the shared terms (family fractions,
   * format factors) towards its missing costs.
   */
  static List<SpeedCases.Point> fitted() {
    RooflineFactors f = catalogues.roofline();
    return training().stream()
        .filter(p -> f.engine(p.engine(), p.plan().plan().engine().version()) != null)
        .toList();
  }

  static List<SpeedCases.Point> heldOut() {
    return points.stream().filter(p -> p.heldOut() && p.excluded() == null).toList();
  }

  @Test
  void everyCaseIsSourcedAndResolves() {
    Map<String, Long> perEngine =
        points.stream()
            .collect(
                Collectors.groupingBy(
                    SpeedCases.Point::engine, TreeMap::new, Collectors.counting()));
    System.out.println("SPEED-DATASET points per engine " + perEngine);
    assertTrue(points.size() >= 100, "points: " + points.size());
    for (SpeedCases.Point p : points) {
      assertFalse(p.source().isBlank(), p.id());
      assertTrue(p.source().contains("@"), p.id() + ": a source names its commit");
      assertTrue(p.measured() > 0, p.id());
    }
  }

  /**
   * Documented share of held-out points inside the range their plan is given (docs/speed.md), per
   * engine and metric: a 10th–90th percentile range should hold about 80 % of new runs. The test
   * fails when a share drops below its figure.
   */
  static final Map<String, Double> DOCUMENTED_COVERAGE =
      Map.ofEntries(
          Map.entry("llama.cpp/decode", 9 / 11.0),
          Map.entry("llama.cpp/ttft", 15 / 20.0),
          Map.entry("sglang/aggregate", 0 / 3.0),
          Map.entry("sglang/decode", 6 / 7.0),
          Map.entry("sglang/ttft", 1 / 1.0),
          Map.entry("tensorrt-llm/aggregate", 13 / 16.0),
          Map.entry("tensorrt-llm/decode", 1 / 1.0),
          Map.entry("tensorrt-llm/ttft", 10 / 15.0),
          Map.entry("vllm/decode", 27 / 29.0),
          Map.entry("vllm/e2e", 54 / 67.0),
          Map.entry("vllm/ttft", 31 / 34.0));

  /**
   * Whether the ranges say what they claim: each held-out point is predicted with its plan's range,
   * and counted as inside when measured ÷ predicted lies between the range's ends ÷ the prediction
   * (a latency's range as a latency's, an end-to-end point against the decode range it calibrates).
   * The ends are rounded to hundredths in the report, hence the 0.5 % slack.
   */
  @Test
  void heldOutPointsFallInsideTheirRangesAsOftenAsDocumented() {
    RooflineFactors f = catalogues.roofline();
    Map<String, int[]> counts = new TreeMap<>();
    for (SpeedCases.Point p : heldOut()) {
      Performance perf = Roofline.estimate(p.plan(), p.sizing(), f);
      boolean decode = p.metric().rangeKey().equals("decode");
      // A static batch's throughput against the output range (the decode speed's factors).
      boolean aggregate = p.metric() == SpeedCases.Metric.AGGREGATE;
      SpeedRange r =
          aggregate
              ? perf.outputTokensPerSecondAggregateRange()
              : decode ? perf.decodeTokensPerSecondPerSequenceRange() : perf.ttftMsRange();
      double centre =
          aggregate
              ? perf.outputTokensPerSecondAggregate()
              : decode ? perf.decodeTokensPerSecondPerSequence() : perf.ttftMs();
      double ratio = p.ratio(perf);
      boolean inside = ratio >= r.low() / centre * 0.995 && ratio <= r.high() / centre * 1.005;
      int[] c = counts.computeIfAbsent(p.engine() + "/" + p.metric().key, k -> new int[2]);
      c[0] += inside ? 1 : 0;
      c[1]++;
      if (!inside) {
        System.out.printf(
            "SPEED-OUTSIDE %s %s: measured ÷ predicted %.2f, range %.2f … %.2f%n",
            p.id(), p.metric().key, ratio, r.low() / centre, r.high() / centre);
      }
    }
    List<String> problems = new ArrayList<>();
    counts.forEach(
        (k, c) -> {
          double share = (double) c[0] / c[1];
          System.out.printf(
              "SPEED-COVERAGE %s: %d of %d held-out points inside their range (%.0f %%)%n",
              k, c[0], c[1], share * 100);
          Double documented = DOCUMENTED_COVERAGE.get(k);
          if (documented == null) {
            problems.add("no documented coverage for " + k);
          } else if (share < documented) {
            problems.add(k + " coverage " + share + " < documented " + documented);
          }
        });
    assertEquals(List.of(), problems);
  }

  @Test
  void everyEndToEndPointRunsItsRequestsAsOneBatch() {
    // An end-to-end latency is the time of one static batch (vLLM's benchmark_latency at
    // --batch-size B): the prediction is that batch's prefill and decode steps only when every
    // request fits in the batch at once (KV cache, max_num_seqs), not in waves.
    RooflineFactors f = catalogues.roofline();
    List<String> inWaves =
        points.stream()
            .filter(
                p ->
                    p.metric() == SpeedCases.Metric.E2E || p.metric() == SpeedCases.Metric.E2E_RATE)
            .filter(
                p ->
                    Roofline.estimate(p.plan(), p.sizing(), f).batch()
                        != p.plan().plan().workload().concurrentRequests())
            .map(SpeedCases.Point::id)
            .toList();
    assertEquals(List.of(), inWaves);
    assertTrue(
        points.stream()
            .anyMatch(
                p ->
                    p.metric() == SpeedCases.Metric.E2E
                        && p.plan().plan().workload().concurrentRequests() == 128));
  }

  /**
   * A source contradicts itself when a run is slower than its own run of the same engine release,
   * model, format, layout and workload on a GPU at least as fast in bandwidth and in dense compute:
   * something the plan does not describe slowed it (another tenant, a throttled board, a kernel
   * path not taken). Such a run is kept as excluded with that reason; this holds every taken point
   * to the rule, whichever split it falls in. 10 % is run-to-run noise (two runs of one
   * configuration in the dataset differ by up to 8 %).
   */
  @Test
  void noTakenPointIsSlowerThanItsSourcesRunOnAFasterGpu() {
    List<SpeedCases.Point> taken = points.stream().filter(p -> p.excluded() == null).toList();
    List<String> contradictions = new ArrayList<>();
    for (SpeedCases.Point onFaster : taken) {
      for (SpeedCases.Point other : taken) {
        if (onFaster != other
            && onFaster.file().equals(other.file())
            && onFaster.metric() == other.metric()
            && sameButTheGpu(onFaster, other)
            && atLeastAsFast(onFaster, other)
            && speed(onFaster) < 0.9 * speed(other)) {
          contradictions.add(
              onFaster.id() + " is slower than " + other.id() + " on a GPU at least as fast");
        }
      }
    }
    assertEquals(List.of(), contradictions);
  }

  private static boolean sameButTheGpu(SpeedCases.Point a, SpeedCases.Point b) {
    var x = a.plan().plan();
    var y = b.plan().plan();
    return !a.plan().gpu().id().equals(b.plan().gpu().id())
        && x.engine().name().equals(y.engine().name())
        && java.util.Objects.equals(x.engine().version(), y.engine().version())
        && x.model().equals(y.model())
        && x.quantization().equals(y.quantization())
        && x.parallelism().equals(y.parallelism())
        && x.workload().equals(y.workload());
  }

  private static boolean atLeastAsFast(SpeedCases.Point fast, SpeedCases.Point slow) {
    var f = fast.plan().gpu();
    var s = slow.plan().gpu();
    String dtype = Roofline.computeDtype(slow.plan());
    Double fc = f.denseTflops().forDtype(dtype);
    Double sc = s.denseTflops().forDtype(dtype);
    return f.bandwidthTBps() >= s.bandwidthTBps() && fc != null && sc != null && fc >= sc;
  }

  /** Higher is faster, whatever the metric: a latency turned over. */
  private static double speed(SpeedCases.Point p) {
    return switch (p.metric()) {
      case TTFT, PROMPT, E2E -> 1 / p.measured();
      default -> p.measured();
    };
  }

  /** |predicted − measured| ÷ measured. */
  static double error(SpeedCases.Point p, double predicted) {
    return Math.abs(predicted - p.measured()) / p.measured();
  }

  /** The factor between prediction and measurement, whichever way: at least 1. */
  static double miss(SpeedCases.Point p, double predicted) {
    return Math.max(predicted / p.measured(), p.measured() / predicted);
  }

  @Test
  void heldOutErrorsStayWithinTheDocumentedFigures() {
    RooflineFactors f = catalogues.roofline();
    Map<String, List<SpeedCases.Point>> groups =
        heldOut().stream()
            .collect(
                Collectors.groupingBy(
                    p -> p.engine() + "/" + p.metric().key, TreeMap::new, Collectors.toList()));
    List<String> problems = new ArrayList<>();
    for (var g : groups.entrySet()) {
      List<Double> errors = new ArrayList<>();
      double worst = 1;
      String worstId = "";
      for (SpeedCases.Point p : g.getValue()) {
        double pred = p.predicted(f);
        System.out.printf(
            "SPEED-POINT %s %s: measured %.2f, predicted %.2f%n",
            p.id(), p.metric().key, p.measured(), pred);
        errors.add(error(p, pred));
        double miss = miss(p, pred);
        if (miss > worst) {
          worst = miss;
          worstId = p.id();
        }
      }
      double median = SpeedCases.percentile(errors, 0.5);
      System.out.printf(
          "SPEED-HELDOUT %s: %d points, median error %.1f %%, worst miss %.2fx (%s)%n",
          g.getKey(), errors.size(), median * 100, worst, worstId);
      double[] documented = DOCUMENTED.get(g.getKey());
      if (documented == null) {
        problems.add("no documented figure for " + g.getKey());
        continue;
      }
      if (median > documented[0]) {
        problems.add(g.getKey() + " median " + median + " > documented " + documented[0]);
      }
      if (worst > documented[1]) {
        problems.add(g.getKey() + " worst " + worst + " at " + worstId + " > " + documented[1]);
      }
    }
    // Every documented figure is still measured: a group cannot vanish from the report.
    for (String documented : DOCUMENTED.keySet()) {
      if (!groups.containsKey(documented)) {
        problems.add("documented " + documented + " has no held-out point");
      }
    }
    for (SpeedCases.Point p : points) {
      if (p.excluded() != null) {
        System.out.printf(
            "SPEED-EXCLUDED %s %s: measured %.1f, predicted %.1f%n",
            p.id(), p.metric().key, p.measured(), p.predicted(f));
      }
    }
    assertEquals(List.of(), problems);
  }

  /**
   * Issue 18's target for the figures the SLO rules judge (decode speed, an end-to-end run standing
   * for it, and TTFT): on held-out points a median error of at most 15 % per engine and metric, and
   * no miss worse than 1.5×.
   */
  static final double TARGET_MEDIAN_ERROR = 0.15;

  static final double TARGET_WORST_MISS = 1.5;

  /**
   * Held-out points allowed past {@link #TARGET_WORST_MISS}, each with the miss it may not grow
   * past. One: AccelMark's RTX 6000 Ada prefill takes the RTX A6000's time on the same suite (5,826
   * against 5,821 ms) though NVIDIA rates the card 2.35× faster in BF16, and llama.cpp's long
   * prompts on the two cards (1.48–1.53×) and the same card's llama.cpp TTFT in this dataset
   * (1.04×) say the model is right about the card. It was found after the miss, so the run stays in
   * the dataset as measured and is named here, not dropped (docs/speed.md, "Where the misses are").
   */
  static final Map<String, Double> TARGET_EXCEPTIONS =
      Map.of("vllm-0.7.3-rtx-6000-ada-llama31-8b-instruct-bf16-tp1-c1-in28650-out256-ttft", 1.71);

  @Test
  void heldOutDecodeAndTtftMeetTheTargetButForTheNamedException() {
    RooflineFactors f = catalogues.roofline();
    Map<String, List<Double>> errors = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (SpeedCases.Point p : heldOut()) {
      if (p.metric() == SpeedCases.Metric.AGGREGATE) {
        continue; // aggregate throughput is reported, not a target (issue 18's "done when")
      }
      double pred = p.predicted(f);
      errors
          .computeIfAbsent(p.engine() + "/" + p.metric().key, k -> new ArrayList<>())
          .add(error(p, pred));
      double miss = miss(p, pred);
      double allowed = TARGET_EXCEPTIONS.getOrDefault(p.id(), TARGET_WORST_MISS);
      if (miss > allowed) {
        problems.add(String.format("%s misses by %.2fx, over %.2fx", p.id(), miss, allowed));
      }
      if (TARGET_EXCEPTIONS.containsKey(p.id()) && miss <= TARGET_WORST_MISS) {
        problems.add(p.id() + " now meets the target: drop it from TARGET_EXCEPTIONS");
      }
    }
    for (var e : errors.entrySet()) {
      double median = SpeedCases.percentile(e.getValue(), 0.5);
      if (median > TARGET_MEDIAN_ERROR) {
        problems.add(String.format("%s median error %.3f over the target", e.getKey(), median));
      }
    }
    assertEquals(List.of(), problems);
    // Each exception is a held-out point still in the dataset: naming one cannot hide a vanished
    // run.
    assertTrue(
        heldOut().stream()
            .map(SpeedCases.Point::id)
            .collect(Collectors.toSet())
            .containsAll(TARGET_EXCEPTIONS.keySet()));
  }

  /**
   * The catalogue sits at a minimum of the documented loss: moving any fitted coefficient by ±2 %
   * (within its bounds) does not lower the training loss by more than 0.1 %. The whole fit runs
   * with {@code -Dadvisor.refit=true} and prints the coefficients to write into the catalogue.
   */
  @Test
  void theCatalogueHoldsTheFitOfTheTrainingPoints() {
    RooflineFactors f = catalogues.roofline();
    List<SpeedCases.Point> training = fitted();
    double catalogueLoss = RooflineFit.loss(training, f);
    System.out.printf(
        "SPEED-FIT loss of the catalogue on %d training points: %.4f%n",
        training.size(), catalogueLoss);
    training().stream()
        .filter(p -> !training.contains(p))
        .forEach(
            p ->
                System.out.printf("SPEED-FIT not fitted (no entry for its release): %s%n", p.id()));
    if (Boolean.getBoolean("advisor.refit")) {
      RooflineFactors refit = RooflineFit.fit(training, f, RooflineFit.params());
      System.out.printf("SPEED-FIT refit loss %.4f%n", RooflineFit.loss(training, refit));
      RooflineFit.values(refit).forEach((k, v) -> System.out.printf("SPEED-FIT %s = %.4g%n", k, v));
    }
    for (RooflineFit.Param p : RooflineFit.params()) {
      double v = p.get().apply(f);
      for (double step : new double[] {0.98, 1.02}) {
        double moved = Math.min(p.hi(), Math.max(p.lo(), v * step));
        double l = RooflineFit.loss(training, p.set().apply(f, moved));
        assertTrue(
            l >= catalogueLoss * 0.999 - 1e-9,
            p.name()
                + " = "
                + moved
                + " lowers the loss to "
                + l
                + " from "
                + catalogueLoss
                + ": refit with -Dadvisor.refit=true");
      }
    }
  }

  /**
   * The catalogue's ranges are the 10th and 90th percentiles of measured ÷ predicted on the
   * training points of each engine, family and kind of model, estimated as bounds for a new run
   * (SpeedCases.predictionBound); heldOutPointsFallInsideTheirRangesAsOftenAsDocumented checks them
   * on the held-out runs.
   */
  @Test
  void rangesAreTheTrainingResidualPercentiles() {
    RooflineFactors f = catalogues.roofline();
    Map<String, List<Double>> groups = new TreeMap<>();
    for (SpeedCases.Point p : training()) {
      if (p.metric() == SpeedCases.Metric.AGGREGATE) {
        continue;
      }
      double r = p.ratio(f);
      String key = p.metric().rangeKey();
      String models = Roofline.models(p.plan().architecture());
      groups
          .computeIfAbsent(
              p.engine() + "|" + p.family() + "|" + models + "|" + key, k -> new ArrayList<>())
          .add(r);
      groups
          .computeIfAbsent(p.engine() + "|*|" + models + "|" + key, k -> new ArrayList<>())
          .add(r);
      // An engine without calibration points is predicted without an engine entry: no per-token
      // or per-chunk cost, no kernel factor. How far that lands from a measurement is what the
      // calibrated engines show when predicted the same way, without their own entry.
      groups
          .computeIfAbsent("*|*|*|" + key, k -> new ArrayList<>())
          .add(
              p.metric()
                  .speedRatio(
                      p.measured(),
                      p.metric()
                          .predicted(
                              Roofline.estimate(p.plan(), p.sizing(), withoutEngine(f, p.engine())),
                              p.plan().plan().workload().outputTokens())));
    }
    List<String> problems = new ArrayList<>();
    for (var g : groups.entrySet()) {
      String[] k = g.getKey().split("\\|");
      List<Double> v = g.getValue();
      double lo = SpeedCases.predictionBound(v, 0.1);
      double hi = SpeedCases.predictionBound(v, 0.9);
      System.out.printf(
          "SPEED-RANGE - {engine: %s, family: \"%s\", models: \"%s\", metric: %s, low: %.2f, high:"
              + " %.2f, points: %d}%n",
          k[0], k[1], k[2], k[3], lo, hi, v.size());
      RooflineFactors.Range r =
          f.ranges().stream()
              .filter(
                  x ->
                      x.engine().equals(k[0])
                          && x.family().equals(k[1])
                          && x.models().equals(k[2])
                          && x.metric().equals(k[3]))
              .findFirst()
              .orElse(null);
      if (r == null
          || Math.abs(lo - r.low()) > 0.011
          || Math.abs(hi - r.high()) > 0.011
          || v.size() != r.points()) {
        problems.add(g.getKey() + ": catalogue " + r + ", training residuals " + lo + " … " + hi);
      }
    }
    assertEquals(List.of(), problems);
  }

  /** The factors with one engine's entries removed: how an uncalibrated engine is predicted. */
  static RooflineFactors withoutEngine(RooflineFactors f, String engine) {
    return new RooflineFactors(
        f.bandwidthEfficiency(),
        f.computeEfficiency(),
        f.tensorParallelCommunicationOverhead(),
        f.ridgeExponent(),
        f.families(),
        f.formats(),
        f.engines().stream().filter(e -> !e.engine().equals(engine)).toList(),
        f.interconnects(),
        f.ranges(),
        f.status(),
        f.source());
  }
}
