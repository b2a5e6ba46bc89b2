package dev.llmadvisor.admission;

import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.report.Report;
import dev.llmadvisor.rules.Finding;
import dev.llmadvisor.rules.Severity;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The words of an admission answer. Warnings follow the Kubernetes guidance for webhook warnings
 * (kubernetes/website {@code
 * content/en/docs/reference/access-authn-authz/extensible-admission-controllers.md}, "Response"):
 * no "Warning:" prefix, "Limit warnings to 120 characters if possible", individual warnings over
 * 256 characters "may be truncated by the API server", and beyond 4096 characters of warnings from
 * all sources further ones are ignored. A finding's message carries the plan's own numbers, so each
 * warning is cut at {@value #MAX_WARNING} characters rather than 120, and the list at {@value
 * #MAX_WARNINGS_TOTAL} characters in all, leaving room for other webhooks; the record has every
 * finding in full.
 */
final class Messages {
  static final int MAX_WARNING = 256;
  static final int MAX_WARNINGS_TOTAL = 2048;
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private Messages() {}

  /** The {@code status.message} of a denial: rule ids, the first finding and its remediation. */
  static String denial(String label, Report report, List<Finding> rejecting) {
    StringBuilder b = new StringBuilder();
    b.append("LLM Deploy Advisor: ")
        .append(label)
        .append(" is REJECTED by ")
        .append(
            rejecting.stream()
                .map(f -> f.ruleId() + " (" + f.severity() + ")")
                .collect(Collectors.joining(", ")))
        .append('.');
    if (!rejecting.isEmpty()) {
      Finding first = rejecting.get(0);
      b.append(' ').append(first.message());
      if (first.remediation() != null && !first.remediation().isBlank()) {
        b.append(" Remediation: ").append(first.remediation());
      }
    }
    b.append(" Decision ")
        .append(report.decisionId())
        .append(" (GET /api/v1/decisions/")
        .append(report.decisionId())
        .append("); a reviewer may waive a finding for plan ")
        .append(report.planName())
        .append(" (POST /api/v1/waivers).");
    return b.toString();
  }

  static String auditMode(List<Finding> rejecting, String decisionId) {
    return "audit mode, not enforced: would deny: "
        + rejecting.stream().map(Finding::ruleId).distinct().collect(Collectors.joining(", "))
        + " (decision "
        + decisionId
        + ")";
  }

  /** Active WARNINGs with their message, then every waived finding with its waiver. */
  static List<String> findingWarnings(List<Finding> findings) {
    List<String> out = new ArrayList<>();
    for (Finding f : findings) {
      if (f.active() && f.severity() == Severity.WARNING) {
        out.add(f.ruleId() + ": " + f.message());
      }
    }
    for (Finding f : findings) {
      if (!f.active() && f.waiver() != null) {
        out.add(
            f.ruleId()
                + " ("
                + f.severity()
                + ") waived by "
                + f.waiver().id()
                + " until "
                + DAY.format(f.waiver().expiresAt())
                + ": "
                + f.message());
      }
    }
    return out;
  }

  /** The {@code status.message} for a plan that could not be built or evaluated. */
  static String incomplete(
      String label,
      List<FieldError> errors,
      AdmissionConfig.OnIncomplete policy,
      boolean production,
      boolean closed) {
    return "LLM Deploy Advisor: "
        + label
        + " cannot be evaluated: "
        + errorList(errors)
        + ". "
        + (closed ? "Denied" : "Admitted")
        + " by advisor.admission.on-incomplete="
        + policy.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
        + (policy == AdmissionConfig.OnIncomplete.CLOSED_IN_PRODUCTION
            ? (production ? " (a production namespace or workload)" : " (not production)")
            : "")
        + ". Give the missing fields as llm-advisor/<field> annotations on the workload.";
  }

  static String errorList(List<FieldError> errors) {
    return errors.stream()
        .map(
            e ->
                e.field()
                    + ": "
                    + e.message()
                    + (e.rejectedValue() == null || e.message().contains("known:")
                        ? ""
                        : " ('" + e.rejectedValue() + "')"))
        .collect(Collectors.joining("; "));
  }

  /**
   * Each warning cut to {@value #MAX_WARNING} characters, and the list to {@value
   * #MAX_WARNINGS_TOTAL} in all: what does not fit is counted in a last warning that points to the
   * decision.
   */
  static List<String> fit(List<String> warnings, String decisionId) {
    List<String> out = new ArrayList<>();
    int total = 0;
    for (int i = 0; i < warnings.size(); i++) {
      String w = cut(warnings.get(i).replaceAll("\\s*\\R\\s*", " "));
      if (total + utf8(w) > MAX_WARNINGS_TOTAL - 120) {
        out.add(
            (warnings.size() - i)
                + " more warning(s)"
                + (decisionId == null ? "" : ": GET /api/v1/decisions/" + decisionId));
        break;
      }
      out.add(w);
      total += utf8(w);
    }
    return out;
  }

  /**
   * At most {@value #MAX_WARNING} bytes of UTF-8 (Go measures strings in bytes; a message may hold
   * "×" or "—"), cut on a character boundary and ended with "...".
   */
  static String cut(String s) {
    if (utf8(s) <= MAX_WARNING) {
      return s;
    }
    int bytes = 0;
    int end = 0;
    while (end < s.length()) {
      int cp = s.codePointAt(end);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > MAX_WARNING - 3) {
        break;
      }
      bytes += size;
      end += Character.charCount(cp);
    }
    return s.substring(0, end) + "...";
  }

  static int utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
