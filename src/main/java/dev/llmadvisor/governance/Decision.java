package dev.llmadvisor.governance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One recorded evaluation, as {@code GET /api/v1/decisions/{decisionId}} answers it. Findings and
 * defaults are kept as the report wrote them (JSON), so a record reads back exactly as it was
 * answered whatever the code later becomes.
 *
 * @param planHash SHA-256 of the plan's canonical form ({@link dev.llmadvisor.plan.PlanHash})
 * @param planFormat {@code json} or {@code yaml}: how the plan was submitted
 * @param planSubmitted the request body as received; null in lists
 * @param plan the canonical form, as JSON; null in lists
 * @param submitter the authenticated principal, or {@code anonymous}
 */
public record Decision(
    String decisionId,
    Instant evaluatedAt,
    String planName,
    String planHash,
    String planFormat,
    String rulesetVersion,
    String verdict,
    JsonNode findings,
    JsonNode defaultsApplied,
    String submitter,
    String planSubmitted,
    JsonNode plan) {

  /** The same record without the plan's two copies, for lists. */
  public Decision summary() {
    return new Decision(
        decisionId,
        evaluatedAt,
        planName,
        planHash,
        planFormat,
        rulesetVersion,
        verdict,
        findings,
        defaultsApplied,
        submitter,
        null,
        null);
  }
}
