package dev.llmadvisor.performance;

import java.util.Map;

/**
 * Speed figures of a plan ({@code performance}; docs/speed.md): the roofline over the GPU's
 * bandwidth and dense FLOP rates, with the achievable fractions, engine overheads and all-reduce
 * cost calibrated on measured runs (docs/speed.md), without queueing. Each predicted speed carries
 * the range the calibration residuals give.
 *
 * @param batch sequences one replica decodes together at the plan's concurrency
 * @param decodeBound {@code memory} or {@code compute}, whichever limits a decode step
 * @param inputs every number the figures were computed from
 * @param outputTokensPerSecondAggregate output tokens per second of all replicas when each request
 *     also pays its prefill: sequences × output tokens ÷ (prefill of the batch + output tokens ×
 *     step time)
 * @param decodeTokensPerSecondPerSequenceRange 10th–90th percentile band of the per-sequence decode
 *     speed on the calibration data
 * @param ttftMsRange 10th–90th percentile band of the TTFT; a plan whose SLO lies inside it passes
 *     only at the optimistic end
 * @param decodeTokensPerSecondAggregateRange the decode speed's band on the aggregate decode speed,
 *     which is that speed times the batch
 * @param outputTokensPerSecondAggregateRange the decode speed's band on the output throughput: the
 *     end-to-end runs of static batches (prefill, then a decode step per token) calibrate it
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
    Map<String, String> explain,
    double outputTokensPerSecondAggregate,
    SpeedRange decodeTokensPerSecondPerSequenceRange,
    SpeedRange ttftMsRange,
    SpeedRange decodeTokensPerSecondAggregateRange,
    SpeedRange outputTokensPerSecondAggregateRange) {}
