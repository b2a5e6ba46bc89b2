package dev.llmadvisor.licence;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The report's {@code licence} section (docs/licences.md, "The report's licence section"): the
 * terms that bind the served model after inheritance through every component, and for each
 * restriction the chain of models that imposes it. The restrictions are what the rules derived;
 * this only summarises them.
 *
 * @param licences every licence that binds the served model through any component
 * @param commercialUse {@code forbidden} when a restriction forbids it, {@code unknown} when a
 *     component's licence is unknown or its own custom terms ({@code other}), else {@code allowed}
 * @param redistribution {@code forbidden}, {@code non-commercial}, {@code unknown} or {@code
 *     allowed}, on the same reading
 * @param monthlyActiveUserLimit the lowest user threshold any component's licence sets
 * @param namePrefixes prefixes a published derivative's name must begin with
 * @param restrictions every restriction that reaches the served model, by kind
 */
public record LicenceReport(
    List<String> licences,
    String commercialUse,
    String redistribution,
    Long monthlyActiveUserLimit,
    List<String> namePrefixes,
    List<Component> components,
    List<Restriction> restrictions) {

  static final Comparator<Restriction> ORDER =
      Comparator.comparing(Restriction::kind)
          .thenComparing(Restriction::origin)
          .thenComparing(r -> String.valueOf(r.licence()));

  public static LicenceReport of(List<Component> components, List<Restriction> derived) {
    List<Restriction> onServed =
        derived.stream().filter(r -> "model".equals(r.at())).sorted(ORDER).toList();
    boolean unknown = has(onServed, "unknown-licence") || has(onServed, "custom-terms");
    String redistribution =
        details(onServed, "redistribution").contains("forbidden")
            ? "forbidden"
            : has(onServed, "redistribution") ? "non-commercial" : unknown ? "unknown" : "allowed";
    return new LicenceReport(
        components.stream()
            .flatMap(c -> Stream.of(c.catalogueLicence(), c.declaredLicence()))
            .filter(Objects::nonNull)
            .distinct()
            .sorted()
            .toList(),
        has(onServed, "commercial-use") ? "forbidden" : unknown ? "unknown" : "allowed",
        redistribution,
        onServed.stream()
            .filter(r -> "monthly-active-users".equals(r.kind()))
            .map(Restriction::limit)
            .min(Long::compare)
            .orElse(null),
        details(onServed, "name-prefix"),
        components,
        onServed);
  }

  private static boolean has(List<Restriction> restrictions, String kind) {
    return restrictions.stream().anyMatch(r -> kind.equals(r.kind()));
  }

  private static List<String> details(List<Restriction> restrictions, String kind) {
    return restrictions.stream()
        .filter(r -> kind.equals(r.kind()))
        .map(Restriction::detail)
        .distinct()
        .sorted()
        .toList();
  }
}
