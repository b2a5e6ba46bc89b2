package dev.llmadvisor.catalogue;

import java.util.List;

/** A model licence as catalogued in {@code catalogues/licences.yaml}. */
public record Licence(
    String id,
    String name,
    List<String> aliases,
    String commercialUse,
    String useScope,
    String redistribution,
    String redistributionConditions,
    String derivatives,
    Boolean shareAlike,
    Attribution attribution,
    Long monthlyActiveUserLimit,
    List<String> useRestrictions,
    List<String> regionalRestrictions,
    String outputsForTraining,
    String status,
    String source)
    implements CatalogueEntry {

  public record Attribution(String display, String namePrefix, String notice) {}
}
