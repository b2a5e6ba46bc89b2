package dev.llmadvisor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.evaluation.Ruleset;
import dev.llmadvisor.evaluation.RulesetFiles;
import dev.llmadvisor.plan.NamedPlans;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live reload as a rule author and a client see it, on a copy of the shipped files: edits are
 * picked up by the watch or {@code POST /api/v1/admin/reload}, broken files leave the previous
 * ruleset serving with the errors in {@code GET /api/v1/rules/status}, and a swap under load
 * neither drops a request nor answers with half of one ruleset and half of another.
 */
@QuarkusTest
@TestProfile(LiveReloadProfile.class)
class AdminReloadTest {
  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "advisor-dev";
  static final String MARGIN_RULE = "SIZING-UNDER-GUIDE-MARGIN";

  /**
   * How long the watch may take to poll and compile: a compile of the shipped rules takes seconds
   * on an idle machine but took 15 s under a load average of 27 on two cores (issue 17), hence a
   * margin. A watch that never gets there still fails.
   */
  static final Duration WATCH_TIMEOUT = Duration.ofSeconds(60);

  /** 8B on an H100: ample headroom, so the margin rule fires only with the widened threshold. */
  static final String PLAN = NamedPlans.llama8bH100("live-reload");

  static final ObjectMapper JSON = new ObjectMapper();

  @ConfigProperty(name = "advisor.rules-dir")
  Path rulesDir;

  @TestHTTPResource("/api/v1/evaluations")
  URI evaluations;

  RulesetFiles files;
  String shipped;

  @BeforeEach
  void theShippedFilesServe() {
    files = RulesetFiles.copyUnder(rulesDir.getParent());
    files.restore();
    shipped = filesVersion();
    reload(ADMIN, ADMIN_PASSWORD).statusCode(200).body("version", equalTo(shipped));
  }

