package dev.llmadvisor.admission;

import dev.llmadvisor.plan.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A body that is not an {@code admission.k8s.io/v1} AdmissionReview request: answered 400 as a
 * problem document naming each field. The API server takes any answer but a 200 AdmissionReview as
 * a failure to call the webhook, which its {@code failurePolicy} decides (docs/admission.md).
 */
public class MalformedReviewException extends RuntimeException {
  private final List<FieldError> errors;

  public MalformedReviewException(List<FieldError> errors) {
    super(
        "Not an admission.k8s.io/v1 AdmissionReview request: "
            + errors.stream()
                .map(e -> e.field() + ": " + e.message())
                .collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
