package dev.llmadvisor.governance;

import java.time.Instant;

/**
 * A reviewer's outcome on one recorded decision (docs/governance.md, "Reviews"). Append-only: a
 * later review of the same decision does not replace an earlier one, both are kept.
 *
 * @param reviewer the authenticated principal who posted it
 * @param outcome {@code approved}, {@code rejected} or {@code changes-requested}
 * @param comment free text, may be null
 */
public record Review(
    String id, String decisionId, String reviewer, String outcome, String comment, Instant at) {}
