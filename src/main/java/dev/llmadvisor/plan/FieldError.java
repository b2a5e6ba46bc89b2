package dev.llmadvisor.plan;

import java.util.List;

/**
 * One problem with one field of a plan: its JSON path ({@code hardware.gpu}), what is wrong, and
 * for unknown ids the nearest known ones.
 */
public record FieldError(String field, String message, Object rejectedValue, List<String> nearest) {

  public static FieldError of(String field, String message, Object rejectedValue) {
    return new FieldError(field, message, rejectedValue, List.of());
  }
}
