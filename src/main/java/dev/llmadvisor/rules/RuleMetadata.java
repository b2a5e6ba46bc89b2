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
          "licence",
          "governance");

  /** Required besides {@code @id}, by kind. */
  static final List<String> FINDING_KEYS =
      List.of("severity", "category", "remediation", "reference");

  static final List<String> DERIVATION_KEYS = List.of("derives", "category", "reference");

  /** What a derivation rule must not carry: it inserts a fact, which nobody waives or remedies. */
  static final List<String> NOT_ON_DERIVATIONS = List.of("severity", "remediation", "waivable");

  private RuleMetadata() {}

  /**
   * @param line where the rule is declared in its file (see {@link RuleInfo#line()})
   */
  public static RuleInfo read(Rule rule, String source, int line) {
    Map<String, Object> meta = rule.getMetaData();
    String verdict = Findings.text(meta, "verdict");
    String severity = Findings.text(meta, "severity");
    RuleKind kind = kind(meta);
    return new RuleInfo(
        Findings.text(meta, "id"),
        rule.getName(),
        kind,
        severity == null ? null : Severity.valueOf(severity),
        Findings.text(meta, "category"),
        Findings.text(meta, "remediation"),
        Findings.splitReferences(meta.get("reference")),
        Findings.text(meta, "field"),
        verdict == null ? null : Verdict.valueOf(verdict),
        Findings.text(meta, "derives"),
        source,
        line,
        kind == RuleKind.FINDING && !"false".equals(Findings.text(meta, "waivable")));
  }

  private static final String KEPT = RuleInfo.class.getName();

  /** Keeps {@code info} on the rule itself, for the findings it makes ({@link #kept}). */
  static void keep(Rule rule, RuleInfo info) {
    ((RuleImpl) rule).addMetaAttribute(KEPT, info);
  }

  /** What {@link #keep} kept: every rule a {@link RuleBase} loads has it. */
  static RuleInfo kept(Rule rule) {
    if (rule.getMetaData().get(KEPT) instanceof RuleInfo info) {
      return info;
    }
    throw new IllegalStateException("rule \"" + rule.getName() + "\" was not loaded by RuleBase");
  }

  static RuleKind kind(Map<String, Object> meta) {
    if (meta.containsKey("verdict")) {
      return RuleKind.VERDICT;
    }
    return meta.containsKey("derives") ? RuleKind.DERIVATION : RuleKind.FINDING;
  }

  /** {@code rules/<file>.drl}, from where the rule was compiled, when it keeps its resource. */
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

  /**
   * Problems with one rule's metadata, each naming the rule (its file is {@link #source}); empty
   * when valid.
   */
  static List<String> problems(Rule rule, Map<String, String> seenIds) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> meta = new HashMap<>(rule.getMetaData());
    String where = "rule \"" + rule.getName() + "\": ";
    String id = Findings.text(meta, "id");
    if (id == null || id.isBlank()) {
      problems.add(where + "@id is missing");
    } else {
      String other = seenIds.putIfAbsent(id, rule.getName());
      if (other != null) {
        problems.add(where + "@id(\"" + id + "\") is also the id of rule \"" + other + "\"");
      }
    }
    switch (kind(meta)) {
      case VERDICT -> {
        if (!isEnum(Verdict.class, Findings.text(meta, "verdict"))) {
          problems.add(
              where + "@verdict must be one of REJECTED, APPROVED_WITH_WARNINGS, APPROVED");
        }
        if (meta.containsKey("derives")) {
          problems.add(
              where + "@verdict and @derives: a rule decides the verdict or derives a fact");
        }
        if (meta.containsKey("waivable")) {
          problems.add(
              where + "@waivable does not belong on a verdict rule: only findings are waived");
        }
        return problems;
      }
      case DERIVATION -> {
        required(meta, DERIVATION_KEYS, where, problems);
        for (String key : NOT_ON_DERIVATIONS) {
          if (meta.containsKey(key)) {
            problems.add(
                where
                    + "@"
                    + key
                    + " does not belong on a derivation rule (@derives): it inserts a fact, not a"
                    + " finding");
          }
        }
      }
      case FINDING -> {
        required(meta, FINDING_KEYS, where, problems);
        String severity = Findings.text(meta, "severity");
        if (severity != null && !isEnum(Severity.class, severity)) {
          problems.add(
              where
                  + "@severity(\""
                  + severity
                  + "\") must be one of BLOCKER, ERROR, WARNING, INFO");
        }
        String waivable = Findings.text(meta, "waivable");
        if (waivable != null && !waivable.equals("true") && !waivable.equals("false")) {
          problems.add(
              where
                  + "@waivable("
                  + waivable
                  + ") must be true or false (leave it out for true: a finding is waivable unless"
                  + " its rule says otherwise)");
        }
      }
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

  private static void required(
      Map<String, Object> meta, List<String> keys, String where, List<String> problems) {
    for (String key : keys) {
      String v = Findings.text(meta, key);
      if (v == null || v.isBlank()) {
        problems.add(where + "@" + key + " is missing");
      }
    }
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
