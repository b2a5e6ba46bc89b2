package dev.llmadvisor.api;

import dev.llmadvisor.plan.FieldError;
import java.util.List;

/** A catalogue, catalogue entry or rule that does not exist, with the nearest names that do. */
public class CatalogueNotFoundException extends RuntimeException {
  private final List<FieldError> errors;

  public CatalogueNotFoundException(String detail, FieldError error) {
    super(detail);
    this.errors = List.of(error);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
