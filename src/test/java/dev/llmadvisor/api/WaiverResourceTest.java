package dev.llmadvisor.api;

import static dev.llmadvisor.api.Api.as;
import static dev.llmadvisor.api.Api.postYaml;
import static dev.llmadvisor.api.Waivers.REVIEWER;
import static dev.llmadvisor.api.Waivers.asReviewer;
import static dev.llmadvisor.api.Waivers.create;
import static dev.llmadvisor.api.Waivers.inDays;
import static dev.llmadvisor.api.Waivers.plan;
import static dev.llmadvisor.api.Waivers.unique;
import static dev.llmadvisor.api.Waivers.waiver;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The waiver store through the API: a reviewer creates a waiver, evaluations apply it (and the
 * decision log keeps which), a revoke stops it and keeps it; the maximum lifetime, the rule checks
 * and the role are enforced.
 */
@QuarkusTest
class WaiverResourceTest {
  @Test
  void aWaiverAppliesToEvaluationsAndTheDecisionKeepsItsIdUntilRevoked() {
    String name = unique();
    postYaml(plan(name)).statusCode(200).body("verdict", equalTo("REJECTED"));

    Instant expiry = inDays(30);
    JsonPath created =
        create(waiver("LICENCE-USER-THRESHOLD-EXCEEDED", name, expiry))
            .statusCode(201)
            .extract()
            .jsonPath();
    String id = created.getString("id");
    assertThat(id).matches("W-[0-9a-f]{12}");
    assertThat(created.getString("approvedBy")).isEqualTo(REVIEWER);
    assertThat(created.getString("expiresAt")).isEqualTo(expiry.toString());

    // The ERROR alone rejected the plan; waived, what remains is below ERROR.
    JsonPath report = postYaml(plan(name)).statusCode(200).extract().jsonPath();
    assertThat(report.getString("verdict")).isNotEqualTo("REJECTED");
    String waived = "findings.find { it.ruleId == 'LICENCE-USER-THRESHOLD-EXCEEDED' }";
    assertThat(report.getString(waived + ".state")).isEqualTo("waived");
    assertThat(report.getString(waived + ".waiver.id")).isEqualTo(id);

    // The decision log stores the findings as reported: with the id of the waiver that applied.
    JsonPath decision =
        given()
            .get("/api/v1/decisions/{id}", report.getString("decisionId"))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(decision.getString(waived + ".state")).isEqualTo("waived");
    assertThat(decision.getString(waived + ".waiver.id")).isEqualTo(id);
    assertThat(decision.getString("verdict")).isEqualTo(report.getString("verdict"));

    // Revoked: kept, with its time, and no longer applied.
    JsonPath revoked =
        asReviewer().delete("/api/v1/waivers/{id}", id).then().statusCode(200).extract().jsonPath();
    assertThat(revoked.getString("revokedAt")).isNotNull();
    given()
        .get("/api/v1/waivers/{id}", id)
        .then()
        .statusCode(200)
        .body("revokedAt", equalTo(revoked.getString("revokedAt")));
    given().get("/api/v1/waivers").then().statusCode(200).body("waivers.id", hasItem(id));
    JsonPath after = postYaml(plan(name)).statusCode(200).extract().jsonPath();
    assertThat(after.getString("verdict")).isEqualTo("REJECTED");
    assertThat(after.getString(waived + ".state")).isEqualTo("active");
    assertThat(after.getString(waived + ".waiver")).isNull();
  }

  /**
   * The store keeps the waivers it read; an expiry needs no new read, since the rules decide at
   * each evaluation's instant: waived before {@code expiresAt}, active with the expired waiver
   * after.
   */
  @Test
  void aWaiverStopsApplyingAtItsExpiry() throws InterruptedException {
    String name = unique();
    postYaml(plan(name)).statusCode(200).body("verdict", equalTo("REJECTED"));
    Instant expiry = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
    String id =
        create(waiver("LICENCE-USER-THRESHOLD-EXCEEDED", name, expiry))
            .statusCode(201)
            .extract()
            .path("id");
    String finding = "findings.find { it.ruleId == 'LICENCE-USER-THRESHOLD-EXCEEDED' }";
    JsonPath before = postYaml(plan(name)).statusCode(200).extract().jsonPath();
    if (Instant.now().isBefore(expiry)) { // a loaded machine may take longer than 3 s to get here
      assertThat(before.getString(finding + ".state")).isEqualTo("waived");
      assertThat(before.getString(finding + ".waiver.id")).isEqualTo(id);
    }
    while (!Instant.now().isAfter(expiry)) {
      Thread.sleep(100);
    }
    JsonPath after = postYaml(plan(name)).statusCode(200).extract().jsonPath();
    assertThat(after.getString("verdict")).isEqualTo("REJECTED");
    assertThat(after.getString(finding + ".state")).isEqualTo("active");
    assertThat(after.getString(finding + ".waiver.id")).isEqualTo(id);
    assertThat(after.getBoolean(finding + ".waiver.expired")).isTrue();
  }

