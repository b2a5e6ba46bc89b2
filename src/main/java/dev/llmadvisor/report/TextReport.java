package dev.llmadvisor.report;

import static dev.llmadvisor.text.Units.count;
import static dev.llmadvisor.text.Units.gib;

import dev.llmadvisor.rules.Finding;
import dev.llmadvisor.sizing.Sizing;
import dev.llmadvisor.strategy.RecommendationReport;
import java.util.Locale;

/** The report for a terminal: verdict, one line per finding, the key figures. */
final class TextReport {
  private TextReport() {}

  static String render(Report r) {
    StringBuilder out = new StringBuilder();
    out.append(r.planName()).append(": ").append(r.verdict()).append('\n');
    for (Finding f : r.findings()) {
      out.append(
          String.format("  %-7s %s%s%n", f.severity(), f.ruleId(), f.active() ? "" : " (waived)"));
      out.append("          ").append(f.message()).append('\n');
      if (f.waiver() != null) {
        out.append("          ").append(f.waiver().note()).append('\n');
      }
    }
    Sizing s = r.sizing();
    out.append(
        String.format(
            "  memory per GPU: weights %s, KV cache %s (%s tokens), %s%n",
            gib(s.weightsBytesPerGpu()),
            gib(s.kvCacheBytesPerGpu()),
            count(s.kvCapacityTokens()),
            s.fitsOneSequence()
                ? count(s.concurrentSequencesAtWorkload(), "concurrent request")
                    + " of the workload's length"
                : "not one sequence of maxModelLen "
                    + count(s.maxModelLen())
                    + ": the engine does not start"));
    RecommendationReport rec = r.recommendation();
    if (rec != null && rec.passes()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  recommended: %s (%s, TP %d × PP %d)%n",
              rec.name(),
              rec.plan().engine().name(),
              rec.plan().parallelism().tensor(),
              rec.plan().parallelism().pipeline()));
    } else if (rec != null) {
      out.append("  recommended: nothing of the tree passes on these GPUs (")
          .append(
              String.join(
                  "; ",
                  rec.stoppedBy().entrySet().stream()
                      .map(e -> e.getKey() + " stopped by " + String.join(", ", e.getValue()))
                      .toList()))
          .append(")\n");
    }
    out.append("  ruleset ").append(r.ruleset().version()).append('\n');
    return out.toString();
  }
}
