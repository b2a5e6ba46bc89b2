package dev.llmadvisor.performance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.catalogue.RooflineFactors;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.plan.PlanResolver;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.sizing.Sizing;
import dev.llmadvisor.sizing.SizingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The measured-speed dataset ({@code src/test/resources/speed-cases/*.yaml}): each case a plan as
 * the advisor reads it, the measured figure and its source. Cases are resolved and sized once; the
 * roofline is then evaluated with whatever factors a caller gives (the catalogue's, or a fit's).
 */
final class SpeedCases {
  static final Path DIR = Path.of("src/test/resources/speed-cases");

  /**
   * The metrics a case can measure, with the Performance figure each is compared with. {@code
   * promptProcessingMs} is a prompt's prefill alone (llama-bench's {@code pp N}: no token is
   * sampled or returned), so it is compared with the TTFT less the per-token cost of the first
   * token's step; it is reported and ranged with the TTFT points. {@code endToEndLatencyMs} is a
   * static batch from prompt to last token (vLLM's {@code benchmark_latency} at {@code
   * --batch-size} B, the plan's concurrency): the batch's prefill, then a decode step of the batch
   * for each further output token ({@link #endToEndMs}); {@code endToEndTokensPerSecond} is the
   * output tokens over that latency. Both are reported as "e2e"; with 256–2,048 output tokens they
   * are mostly decode (docs/speed.md).
   */
  enum Metric {
    DECODE("decode", "decodeTokensPerSecondPerSequence"),
    TTFT("ttft", "ttftMs"),
    PROMPT("ttft", "promptProcessingMs"),
    AGGREGATE("aggregate", "outputTokensPerSecondAggregate"),
    E2E("e2e", "endToEndLatencyMs"),
    E2E_RATE("e2e", "endToEndTokensPerSecond");

    final String key;
    final String field;

    Metric(String key, String field) {
      this.key = key;
      this.field = field;
    }

    double predicted(Performance p, int outputTokens) {
      return switch (this) {
        case DECODE -> p.decodeTokensPerSecondPerSequence();
        case TTFT -> p.ttftMs();
        case PROMPT -> p.ttftMs() - num(p, "decodeOverheadMs");
        case AGGREGATE -> p.outputTokensPerSecondAggregate();
        case E2E -> endToEndMs(p, outputTokens);
        case E2E_RATE -> outputTokens / (endToEndMs(p, outputTokens) / 1000);
      };
    }

    /**
     * The figure whose range a point calibrates: an end-to-end point stands for decode (its time is
     * mostly decode steps: the prefill is at most 3 % at batch 1 and up to 20 % in AMD's batch-128
     * rows with 2,048-token prompts, docs/speed.md), the rest for their own key.
     */
    String rangeKey() {
      return this == E2E || this == E2E_RATE ? "decode" : key;
    }

    /**
     * Measured ÷ predicted as a speed (above 1 the model is pessimistic): a latency's ratio is
     * turned over so that it reads as the decode speed's.
     */
    double speedRatio(double measured, double predicted) {
      return this == E2E ? predicted / measured : measured / predicted;
    }

    /**
     * The batch's requests submitted together: the first tokens come with the step that ends the
     * batch's prefill (which pays the per-token cost, as a TTFT's does), each further one a decode
     * step of the batch later. For one request the prefill is its TTFT's.
     */
    static double endToEndMs(Performance p, int outputTokens) {
      return num(p, "batchPrefillMs")
          + num(p, "decodeOverheadMs")
          + (outputTokens - 1) * 1000 / p.decodeTokensPerSecondPerSequence();
    }

    private static double num(Performance p, String input) {
      return ((Number) p.inputs().get(input)).doubleValue();
    }
  }

  /** One measured figure of one case. */
  record Point(
      String id,
      String file,
      String source,
      String engine,
      String family,
      Metric metric,
      double measured,
      String excluded,
      boolean heldOut,
      ResolvedPlan plan,
      Sizing sizing) {

    double predicted(RooflineFactors f) {
      return metric.predicted(
          Roofline.estimate(plan, sizing, f), plan.plan().workload().outputTokens());
    }

    /**
     * Measured ÷ predicted as a speed (a latency's turned over): above 1 the model is pessimistic,
     * below 1 optimistic.
     */
    double ratio(RooflineFactors f) {
      return ratio(Roofline.estimate(plan, sizing, f));
    }

    /** The same, against a prediction already made for this point's plan. */
    double ratio(Performance p) {
      return metric.speedRatio(
          measured, metric.predicted(p, plan.plan().workload().outputTokens()));
    }
  }

  private SpeedCases() {}

  /**
   * Every point of every file. The held-out split is fixed by position: in each file, cases sorted
   * by id, every third one (index 2, 5, 8 …) is held out of the fit.
   */
  static List<Point> load(Catalogues catalogues) {
    ObjectMapper yaml = new YAMLMapper();
    List<Point> points = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        JsonNode root = yaml.readTree(file.toFile());
        List<JsonNode> cases = new ArrayList<>();
        root.get("cases").forEach(cases::add);
        cases.sort(Comparator.comparing(c -> c.get("id").asText()));
        for (int i = 0; i < cases.size(); i++) {
          JsonNode c = cases.get(i);
          String planText = yaml.writeValueAsString(c.get("plan"));
          ResolvedPlan plan =
              PlanResolver.resolve(PlanReader.read(planText, PlanReader.Format.YAML), catalogues);
          Sizing sizing = SizingModel.size(plan);
          JsonNode measured = c.get("measured");
          for (Metric m : Metric.values()) {
            if (measured.has(m.field)) {
              points.add(
                  new Point(
                      c.get("id").asText(),
                      file.getFileName().toString(),
                      c.get("source").asText(),
                      plan.engine().id(),
                      Roofline.family(plan.gpu()),
                      m,
                      measured.get(m.field).asDouble(),
                      c.has("excluded") ? c.get("excluded").asText() : null,
                      i % 3 == 2,
                      plan,
                      sizing));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return points;
  }

  /**
   * The q-th quantile as a bound for a new value: the (n + 1)q-th of the n sorted values,
   * interpolated (R's type 6), held to the smallest and largest. A new value exchangeable with the
   * n falls between the (n + 1)·0.1-th and (n + 1)·0.9-th with probability 0.8 whatever their
   * distribution; type 7's positions sit closer to the middle and hold fewer new values in small
   * groups (of 13, about 69 %).
   */
  static double predictionBound(List<Double> values, double q) {
    List<Double> v = values.stream().sorted().toList();
    return interpolate(v, Math.min(Math.max((v.size() + 1) * q, 1), v.size()) - 1);
  }

  /** Linear interpolation between order statistics (R's type 7), q in [0, 1]. */
  static double percentile(List<Double> values, double q) {
    List<Double> v = values.stream().sorted().toList();
    return interpolate(v, (v.size() - 1) * q);
  }

  /** The value at 0-based position h of sorted values, linear between neighbours. */
  private static double interpolate(List<Double> sorted, double h) {
    int lo = (int) Math.floor(h);
    int hi = (int) Math.ceil(h);
    return sorted.get(lo) + (h - lo) * (sorted.get(hi) - sorted.get(lo));
  }
}
