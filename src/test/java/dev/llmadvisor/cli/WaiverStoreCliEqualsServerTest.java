package dev.llmadvisor.cli;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.api.Waivers;
import dev.llmadvisor.plan.NamedPlans;
import dev.llmadvisor.waiver.WaiverStates;
import dev.llmadvisor.waiver.WaiverStates.State;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's stored waivers, exported by {@code GET /api/v1/waivers} as YAML, given to {@code
 * advisor check --waivers} (in-process): the same verdict and the same state and waiver for every
 * finding as the server's evaluation, with a live waiver and a revoked one among them.
 */
@QuarkusTest
class WaiverStoreCliEqualsServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theExportedWaiverFileGivesTheCliTheServersVerdictAndFindingStates(@TempDir Path dir)
      throws Exception {
    String name = "support-bot-" + UUID.randomUUID();
    String plan = NamedPlans.supportBot(name);
    Instant expiry = Instant.now().plus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    String live =
        Waivers.create(Waivers.waiver("LICENCE-USER-THRESHOLD-EXCEEDED", name, expiry))
            .statusCode(201)
            .extract()
            .path("id");
    String revoked =
        Waivers.create(Waivers.waiver("LICENCE-ACCEPTABLE-USE", name, expiry))
            .statusCode(201)
            .extract()
            .path("id");
    Waivers.asReviewer().delete("/api/v1/waivers/{id}", revoked).then().statusCode(200);

    String report =
        given()
            .contentType("application/yaml")
            .body(plan.getBytes(StandardCharsets.UTF_8))
            .post("/api/v1/evaluations")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    WaiverStates server = WaiverStates.of(JSON.readTree(report));

    String file =
        given()
            .accept("application/yaml")
            .get("/api/v1/waivers")
            .then()
            .statusCode(200)
            .contentType("application/yaml")
            .extract()
            .asString();
    assertThat(file).startsWith("waivers:").contains("id: " + live, "id: " + revoked);
    CliRun run = CliRun.check(dir, plan, file, "json");
    assertThat(run.err()).isEmpty();
    WaiverStates cli = WaiverStates.of(JSON.readTree(run.out()));

    assertThat(cli).isEqualTo(server);
    // The ERROR alone rejected the plan: waived by the live waiver, the plan is approved.
    assertThat(server.verdict()).isEqualTo("APPROVED");
    assertThat(server.states())
        .contains(
            new State(
                "LICENCE-USER-THRESHOLD-EXCEEDED",
                "waived",
                live,
                false,
                "waived by "
                    + live
                    + " until "
                    + expiry.toString().replace("T", " ").substring(0, 16)
                    + " UTC: Separate licence from Meta signed (LEG-311)."),
            // revoked: neither applied nor reported as expired
            new State("LICENCE-ACCEPTABLE-USE", "active", null, false, null));
    assertThat(run.code()).isEqualTo(ExitCodes.OK);
  }
}
