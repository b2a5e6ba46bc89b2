package dev.llmadvisor.api;

import static dev.llmadvisor.api.Api.postYaml;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/recommendations} and {@code GET /api/v1/decisions/{id}/artefacts/{kind}} over
 * HTTP: the answer's front posted back to {@code /api/v1/evaluations} gets the verdict the answer
 * shows; bad requests are problems naming the field.
 */
@QuarkusTest
class WhatIfResourceTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final String REQUEST =
      """
      name: what-if-8b
      environment: research
      model: {id: meta-llama/Llama-3.1-8B-Instruct}
      maxModelLen: 8192
      workload: {concurrentRequests: 4, promptTokens: 1500, outputTokens: 300}
      constraints:
        gpus: [L4-24GB]
        maxGpus: 1
      """;

  static io.restassured.response.ValidatableResponse recommend(String yaml, String accept) {
    return given()
        .contentType("application/yaml")
        .accept(accept)
        .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .when()
        .post("/api/v1/recommendations")
        .then();
  }

  @Test
  void theFrontsPlansGetTheirVerdictFromTheEvaluationApi() throws Exception {
    JsonPath r = recommend(REQUEST, "application/json").statusCode(200).extract().jsonPath();
    // One L4: 1 layout × (vLLM 4 + TensorRT-LLM 3 + llama.cpp 2 formats) × 2 KV dtypes.
    assertThat(r.getInt("candidatesConsidered")).isEqualTo(18);
    assertThat(r.getInt("candidatesEvaluated") + r.getInt("candidatesPruned"))
        .isEqualTo(18 - r.getInt("candidatesInvalid"));
    assertThat(r.getLong("elapsedMs")).isPositive();
    List<Map<String, Object>> front = r.getList("front");
    assertThat(front).isNotEmpty();
    for (Map<String, Object> e : front) {
      String plan = JSON.writeValueAsString(e.get("plan"));
      Api.postJson(plan).statusCode(200).body("verdict", equalTo(e.get("verdict")));
    }
  }

  @Test
  void markdownAndTextOnAsking() {
    recommend(REQUEST, "text/markdown")
        .statusCode(200)
        .body(startsWith("# What-if: meta-llama/Llama-3.1-8B-Instruct"));
    recommend(REQUEST, "text/plain").statusCode(200).body(startsWith("What-if for "));
  }

  @Test
  void unknownIdsAndFieldsAreProblemsNamingTheField() {
    recommend(REQUEST.replace("[L4-24GB]", "[L4-42GB]"), "application/json")
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("constraints.gpus[0]"))
        .body("errors[0].nearest", hasItem("L4-24GB"));
    recommend(REQUEST.replace("maxGpus: 1", "maxGpus: 1\n  engines: [tgi]"), "application/json")
        .statusCode(422)
        .body("errors[0].field", equalTo("constraints.engines[0]"))
        .body("errors[0].nearest", hasItem("vllm"));
    recommend(REQUEST.replace("maxGpus: 1", "maxGpu: 1"), "application/json")
        .statusCode(400)
        .body("errors[0].field", equalTo("constraints.maxGpu"));
    recommend(REQUEST.replace("maxModelLen: 8192", "maxModelLen: 0"), "application/json")
        .statusCode(422)
        .body("errors.field", hasItem("maxModelLen"));
    recommend(REQUEST.replace("model: {id: meta-llama/Llama-3.1-8B-Instruct}\n", ""), "*/*")
        .statusCode(422)
        .body("errors[0].field", equalTo("model"));
  }

  @Test
  void artefactsOfARecordedDecision() throws Exception {
    String plan = Files.readString(Path.of("examples/llama-405b-two-nodes.yaml"));
    String id = postYaml(plan).statusCode(200).extract().path("decisionId");
    given()
        .when()
        .get("/api/v1/decisions/" + id + "/artefacts/deployment")
        .then()
        .statusCode(200)
        .contentType(startsWith("application/yaml"))
        .body(org.hamcrest.Matchers.containsString("kind: LeaderWorkerSet"));
    given()
        .when()
        .get("/api/v1/decisions/" + id + "/artefacts/prometheusrule")
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.containsString("vllm:time_to_first_token_seconds_bucket"));
    given()
        .when()
        .get("/api/v1/decisions/" + id + "/artefacts/command")
        .then()
        .statusCode(200)
        .body(startsWith("#!/bin/sh"));
    given()
        .when()
        .get("/api/v1/decisions/" + id + "/artefacts/helmchart")
        .then()
        .statusCode(404)
        .body("errors[0].field", equalTo("kind"));
    String rejected = Files.readString(Path.of("examples/llama-70b-fp8-one-h100.yaml"));
    String no = postYaml(rejected).statusCode(200).extract().path("decisionId");
    given()
        .when()
        .get("/api/v1/decisions/" + no + "/artefacts/deployment")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
  }
}
