package dev.llmadvisor.whatif;

import dev.llmadvisor.strategy.Commands;
import dev.llmadvisor.text.Units;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The what-if answer as Markdown or plain text (JSON is written by the caller's mapper). */
public enum WhatIfFormat {
  JSON("application/json"),
  MARKDOWN("text/markdown"),
  TEXT("text/plain");

  private final String mediaType;

  WhatIfFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  public String render(WhatIfResult r) {
    return switch (this) {
      case MARKDOWN -> markdown(r);
      case TEXT -> text(r);
      case JSON -> throw new IllegalStateException("JSON is written by the REST or CLI mapper");
    };
  }

  private static String summary(WhatIfResult r) {
    return String.format(
        Locale.ROOT,
        "%d candidates: %d pruned (%s), %d invalid, %d evaluated by the full ruleset, %d pass;"
            + " front of %d over %s, throughput, TTFT and quality. %d ms (rule sessions %d ms,"
            + " %d evaluations/s).",
        r.candidatesConsidered(),
        r.candidatesPruned(),
        r.prunedBy().isEmpty()
            ? "none"
            : r.prunedBy().entrySet().stream()
                .map(e -> e.getValue() + " by " + e.getKey())
                .collect(Collectors.joining(", ")),
        r.candidatesInvalid(),
        r.candidatesEvaluated(),
        r.candidatesPassing(),
        r.front().size(),
        "usdPerHour".equals(r.costAxis()) ? "cost per hour" : "GPUs used",
        r.elapsedMs(),
        r.evaluationMs(),
        r.evaluationsPerSecond());
  }

  private static String money(Double v) {
    return v == null ? "–" : String.format(Locale.ROOT, "$%.2f", v);
  }

  private static String layout(WhatIfResult.Entry e) {
    return e.gpus()
        + "× "
        + e.gpu()
        + (e.nodes() > 1 ? " (" + e.nodes() + " nodes)" : "")
        + ", TP "
        + e.tensor()
        + " × PP "
        + e.pipeline()
        + " × "
        + e.replicas()
        + " replica"
        + (e.replicas() == 1 ? "" : "s");
  }

  private static String markdown(WhatIfResult r) {
    StringBuilder b = new StringBuilder();
    b.append("# What-if: ").append(r.model()).append("\n\n");
    b.append(summary(r)).append("\n\n");
    b.append("## Front\n\n");
    if (r.front().isEmpty()) {
      b.append("No candidate passes every BLOCKER and ERROR rule: see the failed families.\n\n");
    } else {
      b.append(
          "| # | deployment | engine | weights | KV | quality | verdict | tok/s (all) | TTFT ms"
              + " | $/h | $/M tok |\n");
      b.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
      for (WhatIfResult.Entry e : r.front()) {
        b.append("| ")
            .append(e.rank())
            .append(" | ")
            .append(layout(e))
            .append(" | ")
            .append(e.engine())
            .append(" | ")
            .append(e.weights())
            .append(e.strategy() == null ? "" : " (" + e.strategy() + ")")
            .append(" | ")
            .append(e.kvCache())
            .append(" | ")
            .append(e.qualityClass())
            .append(" | ")
            .append(e.verdict())
            .append(e.warnings().isEmpty() ? "" : " (" + String.join(", ", e.warnings()) + ")")
            .append(" | ")
            .append(Units.num(e.decodeTokensPerSecondAggregate()))
            .append(" | ")
            .append(Units.num(e.ttftMs()))
            .append(" | ")
            .append(money(e.usdPerHour()))
            .append(" | ")
            .append(money(e.usdPerMillionOutputTokens()))
            .append(" |\n");
      }
      WhatIfResult.Entry first = r.front().get(0);
      b.append("\nCommands of #1 (").append(layout(first)).append("):\n\n```sh\n");
      for (Commands.Step s : first.commands()) {
        b.append("# ").append(s.purpose()).append('\n').append(s.command()).append('\n');
      }
      b.append("```\n");
    }
    b.append("\n## Failed families\n\n");
    if (r.failedFamilies().isEmpty()) {
      b.append("None: every GPU × engine × format searched has a passing candidate.\n");
    } else {
      b.append("| GPU | engine | weights | candidates | pruned | stopped by |\n");
      b.append("| --- | --- | --- | --- | --- | --- |\n");
      for (WhatIfResult.Family f : r.failedFamilies()) {
        b.append("| ")
            .append(f.gpu())
            .append(" | ")
            .append(f.engine())
            .append(" | ")
            .append(f.weights())
            .append(" | ")
            .append(f.candidates())
            .append(" | ")
            .append(f.pruned())
            .append(" | ")
            .append(stopped(f.stoppedBy()))
            .append(" |\n");
      }
    }
    return b.toString();
  }

  private static String stopped(Map<String, Integer> ids) {
    return ids.entrySet().stream()
        .map(e -> e.getKey() + " (" + e.getValue() + ")")
        .collect(Collectors.joining(", "));
  }

  private static String text(WhatIfResult r) {
    StringBuilder b = new StringBuilder();
    b.append("What-if for ").append(r.model()).append('\n');
    b.append(summary(r)).append("\n\n");
    if (r.front().isEmpty()) {
      b.append("No candidate passes every BLOCKER and ERROR rule.\n");
    }
    for (WhatIfResult.Entry e : r.front()) {
      b.append(
          String.format(
              Locale.ROOT,
              "%2d. %s on %s, %s weights, KV %s (%s) — %s%s%n    %s tok/s aggregate, %s tok/s"
                  + " per sequence, TTFT %s ms, %s concurrent requests held; %s/h, %s per million"
                  + " output tokens%n",
              e.rank(),
              layout(e),
              e.engine(),
              e.weights(),
              e.kvCache(),
              e.qualityClass(),
              e.verdict(),
              e.warnings().isEmpty() ? "" : " " + e.warnings(),
              Units.num(e.decodeTokensPerSecondAggregate()),
              Units.num(e.decodeTokensPerSecondPerSequence()),
              Units.num(e.ttftMs()),
              e.concurrentSequencesAtWorkload(),
              money(e.usdPerHour()),
              money(e.usdPerMillionOutputTokens())));
    }
    if (!r.failedFamilies().isEmpty()) {
      b.append("\nFailed families (GPU · engine · weights: stopped by):\n");
      for (WhatIfResult.Family f : r.failedFamilies()) {
        b.append("  ")
            .append(f.gpu())
            .append(" · ")
            .append(f.engine())
            .append(" · ")
            .append(f.weights())
            .append(": ")
            .append(stopped(f.stoppedBy()))
            .append('\n');
      }
    }
    return b.toString();
  }

  public static List<String> names() {
    return List.of("json", "markdown", "text");
  }
}
