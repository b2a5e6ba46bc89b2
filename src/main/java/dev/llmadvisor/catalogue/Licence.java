package dev.llmadvisor.catalogue;

import java.util.List;

/**
 * A model licence as catalogued in {@code catalogues/licences.yaml}.
 *
 * @param monthlyActiveUserLimit the number of monthly active users above which the licence grants
 *     nothing without a separate licence, null when it has no such threshold
 * @param monthlyActiveUsersCounted whose monthly active users, and when, the threshold counts, in
 *     the licence's own terms; given with every {@code monthlyActiveUserLimit}
 */
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
    String monthlyActiveUsersCounted,
    List<String> useRestrictions,
    List<String> regionalRestrictions,
    String outputsForTraining,
    String status,
    String source)
    implements CatalogueEntry {

  /**
   * @param display the line to display, e.g. "Built with Llama"
   * @param displayWhen what owes the display: {@code product} (whoever distributes or makes
   *     available the model or a product or service containing it, hosted services included) or
   *     {@code derivative-model} (whoever distributes or makes available a model built with it)
   * @param namePrefix what the name of a derivative model that is distributed or made available
   *     must begin with
   * @param notice the notice every distributed copy must carry
   */
  public record Attribution(String display, String displayWhen, String namePrefix, String notice) {}
}
