package dev.llmadvisor.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.PlanLines;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.rules.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several plans in one document, as a CI gate over a directory of plans writes them. */
class SeveralPlansReportTest {
  static final Advisor ADVISOR = new Advisor(Path.of("rules"), Path.of("catalogues"));
  static final List<Path> PLANS =
      List.of(
          Path.of("examples/llama-70b-fp8-one-h100.yaml"),
          Path.of("examples/merge-of-merges.yaml"));

  static List<Evaluated> evaluated() throws Exception {
    List<Evaluated> out = new java.util.ArrayList<>();
    for (Path p : PLANS) {
      String text = Files.readString(p);
      out.add(
          new Evaluated(
              ADVISOR.evaluate(text, PlanReader.Format.YAML),
              p.toString(),
              PlanLines.of(text, PlanReader.Format.YAML)));
    }
    return out;
  }

  static final Rendering AT_ERROR =
      new Rendering(ADVISOR.ruleset().rules().rules(), Severity.ERROR);

  @Test
  void junitHasOneSuitePerPlan() throws Exception {
    String xml = ReportFormat.JUNIT.render(evaluated(), AT_ERROR);

    assertThat(xml)
        .contains("<testsuite name=\"examples/llama-70b-fp8-one-h100.yaml\"")
        .contains("<testsuite name=\"examples/merge-of-merges.yaml\"");
    // One BLOCKER in each plan fails at the error gate.
    assertThat(xml).contains("failures=\"2\">");
  }

  @Test
  void sarifHasOneRunWithEveryPlansResultsAtItsOwnFile() throws Exception {
    JsonNode run =
        new ObjectMapper().readTree(ReportFormat.SARIF.render(evaluated(), AT_ERROR)).at("/runs/0");

    assertThat(run.at("/properties/plans").size()).isEqualTo(2);
    List<String> uris =
        run.at("/results").findValues("uri").stream().map(JsonNode::asText).distinct().toList();
    assertThat(uris)
        .containsExactly("examples/llama-70b-fp8-one-h100.yaml", "examples/merge-of-merges.yaml");
    // The licence blocker of the merge is about usage.commercial, on line 24 of that file.
    JsonNode licence =
        run.at("/results").findParents("ruleId").stream()
            .filter(r -> r.get("ruleId").asText().equals("LICENCE-COMMERCIAL-USE-FORBIDDEN"))
            .findFirst()
            .orElseThrow();
    assertThat(Files.readAllLines(PLANS.get(1)).get(23)).startsWith("usage: {commercial: true");
    assertThat(licence.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(24);
  }
}
