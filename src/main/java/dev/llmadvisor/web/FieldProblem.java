package dev.llmadvisor.web;

import dev.llmadvisor.plan.FieldError;
import java.util.List;

/**
 * One field error as a page shows it: a {@link FieldError} with the plan line it is on.
 *
 * @param line 1-based line of the submitted text, null when unknown
 */
public record FieldProblem(
    String field, Integer line, String message, String rejectedValue, List<String> nearest) {

  static FieldProblem of(FieldError e, Integer line) {
    return new FieldProblem(
        e.field() == null || e.field().isEmpty() ? "(plan)" : e.field(),
        line,
        e.message(),
        e.rejectedValue() == null ? null : String.valueOf(e.rejectedValue()),
        e.nearest() == null ? List.of() : e.nearest());
  }

  static List<FieldProblem> of(List<FieldError> errors) {
    return errors.stream().map(e -> of(e, null)).toList();
  }
}
