package dev.llmadvisor.plan;

import dev.llmadvisor.catalogue.Lookup;
import java.util.List;

/**
 * One problem with one field of a plan: its JSON path ({@code hardware.gpu}), what is wrong, and
 * for unknown ids the nearest known ones.
 */
public record FieldError(String field, String message, Object rejectedValue, List<String> nearest) {

  public static FieldError of(String field, String message, Object rejectedValue) {
    return new FieldError(field, message, rejectedValue, List.of());
  }

  /**
   * What is wrong with the id {@code given} for {@code field} when a catalogue lookup did not find
   * one entry: ambiguous (with the candidates) or unknown (with the nearest ids); null when found.
   */
  public static FieldError ofLookup(String field, String given, Lookup<?> found) {
    if (found instanceof Lookup.Ambiguous<?> a) {
      return new FieldError(
          field, "'" + given + "' is ambiguous: name one of the candidates", given, a.candidates());
    }
    if (found instanceof Lookup.Unknown<?> u) {
      return new FieldError(field, "unknown id '" + given + "'", given, u.nearest());
    }
    return null;
  }
}
