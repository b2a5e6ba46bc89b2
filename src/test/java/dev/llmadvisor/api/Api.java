package dev.llmadvisor.api;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;

/** Posts plans to the evaluation API the way clients do, as bytes of the given media type. */
public final class Api {
  public static final String YAML = "application/yaml";
  public static final String JSON = "application/json";

  private Api() {}

  public static ValidatableResponse evaluate(String mediaType, String plan) {
    return given()
        .contentType(mediaType)
        .body(plan.getBytes(StandardCharsets.UTF_8))
        .when()
        .post("/api/v1/evaluations")
        .then();
  }

  public static ValidatableResponse postYaml(String plan) {
    return evaluate(YAML, plan);
  }

  public static ValidatableResponse postJson(String plan) {
    return evaluate(JSON, plan);
  }
}
