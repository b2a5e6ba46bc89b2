package dev.llmadvisor.web;

import dev.llmadvisor.governance.Decision;
import dev.llmadvisor.governance.DecisionLog;
import dev.llmadvisor.governance.Review;
import dev.llmadvisor.licence.LicenceReport;
import dev.llmadvisor.performance.Performance;
import dev.llmadvisor.report.Report;
import dev.llmadvisor.rules.Finding;
import dev.llmadvisor.rules.Severity;
import dev.llmadvisor.strategy.Commands;
import dev.llmadvisor.strategy.RecommendationReport;
import dev.llmadvisor.waiver.Waiver;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything the page of one decision shows. The verdict, findings and reviews are the decision as
 * recorded; the figures (memory, licence lineage, recommendation, speed) come from the report of
 * the recorded plan, evaluated again under the serving ruleset ({@code figuresNote} says when that
 * is not the ruleset the decision was recorded under).
 */
public record ReviewView(
    String decisionId,
    String planName,
    String evaluatedAt,
    String verdict,
    String verdictClass,
    String rulesetVersion,
    String submitter,
    String planHash,
    String planSubmitted,
    List<Count> counts,
    List<Group> groups,
    String figuresNote,
    MemoryPicture memory,
    MemoryPicture recommendedMemory,
    LicenceTree lineage,
    LicenceReport licence,
    Recommendation recommendation,
    Speed speed,
    Speed recommendedSpeed,
    List<ReviewRow> history,
    List<String> waiversApplied,
    List<WaiverRow> waivers,
    Viewer viewer,
    Forms forms) {

  /** Active findings of one severity. */
  public record Count(String severity, String css, long n) {}

  /** Findings of one severity, waived ones included and marked. */
  public record Group(String severity, String css, List<Finding> findings) {}

  /** One review in the history. */
  public record ReviewRow(String at, String reviewer, String outcome, String comment) {}

  /** A waiver that covers this plan (by name or hash), live or not. */
  public record WaiverRow(
      String id,
      String ruleId,
      String scope,
      String reason,
      String ticket,
      String approvedBy,
      String expiresAt,
      String state) {}

  /** The recommendation in words, its changes and commands. */
  public record Recommendation(
      boolean passes,
      String strategy,
      String name,
      String why,
      String decidedBy,
      List<RecommendationReport.Change> changes,
      List<Commands.Step> commands,
      List<String> stoppedBy) {}

  /** The roofline speed estimate in words. */
  public record Speed(
      String ttftMs, String decodePerSequence, String decodeAggregate, int batch, String bound) {}

  /**
   * What the review and waiver forms show again after a refusal: the values given and each error.
   */
  public record Forms(
      ReviewForm review, WaiverForm waiver, List<String> outcomes, List<String> ruleIds) {

    static Forms empty(List<String> ruleIds) {
      return new Forms(
          new ReviewForm("", "", List.of(), null),
          new WaiverForm("", "planName", "", "", "", "", List.of(), null),
          DecisionLog.OUTCOMES,
          ruleIds);
    }

    Forms with(ReviewForm review) {
      return new Forms(review, waiver, outcomes, ruleIds);
    }

    Forms with(WaiverForm waiver) {
      return new Forms(review, waiver, outcomes, ruleIds);
    }
  }

  /** The review form: the outcome and comment given, and why they were refused (title, errors). */
  public record ReviewForm(
      String outcome, String comment, List<FieldProblem> errors, String title) {}

  /** The waiver form: the values given, and why they were refused (title, errors). */
  public record WaiverForm(
      String ruleId,
      String scopeKind,
      String scopeValue,
      String reason,
      String ticket,
      String expiresAt,
      List<FieldProblem> errors,
      String title) {}

  /** This page's address. */
  public String path() {
    return "/reviews/" + decisionId;
  }

  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  static String time(Instant t) {
    return t == null ? "" : TIME.format(t);
  }

  static String verdictClass(String verdict) {
    return verdict == null ? "" : "verdict-" + verdict.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The page.
   *
   * @param findings the decision's findings as recorded
   * @param report the recorded plan evaluated again, for its figures; null when it cannot be
   */
  static ReviewView of(
      Decision d,
      List<Finding> findings,
      Report report,
      String figuresNote,
      List<Waiver> covering,
      Instant now,
      Viewer viewer,
      Forms forms) {
    List<Count> counts =
        Arrays.stream(Severity.values())
            .map(
                s ->
                    new Count(
                        s.name(),
                        "severity-" + s.name().toLowerCase(Locale.ROOT),
                        findings.stream().filter(f -> f.severity() == s && f.active()).count()))
            .toList();
    List<Group> groups = new ArrayList<>();
    for (Severity s : Severity.values()) {
      List<Finding> of = findings.stream().filter(f -> f.severity() == s).toList();
      if (!of.isEmpty()) {
        groups.add(new Group(s.name(), "severity-" + s.name().toLowerCase(Locale.ROOT), of));
      }
    }
    MemoryPicture memory = null;
    MemoryPicture recommended = null;
    LicenceTree lineage = null;
    LicenceReport licence = null;
    Recommendation rec = null;
    Speed speed = null;
    Speed recSpeed = null;
    if (report != null) {
      if (report.sizing() != null) {
        memory = MemoryPicture.of("The plan", report.sizing());
      }
      RecommendationReport r = report.recommendation();
      if (r != null) {
        if (r.sizing() != null) {
          recommended = MemoryPicture.of("The recommended plan", r.sizing());
        }
        List<String> stopped = new ArrayList<>();
        if (r.stoppedBy() != null) {
          r.stoppedBy().forEach((k, v) -> stopped.add(k + ": " + String.join(", ", v)));
        }
        rec =
            new Recommendation(
                r.passes(),
                r.strategy(),
                r.name(),
                r.why(),
                r.decidedBy(),
                r.changes() == null ? List.of() : r.changes(),
                r.commands() == null ? List.of() : r.commands(),
                stopped);
        recSpeed = speed(r.performance());
      }
      lineage = LicenceTree.of(report.licence());
      licence = report.licence();
      speed = speed(report.performance());
    }
    List<ReviewRow> history =
        d.reviews().stream()
            .map(
                (Review r) ->
                    new ReviewRow(
                        time(r.at()),
                        r.reviewer(),
                        r.outcome(),
                        r.comment() == null ? "" : r.comment()))
            .toList();
    List<WaiverRow> waivers =
        covering.stream()
            .map(
                w ->
                    new WaiverRow(
                        w.id(),
                        w.ruleId(),
                        w.scope().planName() != null
                            ? "planName " + w.scope().planName()
                            : "planHash " + w.scope().planHash(),
                        w.reason(),
                        w.ticket() == null ? "" : w.ticket(),
                        w.approvedBy() == null ? "" : w.approvedBy(),
                        time(w.expiresAt()),
                        w.revoked()
                            ? "revoked " + time(w.revokedAt())
                            : w.expiresAt().isAfter(now) ? "live" : "expired"))
            .toList();
    return new ReviewView(
        d.decisionId(),
        Objects.requireNonNullElse(d.planName(), "(no name)"),
        time(d.evaluatedAt()),
        d.verdict(),
        verdictClass(d.verdict()),
        d.rulesetVersion(),
        d.submitter(),
        d.planHash(),
        d.planSubmitted(),
        counts,
        groups,
        figuresNote,
        memory,
        recommended,
        lineage,
        licence,
        rec,
        speed,
        recSpeed,
        history,
        d.waiversApplied(),
        waivers,
        viewer,
        forms);
  }

  static Speed speed(Performance p) {
    if (p == null) {
      return null;
    }
    return new Speed(
        String.format(Locale.ROOT, "%,.0f ms", p.ttftMs()),
        String.format(Locale.ROOT, "%,.1f tokens/s", p.decodeTokensPerSecondPerSequence()),
        String.format(Locale.ROOT, "%,.0f tokens/s", p.decodeTokensPerSecondAggregate()),
        p.batch(),
        p.decodeBound());
  }
}
