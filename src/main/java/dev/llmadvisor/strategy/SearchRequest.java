package dev.llmadvisor.strategy;

/**
 * Asks the rules to search for a recommendation: inserted for the plan being evaluated, never for
 * the candidate plans the search verifies, so a verification does not search again.
 */
public record SearchRequest() {}
