package dev.llmadvisor.importer;

/**
 * A value an importer chose because its source did not say it exactly: the plan field, the value
 * put there, and why. An overlay that sets the field replaces the assumption.
 */
public record Assumption(String field, Object value, String why) {}
