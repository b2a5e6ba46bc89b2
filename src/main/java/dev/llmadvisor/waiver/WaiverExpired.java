package dev.llmadvisor.waiver;

import dev.llmadvisor.rules.Finding;

/** Inserted by {@code WAIVER-EXPIRED}: this finding's waiver has expired and no longer applies. */
public record WaiverExpired(Finding finding, Waiver waiver) {}
