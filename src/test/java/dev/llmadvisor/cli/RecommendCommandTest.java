package dev.llmadvisor.cli;

import static dev.llmadvisor.cli.CliRun.advisor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code advisor recommend} on the guide's consumer-GPU request, and on requests it refuses. */
class RecommendCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theConsumerRequestGivesAFrontOfPassingDeployments() throws Exception {
    CliRun run = advisor("recommend", "requests/llama-8b-consumer.yaml", "--format", "json");
    assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
    JsonNode result = JSON.readTree(run.out());
    // Two GPU types × up to two cards, every engine and format that serves them
    // (docs/recommend.md).
    assertThat(result.get("candidatesEvaluated").asInt()).isEqualTo(144);
    assertThat(result.get("front")).isNotEmpty();
    for (JsonNode entry : result.get("front")) {
      assertThat(entry.get("verdict").asText()).isIn("APPROVED", "APPROVED_WITH_WARNINGS");
    }
  }

  @Test
  void anUnknownModelIsExitTwoWithTheProblemOnStdout(@TempDir Path dir) throws Exception {
    Path request = dir.resolve("request.yaml");
    Files.writeString(request, "name: x\nmodel: {id: meta-llama/Llama-3.1-8B-Instrukt}\n");
    CliRun run = advisor("recommend", request.toString(), "--format", "json");
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("nearest: meta-llama/Llama-3.1-8B-Instruct");
    JsonNode problem = JSON.readTree(run.out());
    assertThat(problem.get("status").asInt()).isEqualTo(422);
    assertThat(problem.get("errors").findValuesAsText("field")).contains("model.id");

    CliRun missing = advisor("recommend", dir.resolve("none.yaml").toString(), "--format", "json");
    assertThat(missing.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(JSON.readTree(missing.out()).get("type").asText()).endsWith("/unreadable-input");
  }
}
