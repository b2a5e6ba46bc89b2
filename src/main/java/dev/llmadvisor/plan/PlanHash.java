package dev.llmadvisor.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The plan hash: SHA-256 of the plan's canonical form, in lower-case hex (64 characters). The one
 * function for it: waivers scoped by {@code planHash}, the report and the decision log all call
 * {@link #of(DeploymentPlan)}.
 *
 * <p>The canonical form is the plan <em>as submitted</em> (read by {@link PlanReader}, before
 * {@link PlanResolver} fills in defaults), written as compact JSON in UTF-8 with every object's
 * keys sorted and no null field. So the same plan in YAML or JSON, with its keys in any order,
 * comments or not, hashes the same; a default the user left out and the same value written out do
 * not (the first follows the catalogue's default, the second does not).
 */
public final class PlanHash {
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.INDENT_OUTPUT)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build()
          .findAndRegisterModules();

  private PlanHash() {}

  /** The hash of a plan as submitted. */
  public static String of(DeploymentPlan plan) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical(plan).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The canonical JSON the hash is taken of. */
  public static String canonical(DeploymentPlan plan) {
    try {
      return CANONICAL.writeValueAsString(plan);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plan always serialises", e);
    }
  }
}
