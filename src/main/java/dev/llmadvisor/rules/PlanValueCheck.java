package dev.llmadvisor.rules;

import dev.llmadvisor.catalogue.PlanValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks that every literal a rule compares a declared plan field with is one of the field's
 * declared values ({@code catalogues/plan-values.yaml}): a typo such as {@code environment ==
 * "prodution"} compiles in Drools and never fires, so it is refused here, at its file, line and
 * column. The comparisons read are those the rules write: {@code field == "v"}, {@code field !=
 * "v"}, {@code field in ("v", …)}, {@code field not in (…)} and {@code "v".equals(field)}, where
 * {@code field} is the last name of the plan field ({@code task} for {@code workload.task}).
 */
public final class PlanValueCheck {
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

  private PlanValueCheck() {}

  /** Every literal of every {@code *.drl} directly in {@code rulesDir} that is not declared. */
  public static List<RuleProblem> check(Path rulesDir, Collection<PlanValues> declared) {
    Map<String, PlanValues> byProperty =
        declared.stream().collect(Collectors.toMap(PlanValues::property, Function.identity()));
    String names = String.join("|", byProperty.keySet().stream().map(Pattern::quote).toList());
    List<Pattern> comparisons =
        List.of(
            Pattern.compile("\\b(" + names + ")\\s*(?:==|!=)\\s*(\"[^\"]*\")"),
            Pattern.compile("\\b(" + names + ")\\s+(?:not\\s+)?in\\s*\\(([^)]*)\\)"),
            Pattern.compile("(\"[^\"]*\")\\s*\\.\\s*equals\\(\\s*(" + names + ")\\s*\\)"));
    List<RuleProblem> problems = new ArrayList<>();
    try (Stream<Path> files = Files.list(rulesDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".drl")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String code = withoutComment(lines.get(i));
          for (int kind = 0; kind < comparisons.size(); kind++) {
            Matcher m = comparisons.get(kind).matcher(code);
            while (m.find()) {
              // The equals form names the literal first and the field second.
              int fieldGroup = kind == 2 ? 2 : 1;
              int literalsGroup = kind == 2 ? 1 : 2;
              PlanValues field = byProperty.get(m.group(fieldGroup));
              Matcher literal = QUOTED.matcher(m.group(literalsGroup));
              while (literal.find()) {
                String value = literal.group(1);
                if (!field.values().contains(value)) {
                  problems.add(
                      new RuleProblem(
                          "rules/" + file.getFileName(),
                          i + 1,
                          m.start(literalsGroup) + literal.start() + 1,
                          problem(field, value)));
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    problems.sort(
        java.util.Comparator.comparing(RuleProblem::file)
            .thenComparing(RuleProblem::line)
            .thenComparing(RuleProblem::column));
    return problems;
  }

  private static String problem(PlanValues field, String value) {
    return "'"
        + value
        + "' is not a declared value of "
        + field.id()
        + " (catalogues/plan-values.yaml: "
        + String.join(", ", field.values())
        + "); nearest: "
        + String.join(", ", field.nearest(value));
  }

  /** The line up to a {@code //} comment outside a string literal. */
  private static String withoutComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      } else if (!quoted && c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
