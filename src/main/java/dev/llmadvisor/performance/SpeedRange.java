package dev.llmadvisor.performance;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The band a predicted speed falls in on the calibration data: the prediction times the 10th and
 * 90th percentile of measured ÷ predicted for the plan's engine and GPU family (docs/speed.md).
 *
 * @param low the slower-or-lower end for tokens/s, the faster end for a TTFT (the 10th percentile)
 * @param high the 90th percentile end
 * @param basis the whole arithmetic: the prediction, the two factors, which calibration points they
 *     come from, and the two ends
 * @param calibration which calibration points the factors come from ("on 14 calibration points:
 *     vllm on ada, dense models"), for a rule's message to say which case it took; the report
 *     carries it inside {@code basis}
 */
public record SpeedRange(double low, double high, String basis, @JsonIgnore String calibration) {}
