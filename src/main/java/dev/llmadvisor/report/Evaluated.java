package dev.llmadvisor.report;

import dev.llmadvisor.plan.PlanLines;

/**
 * One plan's report with where the plan came from, so that formats can point at the plan file and
 * at the line of a finding's field.
 *
 * @param planUri the plan as a relative path or URI ({@code examples/plan.yaml}, {@code stdin})
 */
public record Evaluated(Report report, String planUri, PlanLines lines) {

  /** The line of a plan field, or of its nearest parent in the text; null when unknown. */
  public Integer lineOf(String field) {
    return field == null || lines == null ? null : lines.lineOf(field);
  }
}
