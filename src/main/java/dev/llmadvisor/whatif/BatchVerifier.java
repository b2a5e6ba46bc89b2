package dev.llmadvisor.whatif;

import dev.llmadvisor.performance.Performance;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.sizing.Sizing;
import java.util.List;

/**
 * Evaluates candidate plans under the serving ruleset; the evaluation layer implements it (this
 * package does not know the rule engine).
 */
public interface BatchVerifier {

  /** A candidate resolved and sized, ready for the rules. */
  record Sized(ResolvedPlan resolved, Sizing sizing, Performance performance) {}

  /**
   * The rules' answer for one plan.
   *
   * @param verdict {@code APPROVED}, {@code APPROVED_WITH_WARNINGS} or {@code REJECTED}
   * @param stoppedBy ids of the BLOCKER and ERROR findings, sorted; empty unless rejected
   * @param warnings ids of the WARNING findings, sorted
   */
  record Verification(String verdict, List<String> stoppedBy, List<String> warnings) {
    public boolean passes() {
      return !"REJECTED".equals(verdict);
    }
  }

  /**
   * Each candidate through the whole ruleset (without the recommendation search, which decides
   * nothing that rejects a plan), in the order given; candidates may be evaluated in parallel.
   */
  List<Verification> verifyAll(List<Sized> candidates);

  /** One plan exactly as {@code POST /api/v1/evaluations} evaluates it (without waivers). */
  Verification evaluate(DeploymentPlan plan);
}
