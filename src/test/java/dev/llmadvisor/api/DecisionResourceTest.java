package dev.llmadvisor.api;

import static dev.llmadvisor.api.Api.postJson;
import static dev.llmadvisor.api.Api.postYaml;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.plan.NamedPlans;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every evaluation through the API is in the decision log, readable, listable and exportable. */
@QuarkusTest
class DecisionResourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The support-assistant plan under a name of its own, so tests do not see each other's. */
  private static String yaml(String name) {
    return NamedPlans.llama8bH100(name);
  }

  private static String json(String name) {
    return NamedPlans.llama8bH100Json(name);
  }

  private static String unique() {
    return "plan-" + UUID.randomUUID();
  }

  private static JsonPath decision(String id) {
    return given().get("/api/v1/decisions/{id}", id).then().statusCode(200).extract().jsonPath();
  }

  @Test
  void anEvaluationIsRecordedWithItsPlanHashRulesetAndFindings() {
    String name = unique();
    JsonPath report = postYaml(yaml(name)).statusCode(200).extract().jsonPath();
    String id = report.getString("decisionId");

    JsonPath d = decision(id);
    assertThat(d.getString("decisionId")).isEqualTo(id);
    assertThat(d.getString("planName")).isEqualTo(name);
    assertThat(d.getString("planFormat")).isEqualTo("yaml");
    assertThat(d.getString("planSubmitted")).isEqualTo(yaml(name));
    assertThat(d.getString("planHash")).matches("[0-9a-f]{64}");
    assertThat(d.getString("rulesetVersion")).isEqualTo(report.getString("ruleset.version"));
    assertThat(d.getString("verdict")).isEqualTo(report.getString("verdict"));
    assertThat(d.getList("findings.ruleId")).isEqualTo(report.getList("findings.ruleId"));
    assertThat(d.getList("defaultsApplied.field"))
        .isEqualTo(report.getList("defaultsApplied.field"));
    assertThat(d.getString("submitter")).isEqualTo("anonymous");
    // the canonical plan is the plan as submitted, no defaults filled in
    assertThat(d.getString("plan.name")).isEqualTo(name);
    assertThat(d.getString("plan.engine.maxModelLen")).isEqualTo("8192");
    assertThat(d.getMap("plan.parallelism")).isNull();
  }

  @Test
  void theSamePlanInJsonOrYamlHasOneHashAndUnderOneRulesetTheSameFindings() throws Exception {
    String name = unique();
    String first = postYaml(yaml(name)).statusCode(200).extract().path("decisionId");
    String second = postJson(json(name)).statusCode(200).extract().path("decisionId");
    assertThat(second).isNotEqualTo(first);

    JsonNode a = JSON.readTree(given().get("/api/v1/decisions/{id}", first).asString());
    JsonNode b = JSON.readTree(given().get("/api/v1/decisions/{id}", second).asString());
    assertThat(b.get("planFormat").asText()).isEqualTo("json");
    assertThat(b.get("planHash")).isEqualTo(a.get("planHash"));
    assertThat(b.get("plan")).isEqualTo(a.get("plan"));
    assertThat(b.get("rulesetVersion")).isEqualTo(a.get("rulesetVersion"));
    // same hash, same ruleset: the same findings, message for message
    assertThat(b.get("findings")).isEqualTo(a.get("findings"));
    assertThat(b.get("verdict")).isEqualTo(a.get("verdict"));
    assertThat(b.get("defaultsApplied")).isEqualTo(a.get("defaultsApplied"));

    // another plan (a different context length) hashes differently
    String third =
        postYaml(yaml(name).replace("maxModelLen: 8192", "maxModelLen: 16384"))
            .statusCode(200)
            .extract()
            .path("decisionId");
    assertThat(decision(third).getString("planHash")).isNotEqualTo(a.get("planHash").asText());
  }

  @Test
  void theSubmitterIsTheAuthenticatedUser() {
    String id =
        Api.as("reader", "reader-test")
            .contentType(Api.YAML)
            .body(yaml(unique()).getBytes(StandardCharsets.UTF_8))
            .post("/api/v1/evaluations")
            .then()
            .statusCode(200)
            .extract()
            .path("decisionId");
    assertThat(decision(id).getString("submitter")).isEqualTo("reader");
  }

  @Test
  void aRefusedPlanIsNotADecision() {
    String name = unique();
    postYaml("name: " + name + "\nmodel: {id: no-such-model}\n").statusCode(422);
    given()
        .queryParam("plan", name)
        .get("/api/v1/decisions")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
  }

  @Test
  void aPlansHistoryIsNewestFirstPagedAndFilteredByVerdict() {
    String name = unique();
    String[] ids = new String[3];
    for (int i = 0; i < 3; i++) {
      ids[i] = postYaml(yaml(name)).statusCode(200).extract().path("decisionId");
    }
    String verdict = decision(ids[0]).getString("verdict");

    given()
        .queryParam("plan", name)
        .queryParam("size", 2)
        .get("/api/v1/decisions")
        .then()
        .statusCode(200)
        .body("total", equalTo(3))
        .body("items.decisionId", equalTo(List.of(ids[2], ids[1])))
        .body("items[0].planSubmitted", equalTo(null));
    given()
        .queryParam("plan", name)
        .queryParam("size", 2)
        .queryParam("page", 1)
        .get("/api/v1/decisions")
        .then()
        .body("items.decisionId", equalTo(List.of(ids[0])));
    given()
        .queryParam("plan", name)
        .queryParam("verdict", verdict.toLowerCase())
        .queryParam("since", "2020-01-01")
        .get("/api/v1/decisions")
        .then()
        .body("total", equalTo(3));
    String other = verdict.equals("REJECTED") ? "APPROVED" : "REJECTED";
    given()
        .queryParam("plan", name)
        .queryParam("verdict", other)
        .get("/api/v1/decisions")
        .then()
        .body("total", equalTo(0));
  }

  @Test
  void theExportIsJsonLinesOfFullRecordsOldestFirst() throws Exception {
    String name = unique();
    String first = postYaml(yaml(name)).statusCode(200).extract().path("decisionId");
    String second = postJson(json(name)).statusCode(200).extract().path("decisionId");

    String body =
        given()
            .queryParam("plan", name)
            .get("/api/v1/decisions/export")
            .then()
            .statusCode(200)
            .contentType(startsWith("application/x-ndjson"))
            .extract()
            .asString();
    List<String> lines = Arrays.asList(body.split("\n"));
    assertThat(lines).hasSize(2);
    JsonNode a = JSON.readTree(lines.get(0));
    assertThat(a.get("decisionId").asText()).isEqualTo(first);
    assertThat(a.get("plan").get("name").asText()).isEqualTo(name);
    assertThat(JSON.readTree(lines.get(1)).get("decisionId").asText()).isEqualTo(second);
  }

  @Test
  void unknownDecisionsAndBadQueriesAreProblems() {
    given()
        .get("/api/v1/decisions/no-such-decision")
        .then()
        .statusCode(404)
        .contentType(Problem.MEDIA_TYPE)
        .body("detail", equalTo("No decision no-such-decision is recorded."));
    given()
        .queryParam("verdict", "maybe")
        .get("/api/v1/decisions")
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE)
        .body("errors", hasSize(1))
        .body("errors[0].field", equalTo("verdict"));
    given()
        .queryParam("since", "yesterday")
        .get("/api/v1/decisions")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("since"));
    given()
        .queryParam("size", "0")
        .get("/api/v1/decisions")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("size"));
    given()
        .queryParam("page", "x")
        .get("/api/v1/decisions")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("page"));
  }
}
