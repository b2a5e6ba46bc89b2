package dev.llmadvisor.strategy;

import java.util.List;

/**
 * Evaluates a candidate plan under the same ruleset as the plan it is searched for. The evaluation
 * layer implements it (the strategy package does not know the rule engine).
 */
@FunctionalInterface
public interface Verifier {

  /**
   * @param passes the rules' verdict is not {@code REJECTED}
   * @param stoppedBy ids of the BLOCKER and ERROR findings, sorted; empty when it passes
   */
  record Verification(boolean passes, List<String> stoppedBy) {}

  Verification verify(Candidate candidate);
}
