package dev.llmadvisor.strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the search for a recommendation found: the tree's order, every candidate it tried in that
 * order (each with the rules that stopped it), and the first that passed, if any.
 *
 * @param chosen the first candidate that passes; null when none does
 * @param chosenBy the tree's step that ranked the chosen strategy; null when none passes
 */
public record SearchOutcome(
    List<StrategyPreference> order,
    List<Candidate> tried,
    Candidate chosen,
    StrategyPreference chosenBy) {

  public boolean found() {
    return chosen != null;
  }

  /** For each strategy of the order, the ids of the rules that stopped its candidates, sorted. */
  public Map<String, List<String>> stoppedBy() {
    Map<String, List<String>> stopped = new LinkedHashMap<>();
    for (StrategyPreference p : order) {
      TreeSet<String> ids = new TreeSet<>();
      for (Candidate c : tried) {
        if (c.strategyId().equals(p.strategyId())) {
          ids.addAll(c.stoppedBy());
          if (c.problem() != null) {
            ids.add("invalid plan");
          }
        }
      }
      stopped.put(p.strategyId(), new ArrayList<>(ids));
    }
    return stopped;
  }

  /** {@code fp8-w8a8: SIZING-DOES-NOT-FIT, …; int4-awq: …}, for messages. */
  public String stoppedByText() {
    List<String> parts = new ArrayList<>();
    stoppedBy().forEach((s, ids) -> parts.add(s + " stopped by " + String.join(", ", ids)));
    return String.join("; ", parts);
  }
}
