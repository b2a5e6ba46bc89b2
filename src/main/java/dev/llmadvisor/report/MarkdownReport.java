package dev.llmadvisor.report;

import static dev.llmadvisor.text.Units.count;
import static dev.llmadvisor.text.Units.gib;
import static dev.llmadvisor.text.Units.kib;
import static dev.llmadvisor.text.Units.num;
import static dev.llmadvisor.text.Units.pct;

import dev.llmadvisor.licence.Restriction;
import dev.llmadvisor.performance.Performance;
import dev.llmadvisor.rules.Finding;
import dev.llmadvisor.sizing.Sizing;
import dev.llmadvisor.strategy.Commands;
import dev.llmadvisor.strategy.RecommendationReport;

/** The report for a review ticket: verdict, findings, the memory figures in a table, the rest. */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(Report r) {
    StringBuilder md = new StringBuilder();
    md.append("# Deployment review: ").append(r.planName()).append(" — **").append(r.verdict());
    md.append("**\n\n");
    md.append(
        String.format(
            "%s, %s, %s, %s. Decision `%s`, ruleset `%s`.%n%n",
            count(r.counts().get(dev.llmadvisor.rules.Severity.BLOCKER), "blocker"),
            count(r.counts().get(dev.llmadvisor.rules.Severity.ERROR), "error"),
            count(r.counts().get(dev.llmadvisor.rules.Severity.WARNING), "warning"),
            count(r.counts().get(dev.llmadvisor.rules.Severity.INFO), "info finding"),
            r.decisionId(),
            r.ruleset().version()));
    md.append("## Findings\n\n");
    if (r.findings().isEmpty()) {
      md.append("None.\n\n");
    } else {
      md.append("| severity | rule | finding | remediation |\n| --- | --- | --- | --- |\n");
      for (Finding f : r.findings()) {
        row(
            md,
            f.active() ? f.severity().name() : f.severity().name() + " (waived)",
            "`" + f.ruleId() + "`",
            f.waiver() == null ? f.message() : f.message() + " *" + f.waiver().note() + "*",
            f.remediation());
      }
      md.append('\n');
    }
    Sizing s = r.sizing();
    md.append("## Memory per GPU\n\n| figure | value |\n| --- | --- |\n");
    row(
        md,
        "GPU memory (" + (s.memoryIsEstimate() ? "estimate" : "as the driver reports it") + ")",
        gib(s.totalMemoryBytesPerGpu()));
    row(md, "engine budget", gib(s.usableBytesPerGpu()));
    row(md, "weights", gib(s.weightsBytesPerGpu()));
    row(md, "activation peak", gib(s.activationBytesPerGpu()));
    row(md, "engine overhead", gib(s.overheadBytesPerGpu()));
    row(md, "KV cache", gib(s.kvCacheBytesPerGpu()));
    row(md, "KV cache per token", kib(s.kvBytesPerTokenPerGpu()));
    row(md, "KV capacity (one replica)", count(s.kvCapacityTokens()) + " tokens");
    row(
        md,
        "sequences of maxModelLen " + count(s.maxModelLen()),
        count(s.maxConcurrentSequences()));
    row(
        md,
        "requests of the workload's length (all replicas)",
        s.fitsOneSequence()
            ? count(s.concurrentSequencesAtWorkload())
            : "none: the KV cache holds less than one sequence of maxModelLen, the engine does not"
                + " start");
    row(md, "headroom over the weights", pct(s.headroomRatio()));
    row(
        md,
        "guide's rule of thumb",
        gib(s.ruleOfThumb().totalBytesLow())
            + " – "
            + gib(s.ruleOfThumb().totalBytesHigh())
            + " (computed need "
            + gib(s.ruleOfThumb().computedNeedBytes())
            + ")");
    md.append('\n');
    Performance p = r.performance();
    md.append("## Speed (roofline)\n\n");
    md.append(
        String.format(
            "TTFT %s ms; decode %s tokens/s per sequence, %s tokens/s in all.%n%n",
            num(p.ttftMs()),
            num(p.decodeTokensPerSecondPerSequence()),
            num(p.decodeTokensPerSecondAggregate())));
    if (p.ttftMsRange() != null && p.decodeTokensPerSecondPerSequenceRange() != null) {
      md.append(
          String.format(
              "Calibration range (10th–90th percentile of measured runs): TTFT %s–%s ms; decode %s–%s"
                  + " tokens/s per sequence ([speed model](docs/speed.md)).%n%n",
              num(p.ttftMsRange().low()),
              num(p.ttftMsRange().high()),
              num(p.decodeTokensPerSecondPerSequenceRange().low()),
              num(p.decodeTokensPerSecondPerSequenceRange().high())));
    }
    md.append("## Licence\n\n");
    md.append(
        String.format(
            "Licences %s; commercial use %s; redistribution %s.%n%n",
            String.join(", ", r.licence().licences()),
            r.licence().commercialUse(),
            r.licence().redistribution()));
    for (Restriction x : r.licence().restrictions()) {
      md.append("- ")
          .append(x.kind())
          .append(": ")
          .append(cell(x.detail()))
          .append(" — ")
          .append(x.path())
          .append('\n');
    }
    RecommendationReport rec = r.recommendation();
    if (rec != null) {
      md.append("\n## Recommendation: ")
          .append(rec.passes() ? rec.name() : "no plan of the tree passes on these GPUs")
          .append("\n\n");
      md.append(rec.why()).append("\n\n");
      if (!rec.passes()) {
        rec.stoppedBy()
            .forEach(
                (strategy, ids) ->
                    md.append("- `")
                        .append(strategy)
                        .append("` stopped by ")
                        .append(String.join(", ", ids.stream().map(id -> "`" + id + "`").toList()))
                        .append('\n'));
        md.append('\n');
      }
      for (Commands.Step step : rec.commands()) {
        md.append(step.purpose()).append(":\n\n```sh\n").append(step.command()).append("\n```\n\n");
      }
      md.append("Candidates tried, in the tree's order:\n\n");
      row(md, "strategy", "engine", "engine settings", "KV cache", "TP × PP", "outcome");
      md.append("| --- | --- | --- | --- | --- | --- |\n");
      for (RecommendationReport.Tried t : rec.tried()) {
        row(
            md,
            t.strategy(),
            t.engine(),
            t.engineSettings().label(),
            t.kvCache(),
            t.tensor() + " × " + t.pipeline(),
            t.passes()
                ? "passes"
                : t.problem() != null
                    ? "invalid plan: " + t.problem()
                    : "stopped by " + String.join(", ", t.stoppedBy()));
      }
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String... cells) {
    md.append('|');
    for (String c : cells) {
      md.append(' ').append(cell(c)).append(" |");
    }
    md.append('\n');
  }

  /** A table cell: pipes escaped, line breaks flattened. */
  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ");
  }
}
