package dev.llmadvisor.strategy;

/**
 * The decision tree's choice for a plan, inserted by a rule of {@code rules/strategy.drl}.
 *
 * @param strategyId the catalogue id of the strategy chosen
 * @param why the reason, in words with the plan's numbers
 * @param decidedBy the id of the rule that chose it
 */
public record Recommendation(String strategyId, String why, String decidedBy) {}
