package dev.llmadvisor.catalogue;

import java.util.List;

/** A model as catalogued in {@code catalogues/models.yaml}. */
public record ModelSpec(
    String id,
    List<String> aliases,
    String family,
    String licence,
    String nativeDtype,
    List<String> baseModels,
    Architecture architecture,
    String status,
    String source)
    implements CatalogueEntry {}
