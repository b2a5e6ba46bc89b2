package dev.llmadvisor.waiver;

/**
 * The fact waivers' scopes are matched against: the evaluated plan's name and its {@link
 * dev.llmadvisor.plan.PlanHash}. A recommendation candidate keeps the plan's name and has no hash:
 * it is not the plan that was submitted.
 */
public record PlanIdentity(String name, String hash) {}
