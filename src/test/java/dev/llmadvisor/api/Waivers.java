package dev.llmadvisor.api;

import dev.llmadvisor.plan.NamedPlans;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * The waiver store as tests drive it through the API: the reviewer's login, a waiver of the
 * support-bot plan ({@link NamedPlans#supportBot}) under a name unique to the test (the store is
 * shared by the whole run), and its creation.
 */
public final class Waivers {
  public static final String REVIEWER = "reviewer";
  public static final String REVIEWER_PASSWORD = "reviewer-dev";

  private Waivers() {}

  /** The support-bot plan under {@code name}: LICENCE-USER-THRESHOLD-EXCEEDED rejects it. */
  public static String plan(String name) {
    return NamedPlans.supportBot(name);
  }

  /** A plan name no other test uses that the waivers' {@code support-bot-*} glob matches. */
  public static String unique() {
    return "support-bot-" + UUID.randomUUID();
  }

  /** A request as the reviewer. */
  public static RequestSpecification asReviewer() {
    return Api.as(REVIEWER, REVIEWER_PASSWORD);
  }

  /** POST /api/v1/waivers as the reviewer. */
  public static ValidatableResponse create(Map<String, Object> waiver) {
    return asReviewer().contentType(Api.JSON).body(waiver).post("/api/v1/waivers").then();
  }

  /** A waiver of {@code rule} for the plan named {@code planName}, the LEG-311 one. */
  public static Map<String, Object> waiver(String rule, String planName, Instant expiresAt) {
    return Map.of(
        "ruleId",
        rule,
        "scope",
        Map.of("planName", planName),
        "reason",
        "Separate licence from Meta signed (LEG-311).",
        "ticket",
        "LEG-311",
        "expiresAt",
        expiresAt.toString());
  }

  /** Now plus {@code days}, to the second. */
  public static Instant inDays(long days) {
    return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
  }
}
