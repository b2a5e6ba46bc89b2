package dev.llmadvisor.evaluation;

import dev.llmadvisor.catalogue.CatalogueException;
import dev.llmadvisor.rules.RuleSetException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reason a ruleset could not be loaded, with its place where it is known: {@code
 * rules/<file>.drl} with line and column for a compile error, {@code catalogues/<file>.yaml} with
 * the line of a field YAML could not map. Null fields are unknown.
 */
public record RulesetProblem(String file, Integer line, Integer column, String message) {
  /** {@code rules/sizing.drl:66:29: text} or {@code rules/sizing.drl:58: text} */
  private static final Pattern RULES_AT =
      Pattern.compile("(rules/[^:\\s]+):(-?\\d+)(?::(-?\\d+))?: (.*)", Pattern.DOTALL);

  /** {@code rules/sizing.drl: text}, {@code gpus.yaml: text} */
  private static final Pattern FILE =
      Pattern.compile("(rules/[^:\\s]+|[\\w.-]+\\.ya?ml): (.*)", Pattern.DOTALL);

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
      e.problems().forEach(p -> into.add(parse(p)));
    } else if (failure instanceof CatalogueException e) {
      e.problems().forEach(p -> into.add(parse(p)));
    } else {
      into.add(new RulesetProblem(null, null, null, String.valueOf(failure.getMessage())));
    }
  }

  /** One problem line as the rule compiler or the catalogue loader words it. */
  static RulesetProblem parse(String problem) {
    Matcher at = RULES_AT.matcher(problem);
    if (at.matches()) {
      return new RulesetProblem(
          at.group(1), position(at.group(2)), position(at.group(3)), at.group(4));
    }
    Matcher file = FILE.matcher(problem);
    if (file.matches()) {
      String name = file.group(1);
      if (name.startsWith("rules/")) {
        return new RulesetProblem(name, null, null, file.group(2));
      }
      Matcher line = YAML_LINE.matcher(file.group(2));
      return new RulesetProblem(
          "catalogues/" + name, line.find() ? position(line.group(1)) : null, null, file.group(2));
    }
    return new RulesetProblem(null, null, null, problem);
  }

  /** Drools says -1 (or 0) where it has no line or column. */
  private static Integer position(String digits) {
    if (digits == null) {
      return null;
    }
    int n = Integer.parseInt(digits);
    return n > 0 ? n : null;
  }

  /** {@code file:line:column: message}, as far as known. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    if (file != null) {
      s.append(file);
      if (line != null) {
        s.append(':').append(line);
        if (column != null) {
          s.append(':').append(column);
        }
      }
      s.append(": ");
    }
    return s.append(message).toString();
  }
}
