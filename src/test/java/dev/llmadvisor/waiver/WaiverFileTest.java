package dev.llmadvisor.waiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.plan.PlanHash;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.rules.RuleBase;
import dev.llmadvisor.rules.RuleInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the waiver file strictly, scopes, and the plan hash their planHash scope names. */
class WaiverFileTest {
  static final List<RuleInfo> RULES = RuleBase.compile(Path.of("rules")).rules();

  static List<FieldError> errors(String yaml) {
    try {
      WaiverFile.read(yaml, "w.yaml", RULES);
    } catch (InvalidWaiversException e) {
      return e.errors();
    }
    throw new AssertionError("expected the file to be refused");
  }

  @Test
  void aValidFileReadsAndWritesBackTheSame() {
    String yaml =
        """
        waivers:
          - id: W-1
            ruleId: SIZING-DOES-NOT-FIT
            scope: {planName: "chat-*"}
            reason: Measured on the real cluster.
            ticket: OPS-7
            approvedBy: alice
            expiresAt: 2027-01-31T00:00:00Z
          - id: W-2
            ruleId: PARALLELISM-IDLE-GPUS
            scope: {planHash: %s}
            reason: The spare GPUs host a draft model.
            expiresAt: 2027-02-01
            revokedAt: 2026-12-24T10:00:00+01:00
        """
            .formatted("a".repeat(64));
    List<Waiver> read = WaiverFile.read(yaml, "w.yaml", RULES);
    assertThat(read)
        .containsExactly(
            new Waiver(
                "W-1",
                "SIZING-DOES-NOT-FIT",
                WaiverScope.ofName("chat-*"),
                "Measured on the real cluster.",
                "OPS-7",
                "alice",
                Instant.parse("2027-01-31T00:00:00Z"),
                null),
            new Waiver(
                "W-2",
                "PARALLELISM-IDLE-GPUS",
                WaiverScope.ofHash("a".repeat(64)),
                "The spare GPUs host a draft model.",
                null,
                null,
                // a date is midnight UTC at the start of that day
                Instant.parse("2027-02-01T00:00:00Z"),
                // 10:00 at +01:00 is 09:00 UTC
                Instant.parse("2026-12-24T09:00:00Z")));
    assertThat(WaiverFile.read(WaiverFile.write(read), "export.yaml", RULES)).isEqualTo(read);
  }

  @Test
  void eachProblemNamesItsField() {
    List<FieldError> errors =
        errors(
            """
            waivers:
              - id: W-1
                ruleId: SIZING-DOES-NOT-FITT
                scope: {planName: a, planHash: b}
                reason: " "
                expiresAt: next year
                expires: 2027-01-01
              - id: W-1
                ruleId: VERDICT-REJECTED
                scope: {planHash: ABC}
                reason: r
            """);
    assertThat(errors)
        .extracting(e -> e.field() + ": " + e.message())
        .contains(
            "waivers[0].expires: unknown field; known: [id, ruleId, scope, reason, ticket,"
                + " approvedBy, expiresAt, revokedAt]",
            "waivers[0].ruleId: unknown rule id",
            "waivers[0].scope: give planName or planHash, not both",
            "waivers[0].reason: must not be blank",
            "waivers[0].expiresAt: must be an ISO-8601 instant with its offset"
                + " (2027-01-31T00:00:00Z) or a date (2027-01-31, midnight UTC)",
            "waivers[1].ruleId: is a verdict rule; only finding rules' findings are waived",
            "waivers[1].scope.planHash: must be a SHA-256 in lower-case hex (64 characters), as"
                + " reports give it",
            "waivers[1].expiresAt: required");
    assertThat(errors.stream().filter(e -> e.field().equals("waivers[0].ruleId")).findFirst())
        .get()
        .extracting(FieldError::nearest)
        .asList()
        .first()
        .isEqualTo("SIZING-DOES-NOT-FIT");
  }

