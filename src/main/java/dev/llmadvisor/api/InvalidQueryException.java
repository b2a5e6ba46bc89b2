package dev.llmadvisor.api;

import dev.llmadvisor.plan.FieldError;
import java.util.List;

/** A query parameter with a value it cannot take; the error lists the values it can. */
public class InvalidQueryException extends RuntimeException {
  private final List<FieldError> errors;

  public InvalidQueryException(String parameter, String value, List<String> allowed) {
    super("'" + value + "' is not a " + parameter + ": use one of " + String.join(", ", allowed));
    this.errors = List.of(new FieldError(parameter, "unknown " + parameter, value, allowed));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
