package dev.llmadvisor.licence;

import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.catalogue.Licence;
import dev.llmadvisor.catalogue.ModelSpec;
import dev.llmadvisor.plan.DeploymentPlan.Model;
import dev.llmadvisor.plan.ResolvedPlan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The served model's lineage as flat facts: one {@link Component} per model with a link to its
 * parent, and the catalogue entries of every licence they name. Only the data: which terms a
 * licence imposes and how they travel up the lineage is for the rules ({@code
 * rules/licensing.drl}).
 */
public record Lineage(List<Component> components, List<Licence> licences) {

  /** Base models the catalogue names are followed this deep at most (they form no cycles today). */
  static final int MAX_BASE_DEPTH = 8;

  public static Lineage of(ResolvedPlan r, Catalogues catalogues) {
    Model planModel = r.plan().model();
    ModelSpec served = r.customModel() ? null : r.model();
    List<Component> components = new ArrayList<>();
    Deque<Pending> work = new ArrayDeque<>();
    work.add(
        new Pending(
            "model",
            null,
            "served",
            r.model().id(),
            served,
            licenceId(catalogues, planModel.licence()),
            planModel,
            0));
    while (!work.isEmpty()) {
      Pending p = work.removeFirst();
      components.add(
          new Component(
              p.path,
              p.modelId,
              p.parent,
              p.relation,
              p.spec == null ? null : p.spec.licence(),
              p.declared,
              p.planModel == null ? null : p.planModel.licenceName(),
              p.planModel == null ? null : p.planModel.licenceLink()));
      List<Model> merged =
          p.planModel == null || p.planModel.mergedFrom() == null
              ? List.of()
              : p.planModel.mergedFrom();
      for (int i = 0; i < merged.size(); i++) {
        Model m = merged.get(i);
        work.add(
            new Pending(
                p.path + ".mergedFrom[" + i + "]",
                p.path,
                "merged-from",
                m.id(),
                catalogued(catalogues, m.id()),
                licenceId(catalogues, m.licence()),
                m,
                p.baseDepth));
      }
      if (p.spec != null && p.baseDepth < MAX_BASE_DEPTH) {
        for (String base : p.spec.baseModels()) {
          work.add(
              new Pending(
                  p.path + ".baseModel[" + base + "]",
                  p.path,
                  "base-model",
                  base,
                  catalogued(catalogues, base),
                  null,
                  null,
                  p.baseDepth + 1));
        }
      }
    }
    Map<String, Licence> licences = new LinkedHashMap<>();
    components.stream()
        .flatMap(c -> Stream.of(c.catalogueLicence(), c.declaredLicence()))
        .filter(id -> id != null && !Model.CUSTOM_TERMS.equals(id))
        .forEach(id -> licences.computeIfAbsent(id, catalogues.licences()::get));
    return new Lineage(List.copyOf(components), List.copyOf(licences.values()));
  }

  /**
   * The catalogue id of a licence the plan names by id or alias (the resolver checked it); {@code
   * other}, custom terms, stays as it is.
   */
  private static String licenceId(Catalogues catalogues, String given) {
    Licence found = given == null ? null : catalogues.licences().entry(given);
    return found != null ? found.id() : given;
  }

  /** The catalogue entry of a component named by id or alias; merges often name models we lack. */
  private static ModelSpec catalogued(Catalogues catalogues, String id) {
    return catalogues.models().idOrAlias(id);
  }

  private record Pending(
      String path,
      String parent,
      String relation,
      String modelId,
      ModelSpec spec,
      String declared,
      Model planModel,
      int baseDepth) {}
}
