package dev.llmadvisor.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.PlanLines;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.rules.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each format of one report, byte for byte, against a golden file under {@code
 * src/test/resources/golden/}: a fixed two-rule set (with characters to escape in its texts) over
 * {@code examples/llama-70b-fp8-one-h100.yaml}. Ids, times and the ruleset hash are masked. After a
 * deliberate format change: {@code ./mvnw -q test -Dtest=GoldenFilesTest
 * -Dadvisor.update-golden=true}.
 */
class GoldenFilesTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");
  static final Path PLAN = Path.of("examples/llama-70b-fp8-one-h100.yaml");
  static final Advisor ADVISOR = new Advisor(GOLDEN.resolve("rules"), Path.of("catalogues"));

  @ParameterizedTest
  @EnumSource(
      value = ReportFormat.class,
      names = {"JSON", "TEXT", "MARKDOWN", "SARIF", "JUNIT"})
  void eachFormatMatchesItsGoldenFile(ReportFormat format) throws Exception {
    String text = Files.readString(PLAN);
    Evaluated evaluated =
        new Evaluated(
            ADVISOR.evaluate(text, PlanReader.Format.YAML),
            PLAN.toString(),
            PlanLines.of(text, PlanReader.Format.YAML));
    String rendered =
        masked(
            format.render(
                List.of(evaluated),
                new Rendering(ADVISOR.ruleset().rules().rules(), Severity.ERROR)));
    if (format == ReportFormat.JSON) {
      // When it was evaluated and when the ruleset was loaded.
      rendered =
          rendered.replaceAll(
              "\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z\"", "\"<time>\"");
    }
    Path golden =
        GOLDEN.resolve(
            "report."
                + switch (format) {
                  case JSON -> "json";
                  case TEXT -> "txt";
                  case MARKDOWN -> "md";
                  case SARIF -> "sarif";
                  default -> "xml";
                });
    if (Boolean.getBoolean("advisor.update-golden")) {
      Files.writeString(golden, rendered);
    }
    if (format == ReportFormat.JSON) {
      // The same JSON value: performance.inputs is an unordered map (Map.copyOf), so the order of
      // its keys changes from one JVM to the next; every other object keeps its order.
      ObjectMapper json = new ObjectMapper();
      assertThat(json.readTree(rendered))
          .as("JSON differs from %s", golden)
          .isEqualTo(json.readTree(Files.readString(golden)));
      assertThat(rendered.replaceAll("\\s+", "").length())
          .isEqualTo(Files.readString(golden).replaceAll("\\s+", "").length());
      return;
    }
    assertThat(rendered)
        .as(
            "%s differs from %s; after a deliberate change: ./mvnw -q test"
                + " -Dtest=GoldenFilesTest -Dadvisor.update-golden=true",
            format, golden)
        .isEqualTo(Files.readString(golden));
  }

  /** Decision ids and ruleset hashes differ on every run or rule edit. */
  static String masked(String s) {
    return s.replaceAll(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<decision-id>")
        .replaceAll("sha256:[0-9a-f]+", "sha256:<ruleset>");
  }
}
