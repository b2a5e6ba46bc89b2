package dev.llmadvisor.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.definition.rule.Rule;

/** Reads and checks the metadata every rule must carry ({@code @id}, {@code @severity} …). */
public final class RuleMetadata {
  public static final Set<String> CATEGORIES =
      Set.of(
          "sizing",
          "hardware",
          "quantization",
          "engine",
          "parallelism",
          "strategy",
          "sli",
          "licence");
  static final List<String> FINDING_KEYS =
      List.of("id", "severity", "category", "remediation", "reference");

  private RuleMetadata() {}

  public static RuleInfo read(Rule rule) {
    Map<String, Object> meta = rule.getMetaData();
    String verdict = Findings.text(meta, "verdict");
    String severity = Findings.text(meta, "severity");
    return new RuleInfo(
        Findings.text(meta, "id"),
        rule.getName(),
        severity == null ? null : Severity.valueOf(severity),
        Findings.text(meta, "category"),
        Findings.text(meta, "remediation"),
        Findings.splitReferences(meta.get("reference")),
        Findings.text(meta, "field"),
        verdict == null ? null : Verdict.valueOf(verdict),
        source(rule));
  }

  /** {@code rules/<file>.drl}, from where the rule was compiled. */
  static String source(Rule rule) {
    if (rule instanceof RuleImpl impl && impl.getResource() != null) {
      String path = impl.getResource().getSourcePath();
      if (path != null) {
        int at = path.lastIndexOf("rules/");
        return at >= 0 ? path.substring(at) : path;
      }
    }
    return "rules/?";
  }

  /** Problems with one rule's metadata, each naming the rule and its file; empty when valid. */
  static List<String> problems(Rule rule, Map<String, String> seenIds) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> meta = new HashMap<>(rule.getMetaData());
    String where = source(rule) + ": rule \"" + rule.getName() + "\": ";
    String id = Findings.text(meta, "id");
    if (id == null || id.isBlank()) {
      problems.add(where + "@id is missing");
    } else {
      String other = seenIds.putIfAbsent(id, rule.getName());
      if (other != null) {
        problems.add(where + "@id(\"" + id + "\") is also the id of rule \"" + other + "\"");
      }
    }
    if (meta.containsKey("derives")) {
      // Derivation rules insert facts for other rules, not findings: no severity or remedy.
      for (String key : List.of("category", "reference")) {
        if (Findings.text(meta, key) == null) {
          problems.add(where + "@" + key + " is missing");
        }
      }
      return problems;
    }
    if (meta.containsKey("verdict")) {
      if (!isEnum(Verdict.class, Findings.text(meta, "verdict"))) {
        problems.add(where + "@verdict must be one of REJECTED, APPROVED_WITH_WARNINGS, APPROVED");
      }
      return problems;
    }
    for (String key : FINDING_KEYS) {
      String v = Findings.text(meta, key);
      if (v == null || v.isBlank()) {
        problems.add(where + "@" + key + " is missing");
      }
    }
    String severity = Findings.text(meta, "severity");
    if (severity != null && !isEnum(Severity.class, severity)) {
      problems.add(
          where + "@severity(\"" + severity + "\") must be one of BLOCKER, ERROR, WARNING, INFO");
    }
    String category = Findings.text(meta, "category");
    if (category != null && !CATEGORIES.contains(category)) {
      problems.add(
          where
              + "@category(\""
              + category
              + "\") must be one of "
              + new java.util.TreeSet<>(CATEGORIES));
    }
    return problems;
  }

  private static <E extends Enum<E>> boolean isEnum(Class<E> type, String value) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
