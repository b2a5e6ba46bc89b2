package dev.llmadvisor.licence;

/**
 * One model in the lineage of the served model: the model itself ({@code path} "model"), each
 * component of a merge, and each base model the catalogue names. Rules propagate licence
 * restrictions from a component to its parent, up to the served model.
 *
 * @param path where the component sits, e.g. {@code model.mergedFrom[1].mergedFrom[0]}
 * @param parentPath the model built from this one; null for the served model
 * @param relation {@code served}, {@code merged-from} (the plan says so) or {@code base-model} (the
 *     catalogue says so)
 * @param catalogueLicence the licence the model catalogue gives this model, null when uncatalogued
 * @param declaredLicence the licence the plan declares for this model, null when it declares none;
 *     {@code other} for terms of its own (Hugging Face's tag)
 * @param licenceName the name of those custom terms, when the plan gives it
 * @param licenceLink where they can be read, when the plan gives it
 */
public record Component(
    String path,
    String modelId,
    String parentPath,
    String relation,
    String catalogueLicence,
    String declaredLicence,
    String licenceName,
    String licenceLink) {

  public boolean served() {
    return parentPath == null;
  }

  /** Whether any licence is known for this model, from the catalogue or the plan. */
  public boolean licenceKnown() {
    return catalogueLicence != null || declaredLicence != null;
  }
}
