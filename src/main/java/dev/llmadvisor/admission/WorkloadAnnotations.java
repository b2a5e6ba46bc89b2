package dev.llmadvisor.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmadvisor.importer.ImportException;
import dev.llmadvisor.importer.Overlay;
import dev.llmadvisor.plan.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A workload's own overlay: its {@code metadata.annotations} under the prefix {@value #PREFIX},
 * each key a plan field and each value that field's value, read as {@code advisor import --set}
 * reads a setting ({@code llm-advisor/usage.commercial: "true"}, {@code llm-advisor/environment:
 * production}, {@code llm-advisor/workload.concurrentRequests: "8"}). Two keys are not plan fields:
 * {@code llm-advisor/container} picks the container when several run vLLM, and {@code
 * llm-advisor/name} is refused (the plan's name is the workload's namespace/name, which waivers
 * scope; a workload may not borrow another's).
 */
final class WorkloadAnnotations {
  static final String PREFIX = "llm-advisor/";
  static final String CONTAINER = "container";

  /**
   * @param overlay the annotations' settings, NONE when there are none
   * @param container the {@code llm-advisor/container} annotation, or null
   * @param errors one per annotation that names no plan field or has a value of the wrong type,
   *     each naming the annotation ({@code metadata.annotations[llm-advisor/usage.comercial]})
   */
  record Read(Overlay overlay, String container, List<FieldError> errors) {}

  private WorkloadAnnotations() {}

  static Read read(JsonNode workload) {
    JsonNode annotations = workload.path("metadata").path("annotations");
    Overlay overlay = Overlay.NONE;
    String container = null;
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().startsWith(PREFIX)) {
        continue;
      }
      String field = e.getKey().substring(PREFIX.length());
      String where = "metadata.annotations[" + e.getKey() + "]";
      String value = e.getValue().asText();
      if (field.equals(CONTAINER)) {
        container = value;
        continue;
      }
      if (field.equals("name")) {
        errors.add(
            FieldError.of(
                where,
                "reserved: the plan's name is the workload's namespace/name (waivers scope it)",
                value));
        continue;
      }
      try {
        overlay = overlay.then(Overlay.set(field, value));
      } catch (ImportException x) {
        for (FieldError f : x.errors()) {
          errors.add(
              new FieldError(
                  where,
                  f.message()
                      + (f.nearest() == null || f.nearest().isEmpty()
                          ? ""
                          : " (known: " + String.join(", ", f.nearest()) + ")"),
                  value,
                  f.nearest()));
        }
      }
    }
    return new Read(overlay, container, errors);
  }
}
