package dev.llmadvisor.governance;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
 * @param reviews its reviews, oldest first (docs/governance.md, "Reviews")
 * @param admission the AdmissionReview and the answer, for a decision made by the admission webhook
 *     (docs/admission.md); null for {@code POST /api/v1/evaluations}
 */
@JsonPropertyOrder({
  "decisionId",
  "evaluatedAt",
  "planName",
  "planHash",
  "planFormat",
  "rulesetVersion",
  "verdict",
  "findings",
  "defaultsApplied",
  "submitter",
  "planSubmitted",
  "plan",
  "reviews",
  "waiversApplied",
  "admission"
})
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
    JsonNode plan,
    List<Review> reviews,
    Admission admission) {

  public Decision {
    reviews = List.copyOf(reviews);
  }

  /**
   * The ids of the waivers that accepted a finding (state {@code waived}), read from the stored
   * findings, first seen first.
   */
  @JsonProperty("waiversApplied")
  public List<String> waiversApplied() {
    Set<String> ids = new LinkedHashSet<>();
    if (findings != null) {
      for (JsonNode f : findings) {
        if ("waived".equals(f.path("state").asText()) && f.path("waiver").hasNonNull("id")) {
          ids.add(f.path("waiver").path("id").asText());
        }
      }
    }
    return List.copyOf(ids);
  }

  /** The findings that still count and would reject: BLOCKER or ERROR and not waived. */
  public List<String> unwaivedRejectingRuleIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode f : findings) {
      String severity = f.path("severity").asText();
      boolean rejects = "BLOCKER".equals(severity) || "ERROR".equals(severity);
      if (rejects && !"waived".equals(f.path("state").asText())) {
        ids.add(f.path("ruleId").asText());
      }
    }
    return List.copyOf(ids);
  }

  /** The same record with these reviews. */
  public Decision withReviews(List<Review> reviews) {
    return with(planSubmitted, plan, reviews);
  }

  /** The same record without the plan's two copies, for lists. */
  public Decision summary() {
    return with(null, null, reviews);
  }

  private Decision with(String planSubmitted, JsonNode plan, List<Review> reviews) {
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
        planSubmitted,
        plan,
        reviews,
        admission);
  }
}
