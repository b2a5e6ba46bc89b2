package dev.llmadvisor.rules;

import java.util.List;

/**
 * One thing a rule found in a plan. Everything but {@code message} comes from the rule's metadata,
 * written once in the DRL; the message is built by the rule from the plan's own numbers.
 *
 * @param title the rule's name, a plain sentence
 * @param field the plan field the finding is about, when the rule names one ({@code @field})
 * @param source {@code rules/<file>.drl}
 */
public record Finding(
    String ruleId,
    Severity severity,
    String category,
    String title,
    String message,
    String remediation,
    List<String> references,
    String field,
    String source) {}
