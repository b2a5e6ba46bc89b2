package dev.llmadvisor.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The report's formats (docs/ci.md), each with its media type and its writer. */
public enum ReportFormat {
  JSON("application/json"),
  TEXT("text/plain"),
  MARKDOWN("text/markdown"),
  SARIF("application/sarif+json"),
  JUNIT("application/xml");

  private final String mediaType;

  ReportFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /** {@code sarif} → SARIF; null when no format has that name. */
  public static ReportFormat named(String name) {
    return Arrays.stream(values())
        .filter(f -> f.name().equals(name.toUpperCase(Locale.ROOT)))
        .findFirst()
        .orElse(null);
  }

  public static List<String> mediaTypes() {
    return Arrays.stream(values()).map(ReportFormat::mediaType).toList();
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
  }

  /** The reports of one or more plans in this format. */
  public String render(List<Evaluated> plans, Rendering how) {
    return switch (this) {
      case JSON -> JsonReport.render(plans);
      case TEXT -> each(plans, e -> TextReport.render(e.report()), "\n");
      case MARKDOWN -> each(plans, e -> MarkdownReport.render(e.report()), "\n---\n\n");
      case SARIF -> SarifReport.render(plans, how);
      case JUNIT -> JunitReport.render(plans, how);
    };
  }

  private static String each(
      List<Evaluated> plans, java.util.function.Function<Evaluated, String> one, String between) {
    return String.join(between, plans.stream().map(one).toList());
  }
}
