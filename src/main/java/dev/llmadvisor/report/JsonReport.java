package dev.llmadvisor.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/**
 * The report as JSON, the public contract ({@link Report}): one report as an object, several as an
 * array, indented, with a final newline; absent fields left out and times as ISO-8601 strings.
 */
final class JsonReport {
  private static final ObjectWriter WRITER =
      new ObjectMapper()
          .findAndRegisterModules()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .writer()
          .with(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  static String render(List<Evaluated> plans) {
    List<Report> reports = plans.stream().map(Evaluated::report).toList();
    try {
      return WRITER.writeValueAsString(reports.size() == 1 ? reports.get(0) : reports) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a report is always writable as JSON", e);
    }
  }
}
