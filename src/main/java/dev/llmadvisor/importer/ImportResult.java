package dev.llmadvisor.importer;

import dev.llmadvisor.plan.DeploymentPlan;
import java.util.List;

/**
 * A plan imported from what a user already has, with everything a reviewer needs to trust it.
 *
 * @param source what was imported ("vLLM command", "Deployment/llama (container vllm)", …)
 * @param plan the plan, overlay applied; fields the source does not give stay null so the advisor
 *     lists its own defaults
 * @param planYaml the same plan as YAML (camelCase, nulls left out): what {@code import} prints and
 *     {@code check --from} evaluates
 * @param assumed values the importer chose where the source was not exact, each with its reason
 * @param ignored what the source said that does not reach the plan, each with its reason (unknown
 *     flags included: nothing is dropped silently)
 * @param notes facts worth knowing that change no field (replicas, spare GPUs, a quantized-looking
 *     model name)
 * @param overlaid plan fields the overlay set (it wins over the source)
 * @param missing fields the plan still needs before it can be evaluated, and how to give them
 */
public record ImportResult(
    String source,
    DeploymentPlan plan,
    String planYaml,
    List<Assumption> assumed,
    List<String> ignored,
    List<String> notes,
    List<String> overlaid,
    List<Missing> missing) {

  /** A field the source cannot give and no overlay gave. */
  public record Missing(String field, String why) {}

  public ImportResult {
    assumed = List.copyOf(assumed);
    ignored = List.copyOf(ignored);
    notes = List.copyOf(notes);
    overlaid = List.copyOf(overlaid);
    missing = List.copyOf(missing);
  }

  /** True when the plan has every field evaluation requires. */
  public boolean complete() {
    return missing.isEmpty();
  }

  /**
   * The plan YAML preceded by comments that say where it came from, what was assumed, ignored and
   * is still missing: still a valid plan, and self-explaining when saved to a file.
   */
  public String annotatedYaml() {
    StringBuilder b = new StringBuilder();
    b.append("# Imported from ").append(oneLine(source)).append('\n');
    for (String o : overlaid) {
      b.append("# overlay set: ").append(o).append('\n');
    }
    for (Assumption a : assumed) {
      b.append("# assumed: ")
          .append(a.field())
          .append(" = ")
          .append(a.value())
          .append(" (")
          .append(oneLine(a.why()))
          .append(")\n");
    }
    for (Missing m : missing) {
      b.append("# MISSING: ").append(m.field()).append(" (").append(oneLine(m.why())).append(")\n");
    }
    for (String i : ignored) {
      b.append("# ignored: ").append(oneLine(i)).append('\n');
    }
    for (String n : notes) {
      b.append("# note: ").append(oneLine(n)).append('\n');
    }
    return b.append(planYaml).toString();
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*\\R\\s*", " ");
  }
}
