package dev.llmadvisor.catalogue;

import java.util.List;
import java.util.Map;

/**
 * What the advisor assumes for a plan field the plan leaves out, where the assumption decides
 * outcomes ({@code catalogues/plan-defaults.yaml}). The id is the field (or the case of it) the
 * default fills; {@code reason} goes into the report's {@code defaultsApplied}.
 */
public record PlanDefault(
    String id, List<String> aliases, Object value, String reason, String status, String source)
    implements CatalogueEntry {

  /**
   * Every default the catalogue must give, with the {@code plan-values.yaml} entry whose values it
   * must be one of ({@code ""}: a yes/no field, true or false).
   */
  static final Map<String, String> REQUIRED =
      Map.of(
          "environment", "environment",
          "usage.commercial", "",
          "usage.redistribution", "",
          "hardware.interconnect.betweenNodes", "hardware.interconnect",
          "workload.task", "workload.task",
          "workload.criticality", "workload.criticality");

  public String text() {
    return (String) value;
  }

  public boolean flag() {
    return (Boolean) value;
  }
}