  @Test
  void statusNamesTheServingRulesetAndIsNotTakenForARuleId() {
    int rules = given().get("/api/v1/rules").then().statusCode(200).extract().path("count");
    given()
        .get("/api/v1/rules/status")
        .then()
        .statusCode(200)
        .body("version", equalTo(shipped))
        .body("rules", equalTo(rules))
        .body("loadedAt", org.hamcrest.Matchers.notNullValue())
        .body("lastReload.trigger", equalTo("api"))
        .body("lastReload.outcome", org.hamcrest.Matchers.oneOf("loaded", "unchanged"))
        .body("lastReload.errors", empty());
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'ruleset' }.data.version", equalTo(shipped));
  }

  @Test
  void reloadNeedsTheAdminRoleAndAnswersWithTheStatus() {
    given().post("/api/v1/admin/reload").then().statusCode(401);
    reload(ADMIN, "wrong").statusCode(401);
    reload("reader", "reader-test").statusCode(403);
    reload(ADMIN, ADMIN_PASSWORD)
        .statusCode(200)
        .contentType("application/json")
        .body("version", equalTo(shipped))
        .body("lastReload.trigger", equalTo("api"))
        .body("lastReload.outcome", equalTo("unchanged"))
        .body("lastReload.version", equalTo(shipped))
        .body("lastReload.errors", empty());
  }

  @Test
  void aReloadOfBrokenRulesAnswers422WithTheErrorsWhileTheOldRulesServe() {
    files.edit("rules/sizing.drl", RulesetFiles.MARGIN, "headroomRatoi < 0.15");
    int line = files.lineOf("rules/sizing.drl", "headroomRatoi");
    reload(ADMIN, ADMIN_PASSWORD)
        .statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("status", equalTo(422))
        .body("title", equalTo("The rules or catalogues do not load"))
        .body("errors[0].file", equalTo("rules/sizing.drl"))
        .body("errors[0].line", equalTo(line))
        .body("version", equalTo(shipped))
        .body("lastReload.trigger", equalTo("api"))
        .body("lastReload.outcome", equalTo("failed"))
        .body("lastReload.errors[0].line", equalTo(line));
    Api.postYaml(PLAN).statusCode(200).body("ruleset.version", equalTo(shipped));
  }

  @Test
  void theWatchKeepsTheOldRulesOnABrokenRuleAndLoadsTheFix() {
    // A misspelt field in the widened threshold: mended, the margin rule fires on the plan.
    files.edit(
        "rules/sizing.drl",
        RulesetFiles.MARGIN,
        RulesetFiles.WIDE_MARGIN.replace("Ratio", "Ratoi"));
    String broken = filesVersion();
    JsonPath failed = awaitStatus(s -> broken.equals(s.getString("lastReload.version")));
    assertThat(failed.getString("lastReload.trigger")).isEqualTo("watch");
    assertThat(failed.getString("lastReload.outcome")).isEqualTo("failed");
    assertThat(failed.getString("version")).isEqualTo(shipped);
    assertThat(failed.getString("lastReload.errors[0].file")).isEqualTo("rules/sizing.drl");
    assertThat(failed.getInt("lastReload.errors[0].line"))
        .isEqualTo(files.lineOf("rules/sizing.drl", "headroomRatoi"));
    assertThat(failed.getString("lastReload.errors[0].message")).contains("headroomRatoi");
    Api.postYaml(PLAN)
        .statusCode(200)
        .body("ruleset.version", equalTo(shipped))
        .body("findings.ruleId", not(hasItem(MARGIN_RULE)));

    files.edit("rules/sizing.drl", "headroomRatoi", "headroomRatio");
    String fixed = filesVersion();
    JsonPath loaded = awaitStatus(s -> fixed.equals(s.getString("version")));
    assertThat(loaded.getString("lastReload.trigger")).isEqualTo("watch");
    assertThat(loaded.getString("lastReload.outcome")).isEqualTo("loaded");
    assertThat(loaded.getList("lastReload.errors")).isEmpty();
    Api.postYaml(PLAN)
        .statusCode(200)
        .body("ruleset.version", equalTo(fixed))
        .body("findings.ruleId", hasItem(MARGIN_RULE));
  }

  @Test
  void theWatchKeepsTheOldCataloguesOnABrokenOneAndClearsTheErrorsOnceItIsMended() {
    files.edit("catalogues/gpus.yaml", "tdpW: 700", "tdpWatts: 700");
    String broken = filesVersion();
    JsonPath failed = awaitStatus(s -> broken.equals(s.getString("lastReload.version")));
    assertThat(failed.getString("lastReload.outcome")).isEqualTo("failed");
    assertThat(failed.getString("version")).isEqualTo(shipped);
    List<Map<String, Object>> errors = failed.getList("lastReload.errors");
    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.get("file")).isEqualTo("catalogues/gpus.yaml");
              // Jackson places an unknown field of a record where it stopped reading the entry.
              assertThat((Integer) e.get("line"))
                  .isBetween(
                      files.lineOf("catalogues/gpus.yaml", "tdpWatts"),
                      files.lineOf("catalogues/gpus.yaml", "id: H100-PCIE-80GB"));
              assertThat((String) e.get("message")).contains("unknown field 'tdpWatts'");
            });
    Api.postYaml(PLAN).statusCode(200).body("ruleset.version", equalTo(shipped));

    files.restore();
    JsonPath mended = awaitStatus(s -> shipped.equals(s.getString("lastReload.version")));
    assertThat(mended.getString("lastReload.trigger")).isEqualTo("watch");
    assertThat(mended.getString("lastReload.outcome")).isEqualTo("unchanged");
    assertThat(mended.getList("lastReload.errors")).isEmpty();
  }

  /**
   * Four clients post plans while the margin threshold is swapped back and forth. Every answer must
   * be a 200, and its findings exactly those of the version its {@code ruleset.version} names: an
   * evaluation that began on one ruleset and finished on another would show it.
   */
  @Test
  void aSwapUnderLoadDropsNoRequestAndMixesNoRulesets() throws Exception {
    Map<String, Answer> expected = new ConcurrentHashMap<>();
    expected.put(shipped, Answer.of(evaluate()));
    files.edit("rules/sizing.drl", RulesetFiles.MARGIN, RulesetFiles.WIDE_MARGIN);
    String widened = filesVersion();
    reload(ADMIN, ADMIN_PASSWORD).statusCode(200).body("version", equalTo(widened));
    expected.put(widened, Answer.of(evaluate()));
    assertThat(expected.get(widened).ruleIds()).contains(MARGIN_RULE);
    assertThat(expected.get(shipped).ruleIds()).doesNotContain(MARGIN_RULE);

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicBoolean swapping = new AtomicBoolean(true);
    Queue<String> failures = new ConcurrentLinkedQueue<>();
    Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      running.add(
          clients.submit(
              () -> {
                // Bounded: at most 600 requests per client, whatever the swaps take.
                for (int i = 0; i < 600 && (swapping.get() || i < 50); i++) {
                  check(http, expected, failures, served);
                  pause(25);
                }
              }));
    }
    try {
      // Widened serves; back to shipped, widened again, shipped: the test ends as it began.
      for (int swap = 0; swap < 3; swap++) {
        pause(300);
        boolean toShipped = swap % 2 == 0;
        if (toShipped) {
          files.restore();
        } else {
          files.edit("rules/sizing.drl", RulesetFiles.MARGIN, RulesetFiles.WIDE_MARGIN);
        }
        // The watch may get there first; either way this version serves when the call returns.
        reload(ADMIN, ADMIN_PASSWORD)
            .statusCode(200)
            .body("version", equalTo(toShipped ? shipped : widened));
      }
      pause(300);
    } finally {
      swapping.set(false);
      for (Future<?> f : running) {
        f.get(60, TimeUnit.SECONDS);
      }
      clients.shutdown();
    }
    int total = served.values().stream().mapToInt(AtomicInteger::get).sum();
    System.out.printf("reload under load: answers by ruleset version %s%n", served);
    assertThat(failures).as("failed or mixed answers of %d", total).isEmpty();
    assertThat(served.keySet()).containsExactlyInAnyOrder(shipped, widened);
    assertThat(total).isGreaterThanOrEqualTo(200);
  }

  /** What a report must say under one ruleset version. */
  record Answer(String verdict, TreeSet<String> ruleIds) {
    static Answer of(JsonNode report) {
      TreeSet<String> ids = new TreeSet<>();
      report.get("findings").forEach(f -> ids.add(f.get("ruleId").asText()));
      return new Answer(report.get("verdict").asText(), ids);
    }
  }

  private void check(
      HttpClient http,
      Map<String, Answer> expected,
      Queue<String> failures,
      Map<String, AtomicInteger> served) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(evaluations)
                  .header("Content-Type", Api.YAML)
                  .POST(HttpRequest.BodyPublishers.ofString(PLAN))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        failures.add("HTTP " + response.statusCode() + ": " + response.body());
        return;
      }
      JsonNode report = JSON.readTree(response.body());
      String version = report.path("ruleset").path("version").asText();
      Answer want = expected.get(version);
      Answer got = Answer.of(report);
      if (want == null) {
        failures.add("a version nobody loaded: " + version);
      } else if (!want.equals(got)) {
        failures.add(version + " should answer " + want + ", answered " + got);
      }
      served.computeIfAbsent(version, v -> new AtomicInteger()).incrementAndGet();
    } catch (Exception e) {
      failures.add(e.toString());
    }
  }

  private JsonNode evaluate() throws Exception {
    return JSON.readTree(Api.postYaml(PLAN).statusCode(200).extract().asString());
  }

  private String filesVersion() {
    return Ruleset.version(files.rules(), files.catalogues());
  }

  private static ValidatableResponse reload(String user, String password) {
    return given().auth().preemptive().basic(user, password).post("/api/v1/admin/reload").then();
  }

  /** Polls the status until it satisfies {@code until}; fails after {@link #WATCH_TIMEOUT}. */
  private static JsonPath awaitStatus(Predicate<JsonPath> until) {
    long deadline = System.nanoTime() + WATCH_TIMEOUT.toNanos();
    JsonPath status;
    do {
      status = given().get("/api/v1/rules/status").then().statusCode(200).extract().jsonPath();
      if (until.test(status)) {
        return status;
      }
      pause(100);
    } while (System.nanoTime() < deadline);
    return fail(
        "the watch did not get there within %s; status: %s", WATCH_TIMEOUT, status.prettify());
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