  @Test
  void aRuleThatMayNotBeWaivedIsRefused() {
    assertThat(
            errors(
                """
                waivers:
                  - id: W-1
                    ruleId: LICENCE-REDISTRIBUTION-FORBIDDEN
                    scope: {planName: x}
                    reason: r
                    expiresAt: 2099-01-01
                """))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("waivers[0].ruleId");
              assertThat(e.message())
                  .startsWith(
                      "rule LICENCE-REDISTRIBUTION-FORBIDDEN may not be waived (@waivable(false) at"
                          + " rules/licensing.drl:");
            });
  }

  @Test
  void aFileWithoutTheWaiversListOrNotYamlIsRefused() {
    assertThat(errors("other: 1\n")).extracting(FieldError::field).containsExactly("waivers");
    assertThatThrownBy(() -> WaiverFile.read("waivers: [", "w.yaml", RULES))
        .isInstanceOf(InvalidWaiversException.class)
        .hasMessageStartingWith("w.yaml: not YAML at line");
  }

  @Test
  void onlyTheLicenceBlockersAreUnwaivable() {
    assertThat(RULES.stream().filter(r -> r.kind().label().equals("finding") && !r.waivable()))
        .extracting(RuleInfo::id)
        .containsExactlyInAnyOrder(
            "LICENCE-COMMERCIAL-USE-FORBIDDEN",
            "LICENCE-PRODUCTION-USE-FORBIDDEN",
            "LICENCE-REDISTRIBUTION-FORBIDDEN");
  }

  @Test
  void aGlobScopeMatchesNamesWithStarAndQuestionMarkOnly() {
    WaiverScope scope = WaiverScope.ofName("support-bot-*");
    assertThat(scope.covers(new PlanIdentity("support-bot-eu", null))).isTrue();
    assertThat(scope.covers(new PlanIdentity("support-bot-", null))).isTrue();
    assertThat(scope.covers(new PlanIdentity("support-bot", null))).isFalse();
    assertThat(scope.covers(new PlanIdentity("old-support-bot-eu", null))).isFalse();
    assertThat(scope.covers(new PlanIdentity(null, null))).isFalse();
    WaiverScope one = WaiverScope.ofName("chat-v?.prod");
    assertThat(one.covers(new PlanIdentity("chat-v2.prod", null))).isTrue();
    assertThat(one.covers(new PlanIdentity("chat-v10.prod", null))).isFalse();
    // "." is a character, not a regular expression
    assertThat(one.covers(new PlanIdentity("chat-v2xprod", null))).isFalse();
    // an exact name is a glob without wildcards
    assertThat(WaiverScope.ofName("chat").covers(new PlanIdentity("chat", "h"))).isTrue();
    // a hash scope needs the hash; a candidate (no hash) is never covered by one
    WaiverScope hash = WaiverScope.ofHash("a".repeat(64));
    assertThat(hash.covers(new PlanIdentity("chat", "a".repeat(64)))).isTrue();
    assertThat(hash.covers(new PlanIdentity("chat", null))).isFalse();
  }

  @Test
  void thePlanHashIsOfTheCanonicalPlanWhateverItsSyntax() {
    DeploymentPlan yaml =
        PlanReader.read(
            """
            # a comment
            hardware: {gpu: H100-SXM-80GB}
            model: {id: meta-llama/Llama-3.1-8B-Instruct}
            """,
            PlanReader.Format.YAML);
    DeploymentPlan json =
        PlanReader.read(
            "{\"model\": {\"id\": \"meta-llama/Llama-3.1-8B-Instruct\"},"
                + " \"hardware\": {\"gpu\": \"H100-SXM-80GB\"}}",
            PlanReader.Format.JSON);
    assertThat(PlanHash.canonical(yaml))
        .isEqualTo(
            "{\"hardware\":{\"gpu\":\"H100-SXM-80GB\"},"
                + "\"model\":{\"id\":\"meta-llama/Llama-3.1-8B-Instruct\"}}");
    assertThat(PlanHash.of(yaml)).isEqualTo(PlanHash.of(json)).matches("[0-9a-f]{64}");
    DeploymentPlan other =
        PlanReader.read(
            "{\"model\": {\"id\": \"meta-llama/Llama-3.1-8B-Instruct\"},"
                + " \"hardware\": {\"gpu\": \"A100-SXM-80GB\"}}",
            PlanReader.Format.JSON);
    assertThat(PlanHash.of(other)).isNotEqualTo(PlanHash.of(yaml));
  }
}
