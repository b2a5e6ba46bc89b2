package dev.llmadvisor.rules;

import java.util.List;
import java.util.Locale;

/** How bad a finding is, worst first. BLOCKER and ERROR reject a plan unless waived. */
public enum Severity {
  BLOCKER,
  ERROR,
  WARNING,
  INFO;

  private static final List<String> NAMES = List.of("blocker", "error", "warning", "info");

  /**
   * A fail-on gate as {@code advisor check --fail-on} and the API's {@code failOn} take it: a
   * severity's name in any case; null when it names none (each caller says so in its own terms).
   */
  public static Severity gate(String name) {
    if (name != null) {
      String upper = name.toUpperCase(Locale.ROOT);
      for (Severity s : values()) {
        if (s.name().equals(upper)) {
          return s;
        }
      }
    }
    return null;
  }

  /** The names {@link #gate} accepts, worst first, in lower case. */
  public static List<String> names() {
    return NAMES;
  }
}
