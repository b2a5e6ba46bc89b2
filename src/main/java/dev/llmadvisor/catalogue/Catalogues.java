package dev.llmadvisor.catalogue;

/** Every catalogue, loaded and cross-checked: the data the sizing model and the rules work from. */
public record Catalogues(
    IdIndex<GpuSpec> gpus,
    IdIndex<ModelSpec> models,
    IdIndex<WeightFormat> weightFormats,
    IdIndex<KvCacheDtype> kvCacheDtypes,
    IdIndex<EngineSpec> engines,
    IdIndex<Licence> licences,
    IdIndex<Strategy> strategies,
    IdIndex<PlanDefault> planDefaults,
    RooflineFactors roofline) {

  /** The catalogued default for a plan field (the loader guarantees every required one). */
  public PlanDefault planDefault(String field) {
    return planDefaults.get(field);
  }
}
