package dev.llmadvisor.catalogue;

import java.util.Map;

/**
 * Achievable fractions of a GPU's nominal bandwidth and dense FLOP rates, from {@code
 * catalogues/roofline.yaml}: the efficiency factors the speed model names in every report.
 */
public record RooflineFactors(
    Double bandwidthEfficiency,
    Map<String, Double> computeEfficiency,
    Double tensorParallelCommunicationOverhead,
    String status,
    String source) {

  public double computeEfficiencyFor(String dtype) {
    Double e = computeEfficiency.get(dtype);
    return e != null ? e : computeEfficiency.get("bf16");
  }
}
