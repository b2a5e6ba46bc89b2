package dev.llmadvisor.rules;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a finding counts towards the verdict ({@code active}) or a waiver accepted it. */
public enum FindingState {
  ACTIVE,
  WAIVED;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
