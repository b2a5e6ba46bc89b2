package dev.llmadvisor.waiver;

import dev.llmadvisor.rules.Finding;

/** Inserted by {@code WAIVER-APPLIES}: a live waiver accepts this finding. */
public record Waived(Finding finding, Waiver waiver) {}
