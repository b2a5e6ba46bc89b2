package dev.llmadvisor.rules;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Renders {@code docs/rules.md} from the rules' metadata, so the document cannot say something the
 * rules do not. Pure: the same rules give the same text, whatever order they come in.
 */
public final class RulesDoc {
  /** How to rewrite the file; the header and the staleness test both say it. */
  public static final String REGENERATE =
      "./mvnw -q test -Dtest=RulesDocTest -Dadvisor.update-rules-doc=true";

  private static final String WHERE = "declared in";

  private RulesDoc() {}

  public static String render(List<RuleInfo> rules) {
    List<RuleInfo> sorted = rules.stream().sorted(Comparator.comparing(RuleInfo::id)).toList();
    StringBuilder md = new StringBuilder();
    md.append("# Rule catalogue\n\n")
        .append("Generated from the metadata of `rules/*.drl`, the same metadata")
        .append(" `GET /api/v1/rules` serves.\n")
        .append("Do not edit it by hand: after changing a rule, regenerate it with\n\n")
        .append("```sh\n")
        .append(REGENERATE)
        .append("\n```\n\n")
        .append("`./mvnw verify` fails while it is stale. How to write a rule and its fixture:")
        .append(" [authoring.md](authoring.md).\n\n")
        .append(
            "Each rule is linked by its file, where its `@id` finds it: line numbers are left out")
        .append(" so that an edit above a rule does not change this page. `GET /api/v1/rules/{id}`")
        .append(" gives each rule's `file:line`.\n\n");
    Map<RuleKind, List<RuleInfo>> byKind =
        sorted.stream()
            .collect(Collectors.groupingBy(RuleInfo::kind, TreeMap::new, Collectors.toList()));
    md.append(sorted.size()).append(" rules: ");
    md.append(
        Stream.of(RuleKind.values())
            .map(k -> byKind.getOrDefault(k, List.of()).size() + " " + k.label())
            .collect(Collectors.joining(", ")));
    md.append(".\n");

    md.append("\n## Finding rules\n\n")
        .append("Each raises findings with its id, severity, title and remediation. A waiver")
        .append(" ([waivers.md](waivers.md)) may accept a rule's findings unless its `waivable`")
        .append(" column says no (`@waivable(false)`).\n");
    Map<String, List<RuleInfo>> byCategory =
        byKind.getOrDefault(RuleKind.FINDING, List.of()).stream()
            .collect(Collectors.groupingBy(RuleInfo::category, TreeMap::new, Collectors.toList()));
    byCategory.forEach(
        (category, inCategory) -> {
          md.append("\n### ").append(category).append("\n\n");
          table(
              md,
              List.of("id", "severity", "waivable", "rule", "remediation", "references", WHERE),
              inCategory,
              r ->
                  List.of(
                      code(r.id()),
                      r.severity().name(),
                      r.waivable() ? "yes" : "**no**",
                      r.name(),
                      r.remediation(),
                      String.join("; ", r.references()),
                      link(r)));
        });

    md.append("\n## Verdict rules\n\n")
        .append("They fire after every finding rule; exactly one decides each plan's verdict.\n\n");
    table(
        md,
        List.of("id", "verdict", "rule", WHERE),
        byKind.getOrDefault(RuleKind.VERDICT, List.of()),
        r -> List.of(code(r.id()), r.verdict().name(), r.name(), link(r)));

    md.append("\n## Derivation rules\n\n")
        .append("They insert intermediate facts that other rules match on, never findings.\n\n");
    table(
        md,
        List.of("id", "derives", "category", "rule", "references", WHERE),
        byKind.getOrDefault(RuleKind.DERIVATION, List.of()),
        r ->
            List.of(
                code(r.id()),
                code(r.derives()),
                r.category(),
                r.name(),
                String.join("; ", r.references()),
                link(r)));
    return md.toString();
  }

  private static void table(
      StringBuilder md,
      List<String> headers,
      List<RuleInfo> rules,
      Function<RuleInfo, List<String>> cells) {
    if (rules.isEmpty()) {
      md.append("None.\n");
      return;
    }
    row(md, headers);
    row(md, headers.stream().map(h -> "---").toList());
    for (RuleInfo r : rules) {
      row(md, cells.apply(r).stream().map(RulesDoc::cell).toList());
    }
  }

  private static void row(StringBuilder md, List<String> cells) {
    md.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }

  /** One table cell: one line, no column break, no text taken for an HTML tag. */
  static String cell(String text) {
    if (text == null || text.isBlank()) {
      return "—";
    }
    return text.strip().replaceAll("\\s+", " ").replace("|", "\\|").replace("<", "&lt;");
  }

  private static String code(String text) {
    return "`" + text + "`";
  }

  /**
   * {@code [rules/sizing.drl](../rules/sizing.drl)}: the docs live one level down. No line number:
   * one import added to a file would otherwise change the line of every rule below it here.
   */
  static String link(RuleInfo r) {
    return "[" + r.source() + "](../" + r.source() + ")";
  }
}
