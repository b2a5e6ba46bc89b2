package dev.llmadvisor.rules;

/** The decision on a plan, reached by the rules in {@code rules/verdict.drl}. */
public enum Verdict {
  REJECTED,
  APPROVED_WITH_WARNINGS,
  APPROVED
}
