package dev.llmadvisor.strategy;

/**
 * One step of the decision tree's order for a plan, inserted by a rule of {@code
 * rules/strategy.drl}: the strategy to try at this rank, why the tree ranks it there, and the rule
 * that said so. The search tries strategies by rank and recommends the first that passes.
 *
 * @param rank 1 for the tree's first choice
 * @param because the reason, in words with the plan's numbers
 * @param decidedBy the id of the rule that ranked it
 */
public record StrategyPreference(String strategyId, int rank, String because, String decidedBy) {}
