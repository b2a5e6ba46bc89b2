package dev.llmadvisor.waiver;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.llmadvisor.rules.WaiverNote;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A reviewer's acceptance of one rule's findings on the plans of a scope, until it expires
 * (docs/waivers.md). Whether it applies is decided by the rules ({@code rules/verdict.drl}): live
 * (not revoked, not expired at the evaluation's time), for a waivable rule, on a plan its scope
 * covers.
 *
 * @param ticket optional: where the decision is tracked
 * @param approvedBy optional: who approved it (the server sets it from the authenticated reviewer)
 * @param expiresAt mandatory: from this instant on the waiver no longer applies
 * @param revokedAt when it was revoked, or null; a revoked waiver is kept and never applies
 */
public record Waiver(
    String id,
    String ruleId,
    WaiverScope scope,
    String reason,
    String ticket,
    String approvedBy,
    Instant expiresAt,
    Instant revokedAt) {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** Whether it has been revoked. */
  @JsonIgnore
  public boolean revoked() {
    return revokedAt != null;
  }

  /** Whether its scope covers the plan; called by the rules. */
  public boolean covers(PlanIdentity plan) {
    return scope.covers(plan);
  }

  /** What a report says about a finding this waiver accepts. */
  public WaiverNote applied() {
    return new WaiverNote(
        id,
        reason,
        ticket,
        expiresAt,
        false,
        "waived by " + id + " until " + DAY.format(expiresAt) + ": " + reason);
  }

  /** What a report says about a finding this waiver accepted until it expired. */
  public WaiverNote expired() {
    return new WaiverNote(
        id,
        reason,
        ticket,
        expiresAt,
        true,
        "waiver " + id + " expired on " + DAY.format(expiresAt));
  }
}
