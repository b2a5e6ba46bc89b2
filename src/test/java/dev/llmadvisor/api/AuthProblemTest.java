package dev.llmadvisor.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.startsWithIgnoringCase;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * 401 and 403 from every protected endpoint are RFC 9457 problem documents, and a 401 still carries
 * the HTTP basic challenge; evaluation is open by default (advisor.evaluations.require-role=false).
 */
@QuarkusTest
class AuthProblemTest {
  static final String WAIVER =
      """
      {"ruleId": "LICENCE-USER-THRESHOLD-EXCEEDED", "scope": {"planName": "auth-test-*"},
       "reason": "test", "expiresAt": "2026-12-01T00:00:00Z"}
      """;

  static ValidatableResponse unauthorized(ValidatableResponse r) {
    return r.statusCode(401)
        .contentType(Problem.MEDIA_TYPE)
        .header("WWW-Authenticate", startsWithIgnoringCase("basic realm=\"llm-deploy-advisor\""))
        .body("type", equalTo("https://llm-deploy-advisor.dev/problems/unauthorized"))
        .body("title", equalTo("Authentication required"))
        .body("status", equalTo(401))
        .body("detail", startsWith("Th"));
  }

  static ValidatableResponse forbidden(ValidatableResponse r) {
    return r.statusCode(403)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("https://llm-deploy-advisor.dev/problems/forbidden"))
        .body("title", equalTo("Forbidden"))
        .body("status", equalTo(403))
        .body(
            "detail", equalTo("The authenticated user does not have the role this request needs."));
  }

  /** Each protected endpoint, with the given request (credentials or none). */
  static void eachProtected(
      RequestSpecification how, java.util.function.Consumer<ValidatableResponse> check) {
    check.accept(how.post("/api/v1/admin/reload").then());
    check.accept(how.contentType(Api.JSON).body(WAIVER).post("/api/v1/waivers").then());
    check.accept(how.delete("/api/v1/waivers/W-nosuchwaiver").then());
    check.accept(
        how.contentType(Api.JSON)
            .body("{\"outcome\": \"approved\"}")
            .post("/api/v1/decisions/00000000-0000-0000-0000-000000000000/reviews")
            .then());
  }

  @Test
  void noCredentialsIs401ProblemWithChallenge() {
    eachProtected(given(), r -> unauthorized(r).body("detail", startsWith("This request needs")));
  }

  @Test
  void wrongPasswordIs401ProblemWithChallenge() {
    eachProtected(
        Api.as("reviewer", "wrong"),
        r -> unauthorized(r).body("detail", startsWith("The credentials given do not")));
    eachProtected(
        Api.as("nobody", "x"),
        r -> unauthorized(r).body("detail", startsWith("The credentials given do not")));
  }

  @Test
  void userWithoutTheRoleIs403Problem() {
    eachProtected(Api.as("reader", "reader-test"), AuthProblemTest::forbidden);
    // admin has advisor-admin only: no waivers; reviewer has advisor-reviewer only: no reload.
    forbidden(
        Api.as("admin", "advisor-dev")
            .contentType(Api.JSON)
            .body(WAIVER)
            .post("/api/v1/waivers")
            .then());
    forbidden(Api.as("reviewer", "reviewer-dev").post("/api/v1/admin/reload").then());
  }

  @Test
  void evaluationIsOpenByDefaultAndRecordsTheSubmitter() throws Exception {
    String plan = Files.readString(Path.of("examples/support-assistant.yaml"));
    String anonymous = Api.postYaml(plan).statusCode(200).extract().path("decisionId");
    given().get("/api/v1/decisions/{id}", anonymous).then().body("submitter", equalTo("anonymous"));
    String reader =
        Api.evaluate(Api.as("reader", "reader-test"), Api.YAML, plan)
            .statusCode(200)
            .extract()
            .path("decisionId");
    given().get("/api/v1/decisions/{id}", reader).then().body("submitter", equalTo("reader"));
    // Wrong credentials are refused even where anonymous evaluation is allowed.
    unauthorized(Api.evaluate(Api.as("reader", "wrong"), Api.YAML, plan));
  }
}
