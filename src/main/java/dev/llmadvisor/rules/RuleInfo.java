package dev.llmadvisor.rules;

import java.util.List;

/**
 * A rule as its metadata describes it. Finding rules carry id, severity, category, remediation and
 * references; verdict rules carry an id and the verdict they decide.
 */
public record RuleInfo(
    String id,
    String name,
    Severity severity,
    String category,
    String remediation,
    List<String> references,
    String field,
    Verdict verdict,
    String source) {}
