package dev.llmadvisor.waiver;

import dev.llmadvisor.rules.Finding;
import dev.llmadvisor.rules.Severity;

/**
 * Inserted by {@code VERDICT-DERIVE-ACTIVE-FINDING}: a finding no live waiver accepts, which the
 * verdict rules count. Its own fact, so the verdict rules stay flat patterns ({@code exists
 * ActiveFinding( severity == ERROR )}).
 */
public record ActiveFinding(Finding finding, Severity severity) {
  public ActiveFinding(Finding finding) {
    this(finding, finding.severity());
  }
}
