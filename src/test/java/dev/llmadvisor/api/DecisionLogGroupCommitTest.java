package dev.llmadvisor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The decision log's group commit through the API (docs/governance.md, "Group commit"): concurrent
 * evaluations share commits, yet each answer comes only after its own record is committed, and an
 * evaluation whose record the database refuses is not answered but fails with a problem document.
 */
@QuarkusTest
class DecisionLogGroupCommitTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TestHTTPResource("/api/v1/evaluations")
  URI evaluations;

  @TestHTTPResource("/api/v1/decisions")
  URI decisions;

  @Inject
  @DataSource("h2")
  AgroalDataSource database;

  /** The example plan {@code examples/support-assistant.yaml} as JSON, under another name. */
  static String plan(String name) throws Exception {
    String text = Files.readString(Path.of("bench/support-assistant.json"));
    assertThat(text).contains("\"name\": \"support-assistant\"");
    return text.replace("\"name\": \"support-assistant\"", "\"name\": \"" + name + "\"");
  }

  HttpResponse<String> post(String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(evaluations)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(decisions + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Every decision of a plan name, as the API lists them. */
  Set<String> recorded(String name) throws Exception {
    HttpResponse<String> r = get("?plan=" + name + "&size=500");
    assertThat(r.statusCode()).isEqualTo(200);
    Set<String> ids = new HashSet<>();
    JSON.readTree(r.body()).path("items").forEach(d -> ids.add(d.path("decisionId").asText()));
    return ids;
  }

  /**
   * 8 threads × 25 posts: each answer's decision is readable by the very next request, and all 200
   * are in the log.
   */
  @Test
  void everyAnsweredEvaluationIsReadableAtOnceUnderConcurrentPosts() throws Exception {
    String name = "group-commit-" + UUID.randomUUID();
    String body = plan(name);
    int threads = 8;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<String>>> work = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        work.add(
            pool.submit(
                () -> {
                  start.await();
                  List<String> ids = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    HttpResponse<String> answer = post(body);
                    assertThat(answer.statusCode()).isEqualTo(200);
                    JsonNode report = JSON.readTree(answer.body());
                    String id = report.path("decisionId").asText();
                    HttpResponse<String> record = get("/" + id);
                    assertThat(record.statusCode()).as("decision %s", id).isEqualTo(200);
                    JsonNode decision = JSON.readTree(record.body());
                    assertThat(decision.path("verdict").asText())
                        .isEqualTo(report.path("verdict").asText());
                    assertThat(decision.path("findings")).isEqualTo(report.path("findings"));
                    ids.add(id);
                  }
                  return ids;
                }));
      }
      start.countDown();
      Set<String> answered = new HashSet<>();
      for (Future<List<String>> f : work) {
        answered.addAll(f.get(5, TimeUnit.MINUTES));
      }
      assertThat(answered).hasSize(threads * each);
      assertThat(recorded(name)).isEqualTo(answered);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The database refuses the record of one plan (a CHECK constraint added for this test): that
   * evaluation is answered 503 with a problem document and no report, while evaluations committed
   * alongside it (possibly in the same batch) are answered and recorded.
   */
  @Test
  void anEvaluationWhoseRecordIsRefusedIsNotAnswered() throws Exception {
    String refused = "refused-" + UUID.randomUUID();
    String accepted = "accepted-" + UUID.randomUUID();
    try (Connection c = database.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "ALTER TABLE decision ADD CONSTRAINT test_refused CHECK (plan_name IS NULL OR plan_name"
              + " <> '"
              + refused
              + "')");
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      String good = plan(accepted);
      List<Future<HttpResponse<String>>> goods = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        goods.add(pool.submit(() -> post(good)));
      }
      HttpResponse<String> answer = post(plan(refused));
      assertThat(answer.statusCode()).isEqualTo(503);
      assertThat(answer.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
      JsonNode problem = JSON.readTree(answer.body());
      assertThat(problem.path("type").asText()).endsWith("/decision-log-unavailable");
      assertThat(problem.path("status").asInt()).isEqualTo(503);
      assertThat(problem.has("verdict")).isFalse();
      assertThat(problem.has("decisionId")).isFalse();
      assertThat(recorded(refused)).isEmpty();

      Set<String> answered = new HashSet<>();
      for (Future<HttpResponse<String>> f : goods) {
        HttpResponse<String> r = f.get(5, TimeUnit.MINUTES);
        assertThat(r.statusCode()).isEqualTo(200);
        answered.add(JSON.readTree(r.body()).path("decisionId").asText());
      }
      assertThat(recorded(accepted)).isEqualTo(answered).hasSize(12);
    } finally {
      pool.shutdownNow();
      try (Connection c = database.getConnection();
          Statement s = c.createStatement()) {
        s.execute("ALTER TABLE decision DROP CONSTRAINT test_refused");
      }
    }
  }
}
