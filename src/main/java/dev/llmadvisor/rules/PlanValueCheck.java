package dev.llmadvisor.rules;

import dev.llmadvisor.catalogue.PlanValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks that every literal a rule compares a declared plan field with is one of the field's
 * declared values ({@code catalogues/plan-values.yaml}): a typo such as {@code environment ==
 * "prodution"} compiles in Drools and never fires, so it is refused here, at its file, line and
 * column. The comparisons read are those the rules write: {@code field == "v"}, {@code field !=
 * "v"}, {@code field in ("v", …)}, {@code field not in (…)} and {@code "v".equals(field)}, where
 * {@code field} is the last name of the plan field ({@code task} for {@code workload.task}) or a
 * variable the same rule bound to it ({@code $t : task}, then {@code $t == "v"} in a later pattern
 * or an {@code eval}). A variable is the rule's own: it is forgotten where the next {@code rule},
 * {@code query}, {@code function} or {@code declare} begins.
 */
final class PlanValueCheck {
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
  private static final Pattern NEXT_DECLARATION =
      Pattern.compile("^\\s*(rule|query|function|declare)\\b");

  private PlanValueCheck() {}

  /** Every literal of {@code texts} (the rule files by source name) that is not declared. */
  static List<RuleProblem> check(Map<String, byte[]> texts, Collection<PlanValues> declared) {
    Map<String, PlanValues> byProperty =
        declared.stream().collect(Collectors.toMap(PlanValues::property, Function.identity()));
    Comparisons fields = new Comparisons(byProperty.keySet());
    Pattern binding =
        Pattern.compile("(\\$[\\w$]+)\\s*:\\s*(" + alternatives(byProperty.keySet()) + ")\\b");
    List<RuleProblem> problems = new ArrayList<>();
    texts.forEach(
        (source, bytes) -> {
          String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
          // Variables bound to a declared field in the rule being read: name → field.
          Map<String, String> bound = new HashMap<>();
          Comparisons comparisons = fields;
          for (int i = 0; i < lines.length; i++) {
            String code = withoutComment(lines[i]);
            if (NEXT_DECLARATION.matcher(code).find() && !bound.isEmpty()) {
              bound.clear();
              comparisons = fields;
            }
            Matcher b = binding.matcher(code);
            boolean more = false;
            while (b.find()) {
              more |= !b.group(2).equals(bound.put(b.group(1), b.group(2)));
            }
            if (more) {
              List<String> names = new ArrayList<>(byProperty.keySet());
              names.addAll(bound.keySet());
              comparisons = new Comparisons(names);
            }
            for (Comparison c : comparisons.in(code)) {
              PlanValues field = byProperty.get(bound.getOrDefault(c.name(), c.name()));
              Matcher literal = QUOTED.matcher(c.literals());
              while (literal.find()) {
                String value = literal.group(1);
                if (!field.values().contains(value)) {
                  problems.add(
                      new RuleProblem(
                          source, i + 1, c.column() + literal.start(), problem(field, value)));
                }
              }
            }
          }
        });
    problems.sort(
        Comparator.comparing(RuleProblem::file)
            .thenComparing(RuleProblem::line)
            .thenComparing(RuleProblem::column));
    return problems;
  }

  /** A comparison found in a line: the field or variable named, its literal(s) and their column. */
  private record Comparison(String name, String literals, int column) {}

  /** The three forms of comparison of the given names. */
  private static final class Comparisons {
    private final List<Pattern> forms;

    Comparisons(Collection<String> names) {
      // A name is a field (a word) or a bound variable ($t): neither may continue a longer name.
      String name = "(?<![\\w$])(" + alternatives(names) + ")(?![\\w$])";
      this.forms =
          List.of(
              Pattern.compile(name + "\\s*(?:==|!=)\\s*(\"[^\"]*\")"),
              Pattern.compile(name + "\\s+(?:not\\s+)?in\\s*\\(([^)]*)\\)"),
              Pattern.compile("(\"[^\"]*\")\\s*\\.\\s*equals\\(\\s*" + name + "\\s*\\)"));
    }

    List<Comparison> in(String code) {
      List<Comparison> found = new ArrayList<>();
      for (int kind = 0; kind < forms.size(); kind++) {
        Matcher m = forms.get(kind).matcher(code);
        while (m.find()) {
          // The equals form names the literal first and the name second.
          int nameGroup = kind == 2 ? 2 : 1;
          int literalsGroup = kind == 2 ? 1 : 2;
          found.add(
              new Comparison(
                  m.group(nameGroup), m.group(literalsGroup), m.start(literalsGroup) + 1));
        }
      }
      return found;
    }
  }

  private static String alternatives(Collection<String> names) {
    return names.stream().sorted().map(Pattern::quote).collect(Collectors.joining("|"));
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
