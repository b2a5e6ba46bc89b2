package dev.llmadvisor.rules;

import java.util.List;

/**
 * A rule set that cannot serve: compile errors as {@code file:line:column: text}, or bad metadata.
 */
public class RuleSetException extends RuntimeException {
  private final List<String> problems;

  public RuleSetException(List<String> problems) {
    super("invalid rules:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
