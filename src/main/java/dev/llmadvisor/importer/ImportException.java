package dev.llmadvisor.importer;

import dev.llmadvisor.plan.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A source that cannot be turned into a plan. Each error names where the problem is: a flag ({@code
 * --max-model-len}), a manifest path ({@code spec.template.spec.containers[0].args}), a {@code
 * config.json} key, or an overlay field. The CLI answers it with exit code 2.
 */
public class ImportException extends RuntimeException {
  private final String source;
  private final List<FieldError> errors;

  public ImportException(String source, List<FieldError> errors) {
    super(describe(source, errors));
    this.source = source;
    this.errors = List.copyOf(errors);
  }

  public static ImportException of(String source, String where, String message, Object value) {
    return new ImportException(source, List.of(FieldError.of(where, message, value)));
  }

  /** What was being imported: "vLLM command", "Kubernetes manifest", "config.json", "overlay". */
  public String source() {
    return source;
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String describe(String source, List<FieldError> errors) {
    return "Cannot import the "
        + source
        + ": "
        + errors.stream()
            .map(e -> e.field() + ": " + e.message() + nearest(e))
            .collect(Collectors.joining("; "));
  }

  private static String nearest(FieldError e) {
    return e.nearest() == null || e.nearest().isEmpty() ? "" : " (known: " + e.nearest() + ")";
  }
}
