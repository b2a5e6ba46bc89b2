package dev.llmadvisor.rules;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a rule inserts, told by its metadata: a {@link Finding} ({@code @severity}), the {@link
 * VerdictDecision} ({@code @verdict}), or an intermediate fact other rules match on ({@code
 * @derives}).
 */
public enum RuleKind {
  FINDING,
  VERDICT,
  DERIVATION;

  /** The name clients and docs use: {@code finding}, {@code verdict}, {@code derivation}. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
