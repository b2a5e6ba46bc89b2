package dev.llmadvisor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmadvisor.plan.JsonMutations;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Through the service, damaged input is answered, never a 500: the examples posted as plans and the
 * admission reviews of the webhook's tests, each with one to three fields removed, emptied, of the
 * wrong kind or out of range (drawn from a fixed seed), get a 200 or a 4xx problem document with a
 * title — never a 500 or a stack trace; a body over the size limit is a 413 problem.
 */
@QuarkusTest
class MutatedRequestsTest {
  static final int MUTANTS = Integer.getInteger("mutants", 80);
  static final long SEED = Long.getLong("seed", 20261130L);
  static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/api/v1/evaluations")
  URI evaluations;

  @Test
  void aDamagedPlanIsEvaluatedOrAnsweredWithAProblem() throws IOException {
    assertAnswered(JsonMutations.documents(Path.of("examples")), "/api/v1/evaluations");
  }

  @Test
  void aDamagedAdmissionReviewIsReviewedOrAnsweredWithAProblem() throws IOException {
    assertAnswered(
        JsonMutations.documents(Path.of("src/test/resources/admission")), "/api/v1/admission");
  }

  @Test
  void aBodyOverTheLimitIsA413Problem() throws IOException, InterruptedException {
    // quarkus.http.limits.max-body-size is 512K: 600 KiB of plan is refused before it is read.
    String huge = "{\"name\": \"" + "x".repeat(600 * 1024) + "\"}";
    for (String path : List.of("/api/v1/evaluations", "/api/v1/admission")) {
      given()
          .contentType("application/json")
          .body(huge)
          .post(path)
          .then()
          .statusCode(413)
          .contentType("application/problem+json")
          .body("title", org.hamcrest.Matchers.equalTo("Request body too large"))
          .body("detail", org.hamcrest.Matchers.containsString("at most 524288"));
    }
    // Sent chunked (no Content-Length: a stream of unknown length), it is refused the same way once
    // it grows past the limit; a chunked plan within it is read and evaluated.
    HttpResponse<String> refused = postChunked(huge.getBytes(StandardCharsets.UTF_8), "json");
    assertEquals(413, refused.statusCode());
    assertEquals(
        "application/problem+json", refused.headers().firstValue("content-type").orElseThrow());
    assertTrue(refused.body().contains("The chunked body grew past the limit"), refused.body());
    HttpResponse<String> read =
        postChunked(Files.readAllBytes(Path.of("examples/llama-70b-fp8-one-h100.yaml")), "yaml");
    assertEquals(200, read.statusCode(), read.body());
    assertTrue(read.body().contains("\"verdict\""), read.body());
  }

  /** Posts a body of unknown length: the JDK's client sends it chunked, without Content-Length. */
  HttpResponse<String> postChunked(byte[] body, String subtype)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(evaluations)
            .header("Content-Type", "application/" + subtype)
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static void assertAnswered(List<ObjectNode> documents, String path) throws IOException {
    Random random = new Random(SEED);
    List<String> unanswered = new ArrayList<>();
    int ok = 0;
    for (int i = 0; i < MUTANTS; i++) {
      JsonMutations.Mutant mutant = JsonMutations.mutant(documents, random);
      Response r =
          given()
              .contentType("application/json")
              .accept("application/json")
              .body(JSON.writeValueAsString(mutant.document()))
              .post(path);
      if (r.statusCode() == 200) {
        ok++;
      } else if (r.statusCode() >= 500
          || !r.contentType().startsWith("application/problem+json")
          || r.jsonPath().getString("title") == null) {
        unanswered.add(mutant.mutation() + ": " + r.statusCode() + " " + r.asString());
      }
    }
    assertThat(unanswered)
        .as("damaged requests answered with a 500 or without a problem")
        .isEmpty();
    assertThat(ok).as("damaged requests answered 200").isPositive();
  }
}
