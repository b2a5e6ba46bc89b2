package dev.llmadvisor.catalogue;

/**
 * Every catalogue, loaded and cross-checked: the data the sizing model and the rules work from.
 * {@code prices} is optional data (empty without {@code prices.yaml}): GPU hour prices for the
 * what-if search.
 */
public record Catalogues(
    IdIndex<GpuSpec> gpus,
    IdIndex<ModelSpec> models,
    IdIndex<WeightFormat> weightFormats,
    IdIndex<KvCacheDtype> kvCacheDtypes,
    IdIndex<EngineSpec> engines,
    IdIndex<Licence> licences,
    IdIndex<Strategy> strategies,
    IdIndex<PlanDefault> planDefaults,
    IdIndex<PlanValues> planValues,
    RooflineFactors roofline,
    IdIndex<GpuPrice> prices) {

  /** The catalogued default for a plan field (the loader guarantees every required one). */
  public PlanDefault planDefault(String field) {
    return planDefaults.get(field);
  }

  /** The declared values of a plan field ({@code workload.task}); the loader guarantees them. */
  public PlanValues planValues(String field) {
    return planValues.get(field);
  }

  /** The catalogued hour price of a GPU, or null when none is sourced. */
  public GpuPrice price(String gpuId) {
    return prices.ids().contains(gpuId) ? prices.get(gpuId) : null;
  }
}