  @Test
  void anExpiryBeyondTheMaximumLifetimeIsRefusedNamingTheField() {
    String name = unique();
    // P90D by default: 91 days ahead is too far, 89 days is accepted.
    create(waiver("LICENCE-USER-THRESHOLD-EXCEEDED", name, inDays(91)))
        .statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("errors[0].field", equalTo("expiresAt"))
        .body(
            "errors[0].message",
            org.hamcrest.Matchers.startsWith(
                "at most 90 days ahead (advisor.waivers.max-lifetime)"));
    create(waiver("LICENCE-USER-THRESHOLD-EXCEEDED", name, inDays(89))).statusCode(201);
    // already past
    create(waiver("LICENCE-USER-THRESHOLD-EXCEEDED", name, inDays(-1)))
        .statusCode(422)
        .body("errors[0].field", equalTo("expiresAt"))
        .body("errors[0].message", equalTo("must be in the future"));
    // missing: mandatory
    Map<String, Object> noExpiry =
        Map.of(
            "ruleId",
            "LICENCE-USER-THRESHOLD-EXCEEDED",
            "scope",
            Map.of("planName", name),
            "reason",
            "r");
    create(noExpiry)
        .statusCode(422)
        .body("errors[0].field", equalTo("expiresAt"))
        .body("errors[0].message", equalTo("required"));
  }

  @Test
  void unknownAndUnwaivableRulesAreRefusedAsTheWaiverFileRefusesThem() {
    String name = unique();
    create(waiver("LICENCE-USER-TRESHOLD-EXCEEDED", name, inDays(10)))
        .statusCode(422)
        .body("errors[0].field", equalTo("ruleId"))
        .body("errors[0].message", equalTo("unknown rule id"))
        .body("errors[0].nearest", hasItem("LICENCE-USER-THRESHOLD-EXCEEDED"));
    create(waiver("LICENCE-COMMERCIAL-USE-FORBIDDEN", name, inDays(10)))
        .statusCode(422)
        .body("errors[0].field", equalTo("ruleId"))
        .body(
            "errors[0].message",
            org.hamcrest.Matchers.startsWith(
                "rule LICENCE-COMMERCIAL-USE-FORBIDDEN may not be waived (@waivable(false) at"));
    // the server sets id and approvedBy
    Map<String, Object> withId =
        new java.util.HashMap<>(waiver("LICENCE-USER-THRESHOLD-EXCEEDED", name, inDays(10)));
    withId.put("id", "W-mine");
    create(withId).statusCode(422).body("errors.field", equalTo(List.of("id")));
    // not JSON
    asReviewer()
        .contentType(Api.JSON)
        .body("{ruleId:")
        .post("/api/v1/waivers")
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE);
  }

  @Test
  void creatingAndRevokingNeedTheReviewerRole() {
    Map<String, Object> w = waiver("LICENCE-USER-THRESHOLD-EXCEEDED", unique(), inDays(10));
    given().contentType(Api.JSON).body(w).post("/api/v1/waivers").then().statusCode(401);
    as(REVIEWER, "wrong")
        .contentType(Api.JSON)
        .body(w)
        .post("/api/v1/waivers")
        .then()
        .statusCode(401);
    as("reader", "reader-test")
        .contentType(Api.JSON)
        .body(w)
        .post("/api/v1/waivers")
        .then()
        .statusCode(403);
    String id = create(w).statusCode(201).extract().path("id");
    given().delete("/api/v1/waivers/{id}", id).then().statusCode(401);
    as("reader", "reader-test").delete("/api/v1/waivers/{id}", id).then().statusCode(403);
    given().get("/api/v1/waivers/{id}", id).then().statusCode(200).body("revokedAt", equalTo(null));
    asReviewer()
        .delete("/api/v1/waivers/W-nosuchwaiver")
        .then()
        .statusCode(404)
        .contentType(Problem.MEDIA_TYPE);
  }
}
