package dev.llmadvisor.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/** The SARIF 2.1.0 JSON schema (test resource {@code schema/sarif-schema-2.1.0.json}). */
public final class SarifSchema {
  private static final JsonSchema SCHEMA = load();

  private SarifSchema() {}

  /** What the schema finds wrong with a SARIF log; empty when it is valid. */
  public static Set<ValidationMessage> validate(JsonNode log) {
    return SCHEMA.validate(log);
  }

  private static JsonSchema load() {
    try (InputStream in =
        SarifSchema.class.getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
