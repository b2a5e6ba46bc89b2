package dev.llmadvisor.governance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.llmadvisor.plan.DeploymentPlan;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical form of a submitted plan and its hash. The canonical form is the plan as read
 * (before any default is filled in) written again as compact JSON: object keys sorted, absent
 * fields omitted, lists in their submitted order, no whitespace, UTF-8. So the same plan sent as
 * JSON or YAML, with other key order, comments or spacing, has the same hash; the hash is the
 * SHA-256 of those bytes, 64 lower-case hex digits.
 */
public record CanonicalPlan(String json, String sha256) {
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  public static CanonicalPlan of(DeploymentPlan plan) {
    try {
      String json = CANONICAL.writeValueAsString(plan);
      return new CanonicalPlan(json, sha256(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plan that was read could not be written again", e);
    }
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
