package dev.llmadvisor.web;

import dev.llmadvisor.licence.Component;
import dev.llmadvisor.licence.LicenceReport;
import dev.llmadvisor.licence.Restriction;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The licence lineage of the served model as a tree: the served model at the root, its merge
 * components and catalogued base models below it, each with the restrictions its licence imposes
 * and the path each travels to the served model. Read from the report's {@code licence} section;
 * the restrictions are the ones the rules carried up to the served model.
 */
public record LicenceTree(Node root) {

  /**
   * One model of the lineage.
   *
   * @param relation {@code served}, {@code merged-from} or {@code base-model}
   * @param licence the catalogue's licence and the plan's declared one, in words
   * @param imposes the restrictions whose origin is this model, as they reach the served model
   */
  @TemplateData
  public record Node(
      String path,
      String modelId,
      String relation,
      String licence,
      List<Imposed> imposes,
      List<Node> children) {}

  /**
   * A restriction where it starts, with the path it travels ({@code a (cc-by-nc-4.0) → b}).
   *
   * @param steps how many models it is carried through to reach the served model; 0 when it is the
   *     served model's own licence
   */
  @TemplateData
  public record Imposed(String kind, String detail, String licence, String path, int steps) {}

  /** The tree, or null when the report has no licence section or no served model. */
  public static LicenceTree of(LicenceReport report) {
    if (report == null || report.components() == null) {
      return null;
    }
    return report.components().stream()
        .filter(Component::served)
        .findFirst()
        .map(c -> new LicenceTree(node(c, report)))
        .orElse(null);
  }

  private static Node node(Component c, LicenceReport report) {
    List<Node> children = new ArrayList<>();
    for (Component child : report.components()) {
      if (c.path().equals(child.parentPath())) {
        children.add(node(child, report));
      }
    }
    List<Imposed> imposes =
        report.restrictions().stream()
            .filter(r -> c.path().equals(r.origin()))
            .map(LicenceTree::imposed)
            .toList();
    return new Node(
        c.path(), c.modelId(), c.relation(), licence(c), imposes, List.copyOf(children));
  }

  private static Imposed imposed(Restriction r) {
    return new Imposed(r.kind(), r.detail(), r.licence(), r.path(), r.chain().size() - 1);
  }

  static String licence(Component c) {
    String cat = c.catalogueLicence();
    String declared = c.declaredLicence();
    if (declared != null && "other".equals(declared) && c.licenceName() != null) {
      declared = "other: " + c.licenceName();
    }
    if (cat == null && declared == null) {
      return "unknown licence";
    }
    if (cat == null) {
      return declared + " (declared by the plan)";
    }
    if (declared == null || Objects.equals(cat, declared)) {
      return cat;
    }
    return cat + " (catalogue); " + declared + " (declared by the plan)";
  }
}
