package dev.llmadvisor.report;

import dev.llmadvisor.performance.Performance;
import dev.llmadvisor.plan.AppliedDefault;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.rules.Finding;
import dev.llmadvisor.rules.Severity;
import dev.llmadvisor.rules.Verdict;
import dev.llmadvisor.sizing.Sizing;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer to one evaluation (PRODUCT §3); the field names are public API.
 *
 * @param verdictDecidedBy the verdict rule that decided
 * @param counts findings per severity, every severity present
 * @param plan the plan as evaluated, every default filled in
 * @param defaultsApplied what the plan left out and what was assumed instead
 */
public record Report(
    String decisionId,
    Instant evaluatedAt,
    String planName,
    Verdict verdict,
    String verdictDecidedBy,
    Map<Severity, Long> counts,
    List<Finding> findings,
    Sizing sizing,
    Performance performance,
    DeploymentPlan plan,
    List<AppliedDefault> defaultsApplied,
    RulesetInfo ruleset) {

  /** Which rules and catalogues produced this report: a content hash of both. */
  public record RulesetInfo(String version, int rules, Instant loadedAt) {}
}
