package dev.llmadvisor.rules;

import java.util.List;

/**
 * One thing a rule found in a plan. Everything but {@code message} comes from the rule's metadata,
 * written once in the DRL; the message is built by the rule from the plan's own numbers.
 *
 * @param title the rule's name, a plain sentence
 * @param field the plan field the finding is about, when the rule names one ({@code @field})
 * @param source {@code rules/<file>.drl}
 * @param waivable whether a waiver may accept the finding: the rule's {@code @waivable}, true
 *     unless the rule says {@code false}
 * @param state {@code active}, or {@code waived} when a live waiver accepted it (the verdict rules
 *     count only active findings)
 * @param waiver the waiver that accepted it, or the expired one that no longer does; null when no
 *     waiver names it
 */
public record Finding(
    String ruleId,
    Severity severity,
    String category,
    String title,
    String message,
    String remediation,
    List<String> references,
    String field,
    String source,
    boolean waivable,
    FindingState state,
    WaiverNote waiver) {

  /** Whether the finding counts: not waived. */
  public boolean active() {
    return state == FindingState.ACTIVE;
  }

  /** This finding accepted by a live waiver. */
  public Finding waived(WaiverNote note) {
    return with(FindingState.WAIVED, note);
  }

  /** This finding still active, saying which waiver no longer applies. */
  public Finding waiverExpired(WaiverNote note) {
    return with(FindingState.ACTIVE, note);
  }

  private Finding with(FindingState s, WaiverNote note) {
    return new Finding(
        ruleId,
        severity,
        category,
        title,
        message,
        remediation,
        references,
        field,
        source,
        waivable,
        s,
        note);
  }
}
