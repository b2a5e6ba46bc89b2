package dev.llmadvisor.rules;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Where each rule is declared. A compiled {@code Rule} does not keep its line (nor, in the
 * executable model, its file), so the text is parsed again with Drools' own parser: unlike a text
 * search it is not fooled by a rule name in a comment, or by single-quoted, unquoted or escaped
 * names.
 */
final class RuleLines {
  private RuleLines() {}

  /** A rule's file ({@code rules/<file>.drl}) and the 1-based line of its {@code rule} keyword. */
  record Place(String source, int line) {}

  /** {@link #key} of each rule of {@code texts} (source name → DRL) → where it is declared. */
  static Map<String, Place> of(Map<String, byte[]> texts) {
    Map<String, PackageDescr> parsed = new LinkedHashMap<>();
    texts.forEach(
        (source, text) -> {
          try {
            parsed.put(
                source, new DrlParser().parse(false, new String(text, StandardCharsets.UTF_8)));
          } catch (DroolsParserException e) {
            // Only called on text that has just compiled; the compile error would have been
            // reported.
            throw new IllegalStateException(source + ": DRL that compiled does not parse", e);
          }
        });
    return declared(parsed);
  }

  /** {@link #key} of each rule of files already parsed (source name → parse) → its place. */
  static Map<String, Place> declared(Map<String, PackageDescr> parsed) {
    Map<String, Place> places = new HashMap<>();
    parsed.forEach(
        (source, pkg) -> {
          for (RuleDescr rule : pkg.getRules()) {
            places.put(key(pkg.getName(), rule.getName()), new Place(source, rule.getLine()));
          }
        });
    return places;
  }

  /** Rule names are unique within a package, not across packages. */
  static String key(String packageName, String ruleName) {
    return packageName + "." + ruleName;
  }
}
