package dev.llmadvisor.waiver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a report says of each finding's waiver, read from its JSON: the CLI's report and the
 * server's are compared by these.
 */
public record WaiverStates(String verdict, List<State> states) {

  /** One finding: its rule, state, and the waiver that applied or expired (null when none). */
  public record State(String ruleId, String state, String waiverId, boolean expired, String note) {
    /** The same of a finding of a report in memory. */
    public static State of(dev.llmadvisor.rules.Finding f) {
      dev.llmadvisor.rules.WaiverNote w = f.waiver();
      return new State(
          f.ruleId(),
          f.state().label(),
          w == null ? null : w.id(),
          w != null && w.expired(),
          w == null ? null : w.note());
    }
  }

  /** The verdict and finding states of a report in JSON. */
  public static WaiverStates of(JsonNode report) {
    List<State> states = new ArrayList<>();
    for (JsonNode f : report.get("findings")) {
      JsonNode w = f.get("waiver");
      states.add(
          new State(
              f.get("ruleId").asText(),
              f.get("state").asText(),
              w == null ? null : w.get("id").asText(),
              w != null && w.get("expired").asBoolean(),
              w == null ? null : w.get("note").asText()));
    }
    return new WaiverStates(report.get("verdict").asText(), states);
  }
}
