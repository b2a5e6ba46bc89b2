package dev.llmadvisor.report;

import dev.llmadvisor.plan.PlanLines;
import dev.llmadvisor.rules.RuleInfo;
import dev.llmadvisor.rules.Severity;
import java.util.List;

/**
 * What a format needs besides the report: the rules of the ruleset that produced it (SARIF lists
 * them all, JUnit has a case per rule), where the plan came from and the line of each of its
 * fields, and the severity from which a finding fails a CI gate.
 *
 * @param planUri the plan as a relative path or URI ({@code examples/plan.yaml}, {@code stdin})
 * @param failOn findings at or above this severity fail (JUnit failures, SARIF {@code error})
 */
public record Rendering(List<RuleInfo> rules, String planUri, PlanLines lines, Severity failOn) {

  /** Whether a finding of this severity fails the gate. */
  public boolean fails(Severity severity) {
    return severity.compareTo(failOn) <= 0;
  }
}
