package dev.llmadvisor.plan;

import dev.llmadvisor.catalogue.Architecture;
import java.util.List;

/**
 * A deployment plan as users write it (PRODUCT §2): every field nullable on input. {@link
 * PlanResolver} fills in the documented defaults and checks the values; the names are public API.
 */
public record DeploymentPlan(
    String name,
    String environment,
    Model model,
    Quantization quantization,
    Engine engine,
    Hardware hardware,
    Parallelism parallelism,
    Workload workload,
    Usage usage,
    Slo slo,
    Observed observed,
    Monitoring monitoring) {

  /**
   * This plan with other quantization, engine, parallelism and observed figures: how the advisor
   * writes the variants it sizes (the recommendation's candidates, the FP8 KV-cache what-if).
   */
  public DeploymentPlan variant(
      Quantization quantization, Engine engine, Parallelism parallelism, Observed observed) {
    return new DeploymentPlan(
        name,
        environment,
        model,
        quantization,
        engine,
        hardware,
        parallelism,
        workload,
        usage,
        slo,
        observed,
        monitoring);
  }

  /** The model: a catalogue id, or an architecture for a model outside the catalogue. */
  public record Model(
      String id, Architecture architecture, String licence, List<Model> mergedFrom) {}

  public record Quantization(String weights, String kvCache) {}

  public record Engine(
      String name,
      String version,
      Double gpuMemoryUtilization,
      Integer maxModelLen,
      Integer maxNumSeqs,
      Integer maxNumBatchedTokens,
      Integer maxBatchSize,
      Integer maxInputLen) {}

  public record Hardware(String gpu, Integer gpusPerNode, Integer nodes, String interconnect) {}

  public record Parallelism(Integer tensor, Integer pipeline) {}

  public record Workload(
      Integer concurrentRequests,
      Integer promptTokens,
      Integer outputTokens,
      String task,
      String criticality) {}

  public record Usage(
      Boolean commercial, Boolean redistribution, Long monthlyActiveUsers, String publishedName) {}

  public record Slo(Double ttftP99Ms) {}

  public record Observed(Double ttftP99Ms, Double kvCacheWastePct, Double oomErrorRatePct) {}

  public record Monitoring(Alerts alerts) {}

  public record Alerts(Double ttftP99Ms, Double kvCacheWastePct, Double oomErrorRatePct) {}
}
