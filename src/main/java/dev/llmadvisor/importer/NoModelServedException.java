package dev.llmadvisor.importer;

import dev.llmadvisor.plan.FieldError;
import java.util.List;

/**
 * A manifest none of whose workload containers runs vLLM: nothing the advisor can size. The CLI
 * answers it as any import error (exit 2); the admission webhook admits such a workload untouched
 * and records that it served no model (docs/admission.md).
 */
public class NoModelServedException extends ImportException {
  public NoModelServedException(String source, List<FieldError> errors) {
    super(source, errors);
  }
}
