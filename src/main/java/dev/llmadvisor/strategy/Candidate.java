package dev.llmadvisor.strategy;

import dev.llmadvisor.catalogue.Strategy;
import dev.llmadvisor.performance.Performance;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.sizing.Sizing;

/**
 * The plan as it would be under one strategy of the decision tree, on the plan's own GPUs and
 * parallelism, with its sizing and speed computed the same way as the plan's. Rules compare
 * candidates to choose the recommendation; {@code problem} says why a strategy could not be sized.
 *
 * @param strategyId the strategy's catalogue id (rules match on it)
 * @param fits weights, engine memory and one sequence of maxModelLen fit on each GPU
 * @param servesWorkload memory holds the workload's concurrent requests at its lengths
 */
public record Candidate(
    String strategyId,
    Strategy strategy,
    ResolvedPlan resolved,
    Sizing sizing,
    Performance performance,
    boolean fits,
    boolean servesWorkload,
    String problem) {

  public String engine() {
    return resolved == null ? null : resolved.engine().id();
  }
}
