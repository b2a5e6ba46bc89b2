package dev.llmadvisor.performance;

import java.util.Map;

/**
 * Roofline speed figures of a plan ({@code performance}; docs/sizing.md, "Speed"): an upper bound
 * from the GPU's bandwidth and dense FLOP rates scaled by the named efficiency factors, without
 * queueing.
 *
 * @param batch sequences one replica decodes together at the plan's concurrency
 * @param decodeBound {@code memory} or {@code compute}, whichever limits a decode step
 * @param inputs every number the figures were computed from
 */
public record Performance(
    double decodeTokensPerSecondPerSequence,
    double decodeTokensPerSecondAggregate,
    double ttftMs,
    int batch,
    String decodeBound,
    String prefillBound,
    Double sloTtftP99Ms,
    Map<String, Object> inputs,
    Map<String, String> explain) {}
