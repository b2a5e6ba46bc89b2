package dev.llmadvisor.evaluation;

import dev.llmadvisor.catalogue.CatalogueException;
import dev.llmadvisor.catalogue.CatalogueProblem;
import dev.llmadvisor.rules.RuleProblem;
import dev.llmadvisor.rules.RuleSetException;
import java.util.ArrayList;
import java.util.List;

/**
 * One reason a ruleset could not be loaded, with its place where it is known: {@code
 * rules/<file>.drl} with line and column (from 1) as the rule compiler gave them ({@link
 * RuleProblem}), {@code catalogues/<file>.yaml} with the line of a field YAML could not map. Null
 * fields are unknown; a line or column is never 0 or negative.
 */
public record RulesetProblem(String file, Integer line, Integer column, String message) {
  /** The problems of a failed load; those of a second folder travel as suppressed exceptions. */
  public static List<RulesetProblem> of(Throwable failure) {
    List<RulesetProblem> problems = new ArrayList<>();
    collect(failure, problems);
    for (Throwable also : failure.getSuppressed()) {
      collect(also, problems);
    }
    return List.copyOf(problems);
  }

  private static void collect(Throwable failure, List<RulesetProblem> into) {
    if (failure instanceof RuleSetException e) {
      e.problems().forEach(p -> into.add(of(p)));
    } else if (failure instanceof CatalogueException e) {
      e.placed().forEach(p -> into.add(of(p)));
    } else {
      into.add(new RulesetProblem(null, null, null, String.valueOf(failure.getMessage())));
    }
  }

  /** A rule problem as the rule base placed it. */
  static RulesetProblem of(RuleProblem problem) {
    return new RulesetProblem(problem.file(), problem.line(), problem.column(), problem.message());
  }

  /** A catalogue problem as the loader placed it, its file under {@code catalogues/}. */
  static RulesetProblem of(CatalogueProblem problem) {
    return new RulesetProblem(
        problem.file() == null ? null : "catalogues/" + problem.file(),
        problem.line(),
        null,
        problem.message());
  }

  /** {@code file:line:column: message}, as far as known: written as a rule problem is. */
  @Override
  public String toString() {
    return new RuleProblem(file, line, column, message).toString();
  }
}
