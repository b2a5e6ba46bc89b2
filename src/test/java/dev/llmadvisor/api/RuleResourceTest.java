package dev.llmadvisor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.llmadvisor.evaluation.Advisor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The rule catalogue as a client sees it, checked against the DRL files themselves. */
@QuarkusTest
class RuleResourceTest {
  static final Pattern DECLARATION = Pattern.compile("^\\s*rule\\s+\"");

  @Inject Advisor advisor;

  @Test
  void everyRuleDeclaredInTheFilesIsListedSortedByIdWithTheVersion() throws IOException {
    long declared = 0;
    try (Stream<Path> files = Files.list(Path.of("rules"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
        declared +=
            Files.readAllLines(f).stream().filter(l -> DECLARATION.matcher(l).find()).count();
      }
    }
    JsonPath list = given().get("/api/v1/rules").then().statusCode(200).extract().jsonPath();
    assertThat(declared).isGreaterThan(0);
    assertThat(list.getInt("count")).isEqualTo(declared);
    assertThat(list.getList("rules")).hasSize((int) declared);
    assertThat(list.getString("version")).isEqualTo(advisor.ruleset().version());
    List<String> ids = list.getList("rules.id");
    assertThat(ids).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void eachRulesLinePointsAtItsDeclaration() throws IOException {
    List<Map<String, Object>> rules =
        given().get("/api/v1/rules").then().statusCode(200).extract().jsonPath().getList("rules");
    for (Map<String, Object> rule : rules) {
      String source = (String) rule.get("source");
      int line = (Integer) rule.get("line");
      List<String> lines = Files.readAllLines(Path.of(source));
      assertThat(line).as("%s line", rule.get("id")).isBetween(1, lines.size());
      assertThat(lines.get(line - 1))
          .as("%s at %s", rule.get("id"), rule.get("location"))
          .contains("rule \"" + rule.get("title") + "\"");
      assertThat(rule.get("location")).isEqualTo(source + ":" + line);
    }
  }

  @Test
  void aFindingRuleCarriesItsMetadataAndPlace() {
    given()
        .get("/api/v1/rules/ENGINE-UNSUPPORTED-WEIGHT-FORMAT")
        .then()
        .statusCode(200)
        .body("id", equalTo("ENGINE-UNSUPPORTED-WEIGHT-FORMAT"))
        .body("title", equalTo("The engine cannot load this weight format"))
        .body("kind", equalTo("finding"))
        .body("severity", equalTo("BLOCKER"))
        .body("category", equalTo("engine"))
        .body("field", equalTo("quantization.weights"))
        .body(
            "references[0]",
            equalTo("https://docs.vllm.ai/en/v0.9.2/features/quantization/supported_hardware.html"))
        .body("remediation", startsWith("Choose a format the engine loads"))
        .body("source", equalTo("rules/engines.drl"))
        .body("line", equalTo(16))
        .body("location", equalTo("rules/engines.drl:16"))
        .body("verdict", nullValue())
        .body("derives", nullValue());
  }

  @Test
  void aVerdictRuleCarriesItsVerdictAndNoSeverity() throws IOException {
    int line =
        Files.readAllLines(Path.of("rules/verdict.drl"))
                .indexOf("rule \"A plan with any blocker or error is rejected\"")
            + 1;
    assertThat(line).isPositive();
    given()
        .get("/api/v1/rules/VERDICT-REJECTED")
        .then()
        .statusCode(200)
        .body("kind", equalTo("verdict"))
        .body("verdict", equalTo("REJECTED"))
        .body("severity", nullValue())
        .body("waivable", nullValue())
        .body("location", equalTo("rules/verdict.drl:" + line));
  }

  @Test
  void aFindingRuleSaysWhetherItMayBeWaived() {
    given()
        .get("/api/v1/rules/LICENCE-COMMERCIAL-USE-FORBIDDEN")
        .then()
        .statusCode(200)
        .body("waivable", equalTo(false));
    given().get("/api/v1/rules/SIZING-DOES-NOT-FIT").then().body("waivable", equalTo(true));
  }

  @Test
  void anIdResolvesIgnoringCaseAndPunctuation() {
    given()
        .get("/api/v1/rules/engine_unsupported_weight_format")
        .then()
        .statusCode(200)
        .body("id", equalTo("ENGINE-UNSUPPORTED-WEIGHT-FORMAT"));
  }

  @Test
  void filtersNarrowTheListAndCombine() {
    given()
        .queryParam("category", "sizing")
        .get("/api/v1/rules")
        .then()
        .statusCode(200)
        .body("rules.category", everyItem(equalTo("sizing")))
        .body("rules.id", hasItems("SIZING-DOES-NOT-FIT", "SIZING-UNDER-GUIDE-MARGIN"));
    given()
        .queryParam("kind", "verdict")
        .get("/api/v1/rules")
        .then()
        .statusCode(200)
        .body("count", equalTo(3))
        .body("rules.verdict", contains("APPROVED", "APPROVED_WITH_WARNINGS", "REJECTED"));
    JsonPath blockers =
        given()
            .queryParam("severity", "blocker")
            .queryParam("category", "sizing")
            .get("/api/v1/rules")
            .then()
            .statusCode(200)
            .body("rules.severity", everyItem(equalTo("BLOCKER")))
            .body("rules.category", everyItem(equalTo("sizing")))
            .body("rules.id", hasItem("SIZING-DOES-NOT-FIT"))
            .body("rules.id", not(hasItem("SIZING-UNDER-GUIDE-MARGIN")))
            .extract()
            .jsonPath();
    assertThat(blockers.getInt("count")).isEqualTo(blockers.getList("rules").size());
    given()
        .queryParam("kind", "derivation")
        .queryParam("severity", "INFO")
        .get("/api/v1/rules")
        .then()
        .statusCode(200)
        .body("count", equalTo(0));
  }

  @Test
  void anUnknownRuleIsA404WithTheNearestIds() {
    given()
        .get("/api/v1/rules/SIZING-DOES-NOT-FTI")
        .then()
        .statusCode(404)
        .contentType(Problem.MEDIA_TYPE)
        .body("status", equalTo(404))
        .body("errors[0].field", equalTo("id"))
        .body("errors[0].rejectedValue", equalTo("SIZING-DOES-NOT-FTI"))
        .body("errors[0].nearest[0]", equalTo("SIZING-DOES-NOT-FIT"));
  }

  @Test
  void anUnknownFilterValueIsA400NamingTheParameterAndItsValues() {
    given()
        .queryParam("severity", "SEVERE")
        .get("/api/v1/rules")
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE)
        .body("errors[0].field", equalTo("severity"))
        .body("errors[0].nearest", contains("BLOCKER", "ERROR", "WARNING", "INFO"))
        .body("detail", containsString("BLOCKER, ERROR, WARNING, INFO"));
    given()
        .queryParam("kind", "findings")
        .get("/api/v1/rules")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("kind"))
        .body("errors[0].nearest", contains("finding", "verdict", "derivation"));
    given()
        .queryParam("category", "licensing")
        .get("/api/v1/rules")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("category"))
        .body("errors[0].nearest", hasItems("licence", "sizing"));
  }

  @Test
  void bothEndpointsAreInTheOpenApiDocument() {
    given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("paths", hasKey("/api/v1/rules"))
        .body("paths", hasKey("/api/v1/rules/{id}"))
        .body(
            "paths.'/api/v1/rules'.get.parameters.name", hasItems("category", "severity", "kind"));
  }
}
