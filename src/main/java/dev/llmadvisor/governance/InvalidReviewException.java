package dev.llmadvisor.governance;

import dev.llmadvisor.plan.FieldError;
import java.util.List;

/** A review request with a field it cannot have; each error names its field. */
public class InvalidReviewException extends RuntimeException {
  private final List<FieldError> errors;

  public InvalidReviewException(List<FieldError> errors) {
    super("invalid review");
    this.errors = errors;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
