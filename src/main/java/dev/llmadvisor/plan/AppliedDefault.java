package dev.llmadvisor.plan;

/**
 * A value the plan left out (or spelled differently) and what the advisor used instead, and why.
 */
public record AppliedDefault(String field, Object value, String reason) {}
