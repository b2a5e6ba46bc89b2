package dev.llmadvisor.report;

import dev.llmadvisor.rules.Finding;
import dev.llmadvisor.rules.RuleInfo;
import dev.llmadvisor.rules.RuleKind;
import java.util.List;

/**
 * JUnit XML for test dashboards: one test case per finding rule for the plan. A case fails when its
 * rule raised a finding at or above the gate; findings below it are written to the case's output.
 */
final class JunitReport {
  private JunitReport() {}

  static String render(List<Evaluated> plans, Rendering how) {
    List<RuleInfo> rules =
        how.rules().stream().filter(rule -> rule.kind() == RuleKind.FINDING).toList();
    List<Long> failures = plans.stream().map(e -> failures(e.report(), rules, how)).toList();
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append(
        String.format(
            "<testsuites name=\"llm-deploy-advisor\" tests=\"%d\" failures=\"%d\">%n",
            rules.size() * plans.size(), failures.stream().mapToLong(Long::longValue).sum()));
    for (int i = 0; i < plans.size(); i++) {
      suite(xml, plans.get(i), rules, failures.get(i), how);
    }
    xml.append("</testsuites>\n");
    return xml.toString();
  }

  private static long failures(Report r, List<RuleInfo> rules, Rendering how) {
    return rules.stream().filter(rule -> raised(r, rule).stream().anyMatch(how::fails)).count();
  }

  private static void suite(
      StringBuilder xml, Evaluated e, List<RuleInfo> rules, long failures, Rendering how) {
    Report r = e.report();
    xml.append(
        String.format(
            "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\">%n",
            escape(e.planUri()), rules.size(), failures));
    xml.append("    <properties>\n");
    property(xml, "planName", r.planName());
    property(xml, "verdict", r.verdict().name());
    property(xml, "decisionId", r.decisionId());
    property(xml, "rulesetVersion", r.ruleset().version());
    xml.append("    </properties>\n");
    for (RuleInfo rule : rules) {
      List<Finding> found = raised(r, rule);
      xml.append(
          String.format(
              "    <testcase classname=\"%s.%s\" name=\"%s: %s\"",
              escape(r.planName()), escape(rule.category()), rule.id(), escape(rule.name())));
      if (found.isEmpty()) {
        xml.append("/>\n");
        continue;
      }
      xml.append(">\n");
      for (Finding f : found) {
        if (how.fails(f)) {
          xml.append(
              String.format(
                  "      <failure type=\"%s\" message=\"%s\">%s%nRemediation: %s</failure>%n",
                  f.severity(), escape(f.message()), escape(f.message()), escape(f.remediation())));
        }
      }
      xml.append("      <system-out>");
      for (Finding f : found) {
        xml.append(escape(f.severity() + " " + f.message())).append('\n');
        if (f.waiver() != null) {
          xml.append(escape("  " + f.waiver().note())).append('\n');
        }
      }
      xml.append("</system-out>\n    </testcase>\n");
    }
    xml.append("  </testsuite>\n");
  }

  private static List<Finding> raised(Report r, RuleInfo rule) {
    return r.findings().stream().filter(f -> f.ruleId().equals(rule.id())).toList();
  }

  private static void property(StringBuilder xml, String name, String value) {
    xml.append(
        String.format(
            "      <property name=\"%s\" value=\"%s\"/>%n", name, escape(String.valueOf(value))));
  }

  /** XML text and attribute escaping; characters XML 1.0 forbids are dropped. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                  if (c == 0x9
                      || c == 0xA
                      || c == 0xD
                      || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF)) {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.toString();
  }
}
