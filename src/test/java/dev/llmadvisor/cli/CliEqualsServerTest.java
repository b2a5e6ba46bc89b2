package dev.llmadvisor.cli;

import static dev.llmadvisor.cli.CliRun.advisor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.api.Api;
import dev.llmadvisor.fixtures.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line and the server never disagree: every example and every fixture plan, checked by
 * {@code advisor check --format json --waivers} (the server's waivers, exported) in one run and
 * posted to {@code POST /api/v1/evaluations}, gets the same plan hash, the same verdict, decided by
 * the same rule, and the same findings (rule, severity, state, message), in the same order.
 */
@QuarkusTest
class CliEqualsServerTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyExampleAndFixtureGetsTheSameReportFromTheCliAndTheServer(@TempDir Path dir)
      throws IOException {
    List<Path> plans = new ArrayList<>();
    try (Stream<Path> examples = Files.list(Path.of("examples"))) {
      for (Path e : examples.sorted().toList()) {
        plans.add(Files.copy(e, dir.resolve("example-" + e.getFileName())));
      }
    }
    for (Path f : Fixtures.files(Path.of("rules/tests"))) {
      String name = "fixture-" + f.getParent().getFileName() + "-" + f.getFileName();
      plans.add(Files.writeString(dir.resolve(name), Fixtures.planYaml(Fixtures.read(f))));
    }
    // The waivers the server holds (other tests of this run may have recorded some), as
    // GET /api/v1/waivers exports them for advisor check --waivers: same plan, rules and waivers.
    Path waivers =
        Files.writeString(
            dir.resolve("waivers.txt"),
            given()
                .accept("application/yaml")
                .get("/api/v1/waivers")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    // One run over the folder, as a CI job checks a repository: its plans in name order.
    CliRun run =
        advisor(
            "check",
            "--format",
            "json",
            "--fail-on",
            "blocker",
            "--waivers",
            waivers.toString(),
            dir.toString());
    assertThat(run.code()).as(run.err()).isIn(ExitCodes.OK, ExitCodes.FINDINGS);
    JsonNode cli = JSON.readTree(run.out());
    List<Path> sorted = plans.stream().sorted().toList();
    assertThat(cli.size()).isEqualTo(sorted.size());

    for (int i = 0; i < sorted.size(); i++) {
      Path plan = sorted.get(i);
      String type = plan.toString().endsWith(".json") ? Api.JSON : Api.YAML;
      JsonNode server =
          JSON.readTree(
              Api.evaluate(type, Files.readString(plan)).statusCode(200).extract().asString());
      JsonNode local = cli.get(i);
      String name = plan.getFileName().toString();
      assertThat(local.get("planHash")).as(name).isEqualTo(server.get("planHash"));
      assertThat(local.get("verdict")).as(name).isEqualTo(server.get("verdict"));
      assertThat(local.get("verdictDecidedBy")).as(name).isEqualTo(server.get("verdictDecidedBy"));
      assertThat(findings(local)).as(name).isEqualTo(findings(server)).isNotEmpty();
    }
  }

  /** Each finding as rule, severity, state and message. */
  static List<String> findings(JsonNode report) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : report.get("findings")) {
      out.add(
          String.join(
              " | ",
              f.get("ruleId").asText(),
              f.get("severity").asText(),
              f.get("state").asText(),
              f.get("message").asText()));
    }
    return out;
  }
}
