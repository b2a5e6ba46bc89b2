package dev.llmadvisor.rules;

import java.util.List;

/**
 * A rule set that cannot serve: compile errors or bad metadata, each a {@link RuleProblem} with its
 * file, line and column where known.
 */
public class RuleSetException extends RuntimeException {
  private final List<RuleProblem> problems;

  public RuleSetException(List<RuleProblem> problems) {
    super(
        "invalid rules:\n  "
            + String.join("\n  ", problems.stream().map(RuleProblem::toString).toList()));
    this.problems = List.copyOf(problems);
  }

  /** One problem that belongs to no file. */
  public static RuleSetException of(String message) {
    return new RuleSetException(List.of(RuleProblem.of(message)));
  }

  public List<RuleProblem> problems() {
    return problems;
  }
}
