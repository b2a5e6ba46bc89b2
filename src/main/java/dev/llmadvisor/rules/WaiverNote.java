package dev.llmadvisor.rules;

import java.time.Instant;

/**
 * What a report says about the waiver behind a finding: the live waiver that accepted it, or the
 * expired one that no longer does.
 *
 * @param note one sentence: {@code waived by W until D: reason} or {@code waiver W expired on D}
 */
public record WaiverNote(
    String id, String reason, String ticket, Instant expiresAt, boolean expired, String note) {}
