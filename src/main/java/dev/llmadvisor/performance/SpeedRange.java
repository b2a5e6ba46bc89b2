package dev.llmadvisor.performance;

/**
 * The band a predicted speed falls in on the calibration data: the prediction times the 10th and
 * 90th percentile of measured ÷ predicted for the plan's engine and GPU family (docs/speed.md).
 *
 * @param low the slower-or-lower end for tokens/s, the faster end for a TTFT (the 10th percentile)
 * @param high the 90th percentile end
 * @param basis which calibration points the percentiles come from, and the factors
 */
public record SpeedRange(double low, double high, String basis) {}
