package dev.llmadvisor.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** advisor.evaluations.require-role=true: only advisor-submitter evaluates; 401/403 problems. */
@QuarkusTest
@TestProfile(SubmitterRoleProfile.class)
class SubmitterRoleTest {
  @Test
  void evaluationNeedsTheSubmitterRole() throws Exception {
    String plan = Files.readString(Path.of("examples/support-assistant.yaml"));
    AuthProblemTest.unauthorized(Api.postYaml(plan))
        .body("detail", startsWith("This request needs"));
    AuthProblemTest.unauthorized(Api.postJson("{}"))
        .body("detail", startsWith("This request needs"));
    AuthProblemTest.unauthorized(Api.evaluate(Api.as("submitter", "wrong"), Api.YAML, plan))
        .body("detail", startsWith("The credentials given do not"));
    AuthProblemTest.forbidden(Api.evaluate(Api.as("reader", "reader-test"), Api.YAML, plan));
    String id =
        Api.evaluate(Api.as("submitter", "submitter-test"), Api.YAML, plan)
            .statusCode(200)
            .extract()
            .path("decisionId");
    given().get("/api/v1/decisions/{id}", id).then().body("submitter", equalTo("submitter"));
  }
}
