package dev.llmadvisor.waiver;

import java.time.Instant;

/** The fact saying when the evaluation happens: the rules compare waivers' expiry with it. */
public record EvaluationTime(Instant instant) {}
