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
public final class JsonReport {
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
    return write(reports.size() == 1 ? reports.get(0) : reports);
  }

  /** Any of the advisor's answers (a report, a what-if result) written the way reports are. */
  public static String write(Object answer) {
    try {
      return WRITER.writeValueAsString(answer) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an answer is always writable as JSON", e);
    }
  }
}
