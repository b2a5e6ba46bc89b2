package dev.llmadvisor.cli;

import static dev.llmadvisor.cli.CliRun.advisor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.NamedPlans;
import dev.llmadvisor.plan.PlanHash;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.report.Report;
import dev.llmadvisor.report.SarifSchema;
import dev.llmadvisor.waiver.WaiverFile;
import dev.llmadvisor.waiver.WaiverStates;
import dev.llmadvisor.waiver.WaiverStates.State;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same plan and waiver file through {@code advisor check --waivers} (in-process) and through
 * {@link Advisor#evaluate(dev.llmadvisor.plan.DeploymentPlan, List, Instant)}, the call the server
 * makes: same verdict, same state and waiver for every finding, an expired waiver among them
 * (Kyverno's #17473 is the bug where a CLI and its server disagreed on this).
 */
class WaiversCliEqualsServerTest {
  static final Advisor SERVER = new Advisor(Path.of("rules"), Path.of("catalogues"));

  /** The Llama 2 fine-tune over 700 M monthly users of its waiver fixture. */
  static final String PLAN = NamedPlans.supportBot(NamedPlans.SUPPORT_BOT);

  /**
   * W-1 (glob, live) accepts the ERROR; W-2 expired on 2020-01-01; W-3 names this exact plan by its
   * hash; W-4 is revoked and would otherwise apply.
   */
  static String waivers(String errorWaiverExpiry) {
    String hash = PlanHash.of(PlanReader.read(PLAN, PlanReader.Format.YAML));
    return """
        waivers:
          - id: W-1
            ruleId: LICENCE-USER-THRESHOLD-EXCEEDED
            scope: {planName: "support-bot-*"}
            reason: Separate licence from Meta signed (LEG-311).
            ticket: LEG-311
            expiresAt: %s
          - id: W-2
            ruleId: LICENCE-ACCEPTABLE-USE
            scope: {planName: support-bot-eu}
            reason: Reviewed once, not renewed.
            expiresAt: 2020-01-01
          - id: W-3
            ruleId: STRATEGY-PLAN-DIFFERS-FROM-TREE
            scope: {planHash: %s}
            reason: This exact plan keeps its engine on purpose.
            expiresAt: 2099-01-01T00:00:00Z
          - id: W-4
            ruleId: LICENCE-ACCEPTABLE-USE
            scope: {planName: "*"}
            reason: Revoked the day it was made.
            expiresAt: 2099-01-01T00:00:00Z
            revokedAt: 2024-05-01T12:00:00Z
        """
        .formatted(errorWaiverExpiry, hash);
  }

  @Test
  void liveGlobAndHashWaiversApplyExpiredAndRevokedOnesDoNotInBoth(@TempDir Path dir)
      throws Exception {
    Outcome cli = cli(dir, "2099-06-30T00:00:00Z");
    Outcome server = server("2099-06-30T00:00:00Z");
    assertThat(cli).isEqualTo(server);
    // The ERROR alone rejected the plan; waived by W-1, what remains is INFO: APPROVED.
    assertThat(server.verdict()).isEqualTo("APPROVED");
    assertThat(server.states())
        .contains(
            new State(
                "LICENCE-USER-THRESHOLD-EXCEEDED",
                "waived",
                "W-1",
                false,
                "waived by W-1 until 2099-06-30 00:00 UTC: Separate licence from Meta signed"
                    + " (LEG-311)."),
            new State(
                "LICENCE-ACCEPTABLE-USE",
                "active",
                "W-2",
                true,
                "waiver W-2 expired on 2020-01-01 00:00 UTC"),
            new State(
                "STRATEGY-PLAN-DIFFERS-FROM-TREE",
                "waived",
                "W-3",
                false,
                "waived by W-3 until 2099-01-01 00:00 UTC: This exact plan keeps its engine on"
                    + " purpose."));
    // --fail-on counts only what is not waived: exit 0 with the waivers, 1 without them.
    assertThat(cli.code()).isEqualTo(ExitCodes.OK);
    assertThat(advisor("check", dir.resolve("plan.yaml").toString()).code())
        .isEqualTo(ExitCodes.FINDINGS);
  }

  @Test
  void anExpiredWaiverOnTheErrorRejectsThePlanAgainInBoth(@TempDir Path dir) throws Exception {
    Outcome cli = cli(dir, "2021-03-01");
    Outcome server = server("2021-03-01");
    assertThat(cli).isEqualTo(server);
    assertThat(server.verdict()).isEqualTo("REJECTED");
    assertThat(server.states())
        .contains(
            new State(
                "LICENCE-USER-THRESHOLD-EXCEEDED",
                "active",
                "W-1",
                true,
                "waiver W-1 expired on 2021-03-01 00:00 UTC"));
    assertThat(cli.code()).isEqualTo(ExitCodes.FINDINGS);
  }

  @Test
  void sarifKeepsWaivedFindingsAsExternalSuppressionsAndStaysValid(@TempDir Path dir)
      throws Exception {
    CliRun run = CliRun.check(dir, PLAN, waivers("2099-06-30T00:00:00Z"), "sarif");
    JsonNode log = new ObjectMapper().readTree(run.out());
    assertThat(SarifSchema.validate(log)).isEmpty();
    List<String> suppressed = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (JsonNode r : log.at("/runs/0/results")) {
      if (r.has("suppressions")) {
        JsonNode s = r.at("/suppressions/0");
        assertThat(s.get("kind").asText()).isEqualTo("external");
        suppressed.add(r.get("ruleId").asText() + " " + s.get("justification").asText());
      } else {
        kept.add(r.get("ruleId").asText());
      }
    }
    assertThat(suppressed)
        .containsExactlyInAnyOrder(
            "LICENCE-USER-THRESHOLD-EXCEEDED Separate licence from Meta signed (LEG-311).",
            "STRATEGY-PLAN-DIFFERS-FROM-TREE This exact plan keeps its engine on purpose.");
    assertThat(kept).contains("LICENCE-ACCEPTABLE-USE");
  }

  @Test
  void aWaiverOfAnUnwaivableRuleIsRefusedByTheCliWithItsField(@TempDir Path dir) throws Exception {
    String waivers =
        """
        waivers:
          - id: W-9
            ruleId: LICENCE-COMMERCIAL-USE-FORBIDDEN
            scope: {planName: support-bot-eu}
            reason: We think it is fine.
            expiresAt: 2099-01-01
        """;
    CliRun run = CliRun.check(dir, PLAN, waivers, "text");
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains("waivers.yaml: invalid waiver file")
        .contains(
            "waivers[0].ruleId: rule LICENCE-COMMERCIAL-USE-FORBIDDEN may not be waived"
                + " (@waivable(false) at rules/licensing.drl:");
    assertThat(run.out()).isEmpty();
  }

  record Outcome(int code, String verdict, List<State> states) {}

  static Outcome cli(Path dir, String expiry) throws Exception {
    CliRun run = CliRun.check(dir, PLAN, waivers(expiry), "json");
    assertThat(run.err()).isEmpty();
    WaiverStates report = WaiverStates.of(new ObjectMapper().readTree(run.out()));
    return new Outcome(run.code(), report.verdict(), report.states());
  }

  static Outcome server(String expiry) {
    Report r =
        SERVER.evaluate(
            PlanReader.read(PLAN, PlanReader.Format.YAML),
            WaiverFile.read(waivers(expiry), "waivers.yaml", SERVER.ruleset().rules().rules()),
            Instant.now());
    List<State> states = r.findings().stream().map(State::of).toList();
    // The exit code the CLI derives from the same report: 1 when an active ERROR or BLOCKER is
    // left.
    boolean fails =
        r.findings().stream()
            .anyMatch(
                f ->
                    f.active() && f.severity().compareTo(dev.llmadvisor.rules.Severity.ERROR) <= 0);
    return new Outcome(fails ? ExitCodes.FINDINGS : ExitCodes.OK, r.verdict().name(), states);
  }
}
