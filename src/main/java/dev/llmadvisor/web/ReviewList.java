package dev.llmadvisor.web;

import java.util.List;

/**
 * The reviews list: recent decisions, newest first, filtered by plan name and verdict.
 *
 * @param error a bad filter value, in words; null when the filters were read
 */
public record ReviewList(
    List<Row> rows,
    String plan,
    String verdict,
    List<String> verdicts,
    int page,
    int pages,
    long total,
    String previous,
    String next,
    String error,
    Viewer viewer) {

  /** The page number as people count, from 1. */
  public int shown() {
    return page + 1;
  }

  /** One decision in the list. */
  public record Row(
      String decisionId,
      String evaluatedAt,
      String planName,
      String verdict,
      String verdictClass,
      String ruleset,
      String submitter,
      String reviewState) {}
}
