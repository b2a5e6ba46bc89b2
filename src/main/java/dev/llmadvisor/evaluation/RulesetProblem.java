package dev.llmadvisor.evaluation;

import dev.llmadvisor.catalogue.CatalogueException;
import dev.llmadvisor.rules.RuleProblem;
import dev.llmadvisor.rules.RuleSetException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reason a ruleset could not be loaded, with its place where it is known: {@code
 * rules/<file>.drl} with line and column (from 1) as the rule compiler gave them ({@link
 * RuleProblem}), {@code catalogues/<file>.yaml} with the line of a field YAML could not map. Null
 * fields are unknown; a line or column is never 0 or negative.
 */
public record RulesetProblem(String file, Integer line, Integer column, String message) {
  /** A catalogue problem: {@code gpus.yaml: text}. */
  private static final Pattern FILE = Pattern.compile("([\\w.-]+\\.ya?ml): (.*)", Pattern.DOTALL);

  /** Where Jackson found a field it could not map: {@code [3].bandwidthTBs (line 42): …}. */
  private static final Pattern YAML_LINE = Pattern.compile("\\(line (\\d+)\\)");

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
      e.problems().forEach(p -> into.add(parse(p)));
    } else {
      into.add(new RulesetProblem(null, null, null, String.valueOf(failure.getMessage())));
    }
  }

  /** A rule problem as the rule base placed it. */
  static RulesetProblem of(RuleProblem problem) {
    return new RulesetProblem(problem.file(), problem.line(), problem.column(), problem.message());
  }

  /**
   * One catalogue problem as the loader words it ({@code gpus.yaml: entry T4: …}, with {@code (line
   * N)} where Jackson located a field it could not map).
   */
  static RulesetProblem parse(String problem) {
    Matcher file = FILE.matcher(problem);
    if (file.matches()) {
      Matcher line = YAML_LINE.matcher(file.group(2));
      return new RulesetProblem(
          "catalogues/" + file.group(1),
          line.find() ? position(line.group(1)) : null,
          null,
          file.group(2));
    }
    return new RulesetProblem(null, null, null, problem);
  }

  private static Integer position(String digits) {
    if (digits == null) {
      return null;
    }
    int n = Integer.parseInt(digits);
    return n > 0 ? n : null;
  }

  /** {@code file:line:column: message}, as far as known: written as a rule problem is. */
  @Override
  public String toString() {
    return new RuleProblem(file, line, column, message).toString();
  }
}
