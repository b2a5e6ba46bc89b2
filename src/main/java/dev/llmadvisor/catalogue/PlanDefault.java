package dev.llmadvisor.catalogue;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the advisor assumes for a plan field the plan leaves out, where the assumption decides
 * outcomes ({@code catalogues/plan-defaults.yaml}). The id is the field (or the case of it) the
 * default fills; {@code reason} goes into the report's {@code defaultsApplied}.
 */
public record PlanDefault(
    String id, List<String> aliases, Object value, String reason, String status, String source)
    implements CatalogueEntry {

  public static final Set<String> ENVIRONMENTS = Set.of("production", "staging", "research");
  public static final Set<String> INTERCONNECTS =
      Set.of("nvlink", "pcie", "infiniband", "ethernet");
  public static final Set<String> TASKS =
      Set.of(
          "chat",
          "code",
          "maths",
          "reasoning",
          "summarisation",
          "extraction",
          "rag",
          "agent",
          "other");
  public static final Set<String> CRITICALITIES = Set.of("low", "standard", "critical");

  /** Every default the catalogue must give, with the values a plan may take for it. */
  static final Map<String, Set<?>> REQUIRED =
      Map.of(
          "environment", ENVIRONMENTS,
          "usage.commercial", Set.of(true, false),
          "usage.redistribution", Set.of(true, false),
          "hardware.interconnect.betweenNodes", INTERCONNECTS,
          "workload.task", TASKS,
          "workload.criticality", CRITICALITIES);

  public String text() {
    return (String) value;
  }

  public boolean flag() {
    return (Boolean) value;
  }
}
