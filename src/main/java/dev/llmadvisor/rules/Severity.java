package dev.llmadvisor.rules;

/** How bad a finding is, worst first. BLOCKER and ERROR reject a plan unless waived. */
public enum Severity {
  BLOCKER,
  ERROR,
  WARNING,
  INFO
}
