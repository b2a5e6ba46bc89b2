package dev.llmadvisor.report;

import dev.llmadvisor.licence.LicenceReport;
import dev.llmadvisor.performance.Performance;
import dev.llmadvisor.plan.AppliedDefault;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.rules.Finding;
import dev.llmadvisor.rules.Severity;
import dev.llmadvisor.rules.Verdict;
import dev.llmadvisor.sizing.Sizing;
import dev.llmadvisor.strategy.RecommendationReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer to one evaluation (docs/plan.md, "The report"); the field names are public API.
 *
 * @param planHash SHA-256 of the plan as submitted ({@link dev.llmadvisor.plan.PlanHash}): what a
 *     waiver scoped by {@code planHash} names
 * @param verdictDecidedBy the id of the verdict rule that decided (VERDICT-REJECTED …)
 * @param counts active (unwaived) findings per severity, every severity present
 * @param findings every finding, waived ones included with their state and waiver
 * @param licence the terms that bind the served model, through every component
 * @param recommendation the decision tree's strategy and its commands; null when the tree has no
 *     branch for the plan's GPU
 * @param plan the plan as evaluated, every default filled in
 * @param defaultsApplied what the plan left out and what was assumed instead
 * @param rulesFired ids of every rule that fired, derivations and verdict included
 */
public record Report(
    String decisionId,
    Instant evaluatedAt,
    String planName,
    String planHash,
    Verdict verdict,
    String verdictDecidedBy,
    Map<Severity, Long> counts,
    List<Finding> findings,
    Sizing sizing,
    Performance performance,
    LicenceReport licence,
    RecommendationReport recommendation,
    DeploymentPlan plan,
    List<AppliedDefault> defaultsApplied,
    List<String> rulesFired,
    RulesetInfo ruleset) {

  /** Which rules and catalogues produced this report: a content hash of both. */
  public record RulesetInfo(String version, int rules, Instant loadedAt) {}
}
