package dev.llmadvisor.plan;

import java.util.List;

/**
 * A plan that cannot be evaluated. {@code unreadable} plans (syntax, unknown fields, wrong types)
 * answer 400; readable plans with impossible values or unknown ids answer 422.
 */
public class InvalidPlanException extends RuntimeException {
  private final boolean unreadable;
  private final List<FieldError> errors;

  public InvalidPlanException(boolean unreadable, String detail, List<FieldError> errors) {
    super(detail);
    this.unreadable = unreadable;
    this.errors = List.copyOf(errors);
  }

  public boolean unreadable() {
    return unreadable;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
