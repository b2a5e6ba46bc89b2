package dev.llmadvisor.catalogue;

import java.util.List;

/**
 * The values a plan's enumerated field may take ({@code catalogues/plan-values.yaml}), declared
 * once: the plan resolver refuses any other value and the rule check refuses a rule that compares
 * the field with any other literal.
 *
 * @param id the plan field ({@code workload.task})
 * @param values the values it may take, in the catalogue's order
 */
public record PlanValues(
    String id, List<String> aliases, List<String> values, String status, String source)
    implements CatalogueEntry {

  /** The name rules compare the field by: the last part of its path ({@code task}). */
  public String property() {
    return id.substring(id.lastIndexOf('.') + 1);
  }

  /** Up to three declared values nearest {@code given} by edit distance, nearest first. */
  public List<String> nearest(String given) {
    record Scored(String value, int distance) {}
    return values.stream()
        .map(v -> new Scored(v, IdIndex.distance(given, v)))
        .sorted(java.util.Comparator.comparingInt(Scored::distance).thenComparing(Scored::value))
        .limit(3)
        .map(Scored::value)
        .toList();
  }
}
