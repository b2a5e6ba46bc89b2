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
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reviews through the API (docs/governance.md, "Reviews"): who may review, what a review of a
 * rejected decision needs, and how a decision and a plan's history show them.
 */
@QuarkusTest
class ReviewResourceTest {
  static ValidatableResponse review(String decisionId, Object body) {
    return asReviewer()
        .contentType(Api.JSON)
        .body(body)
        .post("/api/v1/decisions/{id}/reviews", decisionId)
        .then();
  }

  static String rejectedDecision(String name) {
    return postYaml(plan(name))
        .statusCode(200)
        .body("verdict", equalTo("REJECTED"))
        .extract()
        .path("decisionId");
  }

  @Test
  void aReviewIsRecordedAndTheDecisionShowsItsReviewsOldestFirst() {
    String id = rejectedDecision(unique());
    JsonPath first =
        review(id, Map.of("outcome", "changes-requested", "comment", "Ask Legal (LEG-311)."))
            .statusCode(201)
            .contentType(Api.JSON)
            .extract()
            .jsonPath();
    assertThat(first.getString("id")).matches("R-[0-9a-f]{12}");
    assertThat(first.getString("decisionId")).isEqualTo(id);
    assertThat(first.getString("reviewer")).isEqualTo(REVIEWER);
    assertThat(first.getString("outcome")).isEqualTo("changes-requested");
    assertThat(first.getString("comment")).isEqualTo("Ask Legal (LEG-311).");
    assertThat(first.getString("at")).isNotNull();
    String second = review(id, Map.of("outcome", "rejected")).statusCode(201).extract().path("id");

    JsonPath d =
        given().get("/api/v1/decisions/{id}", id).then().statusCode(200).extract().jsonPath();
    assertThat(d.getList("reviews.id")).containsExactly(first.getString("id"), second);
    assertThat(d.getList("reviews.outcome")).containsExactly("changes-requested", "rejected");
    assertThat(d.getString("reviews[1].comment")).isNull();
    assertThat(d.getList("waiversApplied")).isEmpty();
  }

  @Test
  void aRejectedDecisionIsNotApprovedWhileItsErrorIsNotWaivedAndIsOnceWaived() {
    String name = unique();
    String rejected = rejectedDecision(name);
    review(rejected, Map.of("outcome", "approved"))
        .statusCode(409)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo(Problem.TYPE_BASE + "unwaived-findings"))
        .body("errors.rejectedValue", equalTo(List.of("LICENCE-USER-THRESHOLD-EXCEEDED")))
        .body(
            "detail",
            org.hamcrest.Matchers.containsString(
                "cannot be approved while BLOCKER or ERROR findings are not waived:"
                    + " LICENCE-USER-THRESHOLD-EXCEEDED"));
    // Nothing was recorded by the refusal.
    given().get("/api/v1/decisions/{id}", rejected).then().body("reviews", equalTo(List.of()));

    // Waived and evaluated again: the new decision carries the waiver and may be approved.
    String waiverId =
        create(waiver("LICENCE-USER-THRESHOLD-EXCEEDED", name, inDays(30)))
            .statusCode(201)
            .extract()
            .path("id");
    String waived = postYaml(plan(name)).statusCode(200).extract().path("decisionId");
    review(waived, Map.of("outcome", "approved", "comment", "LEG-311 signed."))
        .statusCode(201)
        .body("outcome", equalTo("approved"));
    given()
        .get("/api/v1/decisions/{id}", waived)
        .then()
        .statusCode(200)
        .body("waiversApplied", equalTo(List.of(waiverId)))
        .body("reviews.outcome", equalTo(List.of("approved")));

    // The plan's history: each submission with its reviews, newest first.
    given()
        .get("/api/v1/decisions?plan={name}", name)
        .then()
        .statusCode(200)
        .body("items.decisionId", equalTo(List.of(waived, rejected)))
        .body("items[0].reviews.outcome", equalTo(List.of("approved")))
        .body("items[0].waiversApplied", equalTo(List.of(waiverId)))
        .body("items[1].reviews", equalTo(List.of()));
  }

  @Test
  void aReviewerCannotReviewADecisionTheySubmitted() {
    String id =
        Api.evaluate(asReviewer(), Api.YAML, plan(unique()))
            .statusCode(200)
            .extract()
            .path("decisionId");
    review(id, Map.of("outcome", "rejected"))
        .statusCode(403)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo(Problem.TYPE_BASE + "self-review"))
        .body("errors[0].field", equalTo("submitter"))
        .body("detail", equalTo("reviewer submitted decision " + id + " and cannot review it."));
  }

  @Test
  void badOutcomesUnknownDecisionsAndMissingRolesAreProblems() {
    String id = rejectedDecision(unique());
    review(id, Map.of("outcome", "approve"))
        .statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo(Problem.TYPE_BASE + "invalid-review"))
        .body("errors[0].field", equalTo("outcome"))
        .body("errors[0].message", equalTo("unknown outcome"))
        .body("errors[0].nearest", hasItem("approved"));
    review(id, Map.of("comment", "no outcome"))
        .statusCode(422)
        .body("errors.field", equalTo(List.of("outcome")))
        .body("errors[0].message", equalTo("required"));
    review(id, Map.of("outcome", "rejected", "reviewer", "someone-else"))
        .statusCode(422)
        .body("errors.field", equalTo(List.of("reviewer")))
        .body("errors[0].message", equalTo("unknown field"));
    review(id, Map.of("outcome", "rejected", "comment", 7))
        .statusCode(422)
        .body("errors.field", equalTo(List.of("comment")));
    review(id, "{not json").statusCode(400).contentType(Problem.MEDIA_TYPE);
    review("d-unknown", Map.of("outcome", "rejected"))
        .statusCode(404)
        .contentType(Problem.MEDIA_TYPE)
        .body("errors[0].field", equalTo("decisionId"));
    // the role: anonymous 401, an authenticated user without advisor-reviewer 403
    given()
        .contentType(Api.JSON)
        .body(Map.of("outcome", "rejected"))
        .post("/api/v1/decisions/{id}/reviews", id)
        .then()
        .statusCode(401);
    as("reader", "reader-test")
        .contentType(Api.JSON)
        .body(Map.of("outcome", "rejected"))
        .post("/api/v1/decisions/{id}/reviews", id)
        .then()
        .statusCode(403);
    given().get("/api/v1/decisions/{id}", id).then().body("reviews", equalTo(List.of()));
  }
}
