package dev.llmadvisor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.report.SarifSchema;
import dev.llmadvisor.rules.RuleKind;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The report's other formats, chosen by {@code Accept}: SARIF that validates against the OASIS
 * schema, JUnit XML with a case per rule, Markdown for a review ticket, plain text.
 */
@QuarkusTest
class FormatNegotiationTest {
  static final Path PLAN = Path.of("examples/llama-70b-fp8-one-h100.yaml");
  static final ObjectMapper JSON = new ObjectMapper();

  @Inject Advisor advisor;

  static ValidatableResponse post(String accept, String query) throws Exception {
    return given()
        .contentType(Api.YAML)
        .accept(accept)
        .body(Files.readAllBytes(PLAN))
        .when()
        .post("/api/v1/evaluations" + query)
        .then();
  }

  long findingRules() {
    return advisor.ruleset().rules().rules().stream()
        .filter(r -> r.kind() == RuleKind.FINDING)
        .count();
  }

  @Test
  void sarifValidatesAgainstTheSchemaAndPointsAtTheFieldsLine() throws Exception {
    String sarif =
        post("application/sarif+json", "")
            .statusCode(200)
            .contentType("application/sarif+json")
            .extract()
            .asString();
    JsonNode log = JSON.readTree(sarif);

    assertThat(SarifSchema.validate(log)).isEmpty();

    JsonNode run = log.at("/runs/0");
    assertThat(run.at("/tool/driver/rules").size()).isEqualTo(findingRules());
    assertThat(run.at("/results").size()).isEqualTo(6);
    // One is the "Built with Llama" the production service owes (Llama 3.1 §1.b.i).
    assertThat(run.at("/results").findValuesAsText("ruleId"))
        .contains("LICENCE-ATTRIBUTION-DUTIES");
    JsonNode blocker = run.at("/results/0");
    assertThat(blocker.at("/ruleId").asText()).isEqualTo("SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE");
    assertThat(blocker.at("/level").asText()).isEqualTo("error");
    // The finding is about engine.maxModelLen, on line 7 of the example.
    assertThat(Files.readAllLines(PLAN).get(6)).startsWith("engine: {maxModelLen: 8192}");
    assertThat(blocker.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(7);
    // The driver's rule at ruleIndex is the result's rule.
    assertThat(run.at("/tool/driver/rules/" + blocker.at("/ruleIndex").asInt() + "/id").asText())
        .isEqualTo("SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE");
    assertThat(run.at("/results/1/level").asText()).isEqualTo("warning");
  }

  @Test
  void aSarifDocumentMissingItsVersionIsRefusedByTheSameSchema() throws Exception {
    // The validator is not vacuous: the same document without its required version fails.
    String sarif = post("application/sarif+json", "").extract().asString();
    com.fasterxml.jackson.databind.node.ObjectNode log =
        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(sarif);
    log.remove("version");
    assertThat(SarifSchema.validate(log)).isNotEmpty();
  }

  @Test
  void junitHasOneCasePerRuleAndFailsThoseAtOrAboveTheGate() throws Exception {
    Document byDefault = xml(post("application/xml", "").statusCode(200).extract().asString());
    NodeList cases = byDefault.getElementsByTagName("testcase");
    assertThat((long) cases.getLength()).isEqualTo(findingRules());
    // One BLOCKER fails at the default gate (error) ...
    assertThat(failedCases(byDefault))
        .containsExactly(
            "SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE: The KV cache cannot hold one sequence of"
                + " maxModelLen, so the engine refuses to start");
    // ... and the two warnings join it at --fail-on warning.
    Document strict = xml(post("application/xml", "?failOn=warning").extract().asString());
    assertThat(failedCases(strict)).hasSize(3);
  }

  @Test
  void markdownIsAReviewTicketWithTheMemoryFiguresInATable() throws Exception {
    String md = post("text/markdown", "").statusCode(200).extract().asString();

    assertThat(md)
        .startsWith("# Deployment review: llama-70b-single-h100 — **REJECTED**")
        .contains("| weights | 67.67 GiB |")
        .contains("| KV capacity (one replica) | 4,288 tokens |")
        .contains("| BLOCKER | `SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE` |")
        .contains("## Recommendation: FP8 W8A8 weights and activations, FP8 KV cache")
        .contains("--kv_cache_dtype fp8")
        .contains("| strategy | engine | engine settings | KV cache | TP × PP | outcome |")
        .contains("| fp8-w8a8 | tensorrt-llm | release-defaults | fp8 | 1 × 1 | passes |");
  }

  @Test
  void plainTextIsForATerminal() throws Exception {
    assertThat(post("text/plain", "").statusCode(200).extract().asString())
        .startsWith(
            "llama-70b-single-h100: REJECTED\n  BLOCKER SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE");
  }

  @Test
  void anUnknownGateOrFormatIsRefused() throws Exception {
    post("application/json", "?failOn=sometimes").statusCode(400);
    post("image/png", "").statusCode(406);
  }

  static Document xml(String text) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  static List<String> failedCases(Document junit) {
    NodeList cases = junit.getElementsByTagName("testcase");
    List<String> failed = new java.util.ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      if (c.getElementsByTagName("failure").getLength() > 0) {
        failed.add(c.getAttribute("name"));
      }
    }
    return failed;
  }
}
