package dev.llmadvisor.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.drools.model.Drools;
import org.kie.api.runtime.rule.RuleContext;

/**
 * Builds findings inside rule consequences, from the firing rule's own metadata: DRL writes {@code
 * insert(finding(drools, "message from " + $plan.numbers()))} and never repeats id, severity or
 * remedy.
 */
public final class Findings {
  private static final Pattern REFERENCE_SEPARATOR = Pattern.compile("\\s*;\\s*");

  private Findings() {}

  /**
   * The firing rule's {@code @id}, for a derived fact that names the rule behind it: DRL writes
   * {@code ruleId(drools)} rather than typing the id a second time.
   */
  public static String ruleId(RuleContext drools) {
    return text(drools.getRule().getMetaData(), "id");
  }

  /** {@link #ruleId(RuleContext)} in a consequence of the executable model (the shipped rules). */
  public static String ruleId(Drools drools) {
    return ruleId(context(drools));
  }

  /** {@link #finding(RuleContext, String)} in a consequence of the executable model. */
  public static Finding finding(Drools drools, String message) {
    return finding(context(drools), message);
  }

  /** The model's consequence context is also Drools' classic one, which holds the firing rule. */
  private static RuleContext context(Drools drools) {
    return (RuleContext) drools;
  }

  public static Finding finding(RuleContext drools, String message) {
    RuleInfo info = RuleMetadata.kept(drools.getRule());
    if (info.kind() != RuleKind.FINDING) {
      // Without a severity the finding would break the verdict and the report's order later on.
      throw new IllegalStateException(
          info.source()
              + ": rule \""
              + info.name()
              + "\" is a "
              + info.kind().label()
              + " rule: only finding rules (with @severity) may call finding(drools, message)");
    }
    return new Finding(
        info.id(),
        info.severity(),
        info.category(),
        info.name(),
        message,
        info.remediation(),
        info.references(),
        info.field(),
        info.source(),
        info.waivable(),
        FindingState.ACTIVE,
        null);
  }

  static List<String> splitReferences(Object value) {
    if (value == null) {
      return List.of();
    }
    List<String> references = new ArrayList<>();
    for (String s : REFERENCE_SEPARATOR.split(value.toString())) {
      if (!s.isBlank()) {
        references.add(s);
      }
    }
    return Collections.unmodifiableList(references);
  }

  static String text(Map<String, Object> meta, String key) {
    Object v = meta.get(key);
    return v == null ? null : v.toString();
  }
}
