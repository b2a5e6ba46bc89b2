package dev.llmadvisor.api;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;

/** Posts plans to the evaluation API the way clients do, as bytes of the given media type. */
public final class Api {
  public static final String YAML = "application/yaml";
  public static final String JSON = "application/json";

  private Api() {}

  /** A request as a user of the test's identity store, by HTTP basic authentication. */
  public static RequestSpecification as(String user, String password) {
    return given().auth().preemptive().basic(user, password);
  }

  public static ValidatableResponse evaluate(String mediaType, String plan) {
    return evaluate(given(), mediaType, plan);
  }

  /** POST /api/v1/evaluations with {@code request}'s login ({@link #as}). */
  public static ValidatableResponse evaluate(
      RequestSpecification request, String mediaType, String plan) {
    return request
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
