package dev.llmadvisor.rules;

import java.util.HashMap;
import java.util.Map;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Where each rule of one DRL file is declared. The compiled {@code Rule} does not keep its line, so
 * the text is parsed again with Drools' own parser: unlike a text search it is not fooled by a rule
 * name in a comment, or by single-quoted, unquoted or escaped names.
 */
final class RuleLines {
  private RuleLines() {}

  /** Rule name → 1-based line of its {@code rule} keyword. */
  static Map<String, Integer> of(String drl) {
    Map<String, Integer> lines = new HashMap<>();
    try {
      for (RuleDescr rule : new DrlParser().parse(false, drl).getRules()) {
        lines.put(rule.getName(), rule.getLine());
      }
    } catch (DroolsParserException e) {
      // Only called on text that has just compiled; the compile error would have been reported.
      throw new IllegalStateException("DRL that compiled does not parse", e);
    }
    return lines;
  }
}
