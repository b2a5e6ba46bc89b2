package dev.llmadvisor.strategy;

/**
 * The decision tree's choice for a plan: the first candidate, in the tree's order, that passes
 * every BLOCKER and ERROR rule. Inserted by a rule of {@code rules/strategy.drl} from the search.
 *
 * @param strategyId the catalogue id of the strategy chosen
 * @param why the reason, in words with the plan's numbers
 * @param decidedBy the id of the rule that ranked the strategy first among those that pass
 * @param candidate the verified plan
 */
public record Recommendation(String strategyId, String why, String decidedBy, Candidate candidate) {

  public boolean fits() {
    return candidate.sizing().weightsFit() && candidate.sizing().fitsOneSequence();
  }

  public boolean servesWorkload() {
    return fits()
        && candidate.sizing().concurrentSequencesAtWorkload()
            >= candidate.plan().workload().concurrentRequests();
  }
}
