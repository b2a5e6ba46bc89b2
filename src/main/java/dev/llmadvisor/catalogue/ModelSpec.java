package dev.llmadvisor.catalogue;

import java.util.List;

/**
 * A model as catalogued in {@code catalogues/models.yaml}. {@code modelType} is the {@code
 * model_type} of its Hugging Face {@code config.json} (engines key per-architecture behaviour on
 * it); null for a plan's own architecture.
 */
public record ModelSpec(
    String id,
    List<String> aliases,
    String family,
    String modelType,
    String licence,
    String nativeDtype,
    List<String> baseModels,
    Architecture architecture,
    String status,
    String source)
    implements CatalogueEntry {}
