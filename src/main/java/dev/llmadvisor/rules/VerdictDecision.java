package dev.llmadvisor.rules;

/** Inserted by a verdict rule; exactly one per evaluation, or the rule set is incomplete. */
public record VerdictDecision(Verdict verdict, String decidedBy) {}
