package dev.llmadvisor.governance;

import dev.llmadvisor.rules.Verdict;
import java.time.Instant;

/**
 * A filter on the decision log, newest first. Null filters match everything.
 *
 * @param plan exact plan name
 * @param since decisions evaluated at or after this instant
 * @param page zero-based page number
 * @param size decisions per page
 */
public record DecisionQuery(String plan, Verdict verdict, Instant since, int page, int size) {
  public static final int MAX_SIZE = 500;

  public DecisionQuery {
    if (page < 0 || size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("page >= 0 and 1 <= size <= " + MAX_SIZE);
    }
  }
}
