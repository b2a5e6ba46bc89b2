package dev.llmadvisor.report;

import dev.llmadvisor.rules.Finding;
import dev.llmadvisor.rules.RuleInfo;
import dev.llmadvisor.rules.Severity;
import java.util.List;

/**
 * What a format needs besides the reports: the rules of the ruleset that produced them (SARIF lists
 * them all, JUnit has a case per rule) and the severity from which a finding fails a CI gate.
 *
 * @param failOn findings at or above this severity fail (JUnit failures, SARIF {@code error})
 */
public record Rendering(List<RuleInfo> rules, Severity failOn) {

  /** Whether a finding of this severity fails the gate. */
  public boolean fails(Severity severity) {
    return severity.compareTo(failOn) <= 0;
  }

  /** Whether a finding fails the gate: active (not waived) and at or above {@code failOn}. */
  public boolean fails(Finding finding) {
    return finding.active() && fails(finding.severity());
  }
}
