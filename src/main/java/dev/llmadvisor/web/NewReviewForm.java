package dev.llmadvisor.web;

import java.util.List;

/**
 * The new-review form, empty or with what was submitted and what was wrong with it.
 *
 * @param source {@code plan} (YAML or JSON), {@code vllm-cmd}, {@code k8s} or {@code hf-config}
 * @param errors each problem beside the plan: its field, the line of the plan it is on where known,
 *     the message, the rejected value and the nearest known ids, as the API's problem document
 *     gives them
 * @param title what the errors are ("Invalid deployment plan", "Import incomplete" …); null when
 *     there are none
 */
public record NewReviewForm(
    String source,
    String text,
    String overlay,
    String modelId,
    String select,
    String title,
    String detail,
    List<FieldProblem> errors,
    List<Source> sources,
    Viewer viewer) {

  public static final List<String> SOURCES = List.of("plan", "vllm-cmd", "k8s", "hf-config");

  /** One choice of source, with its label. */
  public record Source(String value, String label) {}

  static final List<Source> CHOICES =
      List.of(
          new Source("plan", "plan (YAML or JSON)"),
          new Source("vllm-cmd", "vLLM command"),
          new Source("k8s", "Kubernetes manifest"),
          new Source("hf-config", "config.json"));

  static NewReviewForm empty(Viewer viewer) {
    return new NewReviewForm("plan", "", "", "", "", null, null, List.of(), CHOICES, viewer);
  }

  NewReviewForm withErrors(String title, String detail, List<FieldProblem> errors) {
    return new NewReviewForm(
        source, text, overlay, modelId, select, title, detail, errors, sources, viewer);
  }
}
