package dev.llmadvisor.evaluation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.api.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The service's metrics at {@code /q/metrics} as Prometheus scrapes them: one evaluation of the
 * complete example plan counts once under its verdict, each of its findings once under its rule,
 * severity and state, and once in the latency histogram; one reload through the API counts under
 * its trigger and outcome; the info metric names the serving version.
 */
@QuarkusTest
class ServiceMetricsTest {
  static final String EVALUATED = "advisor_evaluations_total{verdict=\"APPROVED_WITH_WARNINGS\"}";
  static final String LATENCY_COUNT = "advisor_evaluation_seconds_count";
  static final String RELOADED =
      "advisor_ruleset_reloads_total{outcome=\"unchanged\",trigger=\"api\"}";

  @Test
  void anEvaluationAndAReloadAreCounted() throws Exception {
    String before = metrics();
    double evaluated = value(before, EVALUATED);
    double timed = value(before, LATENCY_COUNT);
    double reloads = value(before, RELOADED);

    // examples/support-assistant.yaml is approved with warnings (docs/plan.md).
    List<Map<String, String>> findings =
        Api.postYaml(Files.readString(Path.of("examples/support-assistant.yaml")))
            .statusCode(200)
            .body("verdict", org.hamcrest.Matchers.equalTo("APPROVED_WITH_WARNINGS"))
            .extract()
            .path("findings");
    // Each finding's series, and how many of the report's findings it counts (a rule may find
    // twice: SLI-ALERT-MISSING once per missing alert).
    Map<String, Long> perSeries =
        findings.stream()
            .collect(
                Collectors.groupingBy(
                    f ->
                        "advisor_findings_total{rule=\""
                            + f.get("ruleId")
                            + "\",severity=\""
                            + f.get("severity")
                            + "\",state=\""
                            + f.get("state")
                            + "\"}",
                    Collectors.counting()));
    assertThat(perSeries).isNotEmpty();
    Map<String, Double> findingsBefore = new java.util.HashMap<>();
    perSeries.keySet().forEach(series -> findingsBefore.put(series, value(before, series)));
    given()
        .auth()
        .preemptive()
        .basic("admin", "advisor-dev")
        .post("/api/v1/admin/reload")
        .then()
        .statusCode(200);

    String after = metrics();
    // The counters moved by exactly one each: 0 + 1 on a fresh service, n + 1 after other tests.
    assertThat(value(after, EVALUATED)).isEqualTo(evaluated + 1);
    assertThat(value(after, LATENCY_COUNT)).isEqualTo(timed + 1);
    assertThat(value(after, RELOADED)).isEqualTo(reloads + 1);
    perSeries.forEach(
        (series, n) ->
            assertThat(value(after, series)).as(series).isEqualTo(findingsBefore.get(series) + n));
    // A histogram: cumulative buckets, the last one (+Inf) holding every evaluation.
    assertThat(value(after, "advisor_evaluation_seconds_bucket{le=\"+Inf\"}")).isEqualTo(timed + 1);
    assertThat(after).contains("advisor_evaluation_seconds_bucket{le=\"0.001\"}");
    // The info metric: 1, tagged with the version GET /api/v1/rules/status reports.
    String version = given().get("/api/v1/rules/status").then().extract().path("version");
    assertThat(value(after, "advisor_ruleset_info{version=\"" + version + "\"}")).isEqualTo(1.0);
    assertThat(after.lines().filter(l -> l.startsWith("advisor_ruleset_info{"))).hasSize(1);
  }

  private static String metrics() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  /** The sample of one series; 0 when it is not there yet (a counter not yet incremented). */
  private static double value(String exposition, String series) {
    Matcher m =
        Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
            .matcher(exposition);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
