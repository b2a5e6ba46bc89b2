package dev.llmadvisor.plan;

import dev.llmadvisor.catalogue.Architecture;
import java.util.List;

/**
 * A deployment plan as users write it (docs/plan.md): every field nullable on input. {@link
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

  /**
   * The model: a catalogue id, or an architecture for a model outside the catalogue.
   *
   * @param licence a catalogue licence id, or {@value #CUSTOM_TERMS}: Hugging Face's tag for terms
   *     of the model's own ({@code license: other})
   * @param licenceName the name of those custom terms (the card's {@code license_name}); only with
   *     {@code licence: other}
   * @param licenceLink where they can be read (the card's {@code license_link}); only with {@code
   *     licence: other}
   */
  public record Model(
      String id,
      Architecture architecture,
      String licence,
      String licenceName,
      String licenceLink,
      List<Model> mergedFrom) {

    /** Hugging Face's licence tag for custom terms, named by license_name and license_link. */
    public static final String CUSTOM_TERMS = "other";

    /** A model without custom licence terms. */
    public Model(String id, Architecture architecture, String licence, List<Model> mergedFrom) {
      this(id, architecture, licence, null, null, mergedFrom);
    }
  }

  public record Quantization(String weights, String kvCache) {}

  /**
   * @param gpuLayers llama.cpp's {@code --n-gpu-layers} ({@code -ngl}): the output layer first,
   *     then the last repeating layers; the model's layers + 1 offloads everything
   * @param flashAttention llama.cpp's {@code --flash-attn}: {@code on}, {@code off} or {@code auto}
   */
  public record Engine(
      String name,
      String version,
      Double gpuMemoryUtilization,
      Integer maxModelLen,
      Integer maxNumSeqs,
      Integer maxNumBatchedTokens,
      Integer maxBatchSize,
      Integer maxInputLen,
      Integer gpuLayers,
      String flashAttention) {}

  public record Hardware(String gpu, Integer gpusPerNode, Integer nodes, String interconnect) {}

  /**
   * @param expert the expert-parallel size of MoE layers (vLLM's {@code --enable-expert-parallel}
   *     makes it tensor × data-parallel ranks); null or 1 without expert parallelism
   */
  public record Parallelism(Integer tensor, Integer pipeline, Integer expert) {
    /** Tensor and pipeline parallelism without expert parallelism. */
    public Parallelism(Integer tensor, Integer pipeline) {
      this(tensor, pipeline, null);
    }
  }

  public record Workload(
      Integer concurrentRequests,
      Integer promptTokens,
      Integer outputTokens,
      String task,
      String criticality) {}

  /**
   * How the model is used and made available; the licence rules read it.
   *
   * @param monthlyActiveUsers the monthly active users a licence's user threshold counts (for Llama
   *     2 and 3.x: of every product and service made available by or for the licensee or its
   *     affiliates, in the calendar month before the model version's release date)
   * @param productName the name of the product or service that serves the model (no naming duty
   *     applies to it)
   * @param publishedModelName the name under which a model built from the served lineage is
   *     distributed or made available (a weights upload, or a model name offered through an API):
   *     licences' name-prefix duties apply to it
   */
  public record Usage(
      Boolean commercial,
      Boolean redistribution,
      Long monthlyActiveUsers,
      String productName,
      String publishedModelName) {}

  public record Slo(Double ttftP99Ms) {}

  public record Observed(Double ttftP99Ms, Double kvCacheWastePct, Double oomErrorRatePct) {}

  public record Monitoring(Alerts alerts) {}

  public record Alerts(Double ttftP99Ms, Double kvCacheWastePct, Double oomErrorRatePct) {}
}
