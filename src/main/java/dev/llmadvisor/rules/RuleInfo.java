package dev.llmadvisor.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A rule as its metadata describes it. Finding rules carry id, severity, category, remediation and
 * references; verdict rules an id and the verdict they decide; derivation rules an id, the fact
 * type they insert ({@code derives}), category and references. Its JSON is what {@code GET
 * /api/v1/rules} answers: {@code name} as {@code title} (as on the findings it raises), the kind's
 * label, the {@link #location()}, and {@code waivable} for finding rules only.
 *
 * @param name the rule's name, a plain sentence (a finding's {@code title})
 * @param source {@code rules/<file>.drl}
 * @param waivable for finding rules, whether a waiver may accept their findings ({@code
 *     @waivable}, true unless the rule says {@code false}); false for verdict and derivation rules
 * @param line the 1-based line of the {@code rule "<name>"} declaration in {@code source}; 0 where
 *     it is not known (metadata read inside a consequence)
 */
@JsonPropertyOrder({
  "id",
  "title",
  "kind",
  "severity",
  "category",
  "remediation",
  "references",
  "field",
  "verdict",
  "derives",
  "source",
  "line",
  "location",
  "waivable"
})
public record RuleInfo(
    String id,
    @JsonProperty("title") String name,
    RuleKind kind,
    Severity severity,
    String category,
    String remediation,
    List<String> references,
    String field,
    Verdict verdict,
    String derives,
    String source,
    int line,
    @JsonIgnore boolean waivable) {

  /** {@code rules/<file>.drl:<line>}, the way compile errors name a place. */
  @JsonProperty("location")
  public String location() {
    return source + ":" + line;
  }

  /** {@link #waivable()} for a finding rule; null (left out of the JSON) for the others. */
  @JsonProperty("waivable")
  Boolean waivableFinding() {
    return kind == RuleKind.FINDING ? waivable : null;
  }
}
