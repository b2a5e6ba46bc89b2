package dev.llmadvisor.waiver;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.llmadvisor.catalogue.Lookup;
import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.rules.IndexedRule;
import dev.llmadvisor.rules.RuleInfo;
import dev.llmadvisor.rules.RuleKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The waiver file: a YAML document with a list under {@code waivers:}, what {@code GET
 * /api/v1/waivers} exports and {@code advisor check --waivers} reads (docs/waivers.md). Read
 * strictly against a rule set: every problem names its field ({@code waivers[2].expiresAt}), an
 * unknown rule id its nearest ids, and a rule whose metadata says {@code @waivable(false)} is
 * refused.
 */
public final class WaiverFile {
  static final List<String> KEYS =
      List.of("id", "ruleId", "scope", "reason", "ticket", "approvedBy", "expiresAt", "revokedAt");
  static final List<String> SCOPE_KEYS = List.of("planName", "planHash");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private static final ObjectMapper YAML =
      JsonMapper.builder(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build()
          .findAndRegisterModules();

  private WaiverFile() {}

  /** The file as the export writes it. */
  public static String write(List<Waiver> waivers) {
    try {
      return YAML.writeValueAsString(Map.of("waivers", waivers));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("waivers always serialise", e);
    }
  }

  /**
   * Reads a waiver file against the rule set's rules.
   *
   * @param source how errors name the file
   * @throws InvalidWaiversException with every problem found, each naming its field
   */
  public static List<Waiver> read(String text, String source, List<RuleInfo> rules) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new InvalidWaiversException(
          source + ": not YAML" + at + ": " + e.getOriginalMessage(), List.of());
    }
    List<FieldError> errors = new ArrayList<>();
    if (root == null || root.isMissingNode() || !root.isObject() || !root.has("waivers")) {
      throw new InvalidWaiversException(
          source + ": invalid waiver file",
          List.of(FieldError.of("waivers", "required: a list of waivers", null)));
    }
    unknownKeys(root, "", List.of("waivers"), errors);
    List<Waiver> waivers = list(root.get("waivers"), rules, errors);
    if (!errors.isEmpty()) {
      throw new InvalidWaiversException(source + ": invalid waiver file", errors);
    }
    return waivers;
  }

  /**
   * Reads a list of waivers (the value of {@code waivers:}), collecting problems in {@code errors}.
   */
  public static List<Waiver> list(JsonNode node, List<RuleInfo> rules, List<FieldError> errors) {
    List<Waiver> waivers = new ArrayList<>();
    if (node == null || node.isNull()) {
      return waivers;
    }
    if (!node.isArray()) {
      errors.add(FieldError.of("waivers", "must be a list of waivers", node.toString()));
      return waivers;
    }
    Map<String, RuleInfo> byId =
        rules.stream().collect(Collectors.toMap(RuleInfo::id, Function.identity()));
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      Waiver w = waiver(node.get(i), "waivers[" + i + "].", byId, errors);
      if (w != null && !ids.add(w.id())) {
        errors.add(
            FieldError.of(
                "waivers[" + i + "].id", "duplicate: another waiver has this id", w.id()));
      }
      if (w != null) {
        waivers.add(w);
      }
    }
    return waivers;
  }

  private static Waiver waiver(
      JsonNode n, String at, Map<String, RuleInfo> rules, List<FieldError> errors) {
    if (!n.isObject()) {
      errors.add(FieldError.of(at.substring(0, at.length() - 1), "must be a waiver", n.toString()));
      return null;
    }
    int before = errors.size();
    unknownKeys(n, at, KEYS, errors);
    String id = text(n, at, "id", true, errors);
    String ruleId = text(n, at, "ruleId", true, errors);
    if (ruleId != null) {
      RuleInfo rule = rules.get(ruleId);
      if (rule == null) {
        errors.add(
            new FieldError(
                at + "ruleId", "unknown rule id", ruleId, nearest(ruleId, rules.values())));
      } else if (rule.kind() != RuleKind.FINDING) {
        errors.add(
            FieldError.of(
                at + "ruleId",
                "is a " + rule.kind().label() + " rule; only finding rules' findings are waived",
                ruleId));
      } else if (!rule.waivable()) {
        errors.add(
            FieldError.of(
                at + "ruleId",
                "rule "
                    + ruleId
                    + " may not be waived (@waivable(false) at "
                    + rule.location()
                    + "): "
                    + rule.remediation(),
                ruleId));
      }
    }
    WaiverScope scope = scope(n.get("scope"), at + "scope", errors);
    String reason = text(n, at, "reason", true, errors);
    String ticket = text(n, at, "ticket", false, errors);
    String approvedBy = text(n, at, "approvedBy", false, errors);
    Instant expiresAt = instant(n, at, "expiresAt", true, errors);
    Instant revokedAt = instant(n, at, "revokedAt", false, errors);
    if (errors.size() > before) {
      return null;
    }
    return new Waiver(id, ruleId, scope, reason, ticket, approvedBy, expiresAt, revokedAt);
  }

  private static WaiverScope scope(JsonNode n, String at, List<FieldError> errors) {
    if (n == null || n.isNull()) {
      errors.add(FieldError.of(at, "required: planName (exact or glob) or planHash", null));
      return null;
    }
    if (!n.isObject()) {
      errors.add(FieldError.of(at, "must be a mapping with planName or planHash", n.toString()));
      return null;
    }
    unknownKeys(n, at + ".", SCOPE_KEYS, errors);
    String name = text(n, at + ".", "planName", false, errors);
    String hash = text(n, at + ".", "planHash", false, errors);
    if ((name == null) == (hash == null)) {
      errors.add(
          FieldError.of(
              at,
              name == null
                  ? "required: planName (exact or glob) or planHash"
                  : "give planName or planHash, not both",
              null));
      return null;
    }
    if (hash != null && !SHA256.matcher(hash).matches()) {
      errors.add(
          FieldError.of(
              at + ".planHash",
              "must be a SHA-256 in lower-case hex (64 characters), as reports give it",
              hash));
      return null;
    }
    return new WaiverScope(name, hash);
  }

  private static String text(
      JsonNode n, String at, String key, boolean required, List<FieldError> errors) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        errors.add(FieldError.of(at + key, "required", null));
      }
      return null;
    }
    if (!v.isTextual() && !v.isNumber()) {
      errors.add(FieldError.of(at + key, "must be text", v.toString()));
      return null;
    }
    String s = v.asText().strip();
    if (s.isEmpty()) {
      errors.add(FieldError.of(at + key, "must not be blank", v.asText()));
      return null;
    }
    return s;
  }

  /**
   * An instant with its offset ({@code 2027-01-31T00:00:00Z}), or a date ({@code 2027-01-31}):
   * midnight UTC at the start of that day.
   */
  private static Instant instant(
      JsonNode n, String at, String key, boolean required, List<FieldError> errors) {
    String s = text(n, at, key, required, errors);
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        errors.add(
            FieldError.of(
                at + key,
                "must be an ISO-8601 instant with its offset (2027-01-31T00:00:00Z) or a date"
                    + " (2027-01-31, midnight UTC)",
                s));
        return null;
      }
    }
  }

  private static void unknownKeys(
      JsonNode n, String at, List<String> known, List<FieldError> errors) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        errors.add(new FieldError(at + key, "unknown field; known: " + known, null, List.of()));
      }
    }
  }

  private static List<String> nearest(String id, java.util.Collection<RuleInfo> rules) {
    List<RuleInfo> findingRules = rules.stream().filter(r -> r.kind() == RuleKind.FINDING).toList();
    Lookup<IndexedRule> found = IndexedRule.index(findingRules).lookup(id);
    if (found instanceof Lookup.Unknown<IndexedRule> u) {
      return u.nearest();
    }
    if (found instanceof Lookup.Found<IndexedRule> f) {
      return List.of(f.entry().id());
    }
    if (found instanceof Lookup.Ambiguous<IndexedRule> a) {
      return a.candidates();
    }
    return List.of();
  }
}
