package dev.llmadvisor.waiver;

import dev.llmadvisor.plan.FieldError;
import java.util.List;

/** A waiver file (or request) that cannot be applied, with each problem naming its field. */
public class InvalidWaiversException extends RuntimeException {
  private final List<FieldError> errors;

  public InvalidWaiversException(String message, List<FieldError> errors) {
    super(message);
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
