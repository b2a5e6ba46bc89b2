package dev.llmadvisor.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a plan from JSON or YAML with one schema. Strict: unknown fields, duplicate keys, strings
 * where numbers belong and fractions where counts belong are errors naming the field, never
 * silently coerced.
 */
public final class PlanReader {
  /** Plans are small; anything larger is refused before parsing. */
  public static final int MAX_PLAN_CHARS = 256 * 1024;

  public enum Format {
    JSON,
    YAML
  }

  private static final ObjectMapper JSON = configure(JsonMapper.builder());
  private static final ObjectMapper YAML = configure(JsonMapper.builder(new YAMLFactory()));

  private PlanReader() {}

  private static ObjectMapper configure(JsonMapper.Builder builder) {
    ObjectMapper mapper =
        builder
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(65_536).build());
    return mapper;
  }

  public static DeploymentPlan read(String text, Format format) {
    return read(text, format, DeploymentPlan.class, "plan", "a deployment plan");
  }

  /**
   * Reads another document of the API with the plan's strictness and error answers (the what-if
   * request of {@code POST /api/v1/recommendations}).
   *
   * @param what how messages name the document ({@code plan}, {@code request})
   * @param expected what an empty body should have been
   */
  public static <T> T read(
      String text, Format format, Class<T> type, String what, String expected) {
    if (text == null || text.isBlank()) {
      throw new InvalidPlanException(
          true, "The request body is empty: send " + expected + ".", List.of());
    }
    if (text.length() > MAX_PLAN_CHARS) {
      throw new InvalidPlanException(
          true,
          "The "
              + what
              + " is "
              + text.length()
              + " characters; the limit is "
              + MAX_PLAN_CHARS
              + ".",
          List.of());
    }
    ObjectMapper mapper = format == Format.YAML ? YAML : JSON;
    try {
      T value = mapper.readValue(text, type);
      if (value == null) {
        throw new InvalidPlanException(true, "The " + what + " is empty.", List.of());
      }
      return value;
    } catch (JsonMappingException e) {
      if (e.getOriginalMessage().contains("end-of-input")) {
        throw syntaxError(e, format, what); // a truncated document surfaces while binding
      }
      throw new InvalidPlanException(
          true, "The " + what + " does not match the " + what + " schema.", List.of(fieldError(e)));
    } catch (JsonProcessingException e) {
      throw syntaxError(e, format, what);
    } catch (RuntimeException e) {
      // SnakeYAML reports some structural limits (aliases, depth) as its own runtime exceptions.
      if (e instanceof InvalidPlanException) {
        throw e;
      }
      throw new InvalidPlanException(
          true,
          "The " + what + " is not valid " + format.name() + ": " + e.getMessage(),
          List.of());
    }
  }

  private static InvalidPlanException syntaxError(
      JsonProcessingException e, Format format, String what) {
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    String message = e.getOriginalMessage().replaceAll("\\s*\\(start marker at .*", "");
    return new InvalidPlanException(
        true, "The " + what + " is not valid " + format.name() + where + ": " + message, List.of());
  }

  /**
   * Fields that were removed, with what replaces them: the plan is refused (400) with this message
   * rather than read under a guessed meaning.
   */
  static final Map<String, String> RETIRED =
      Map.of(
          "usage.publishedName",
          "usage.publishedName was removed because it mixed two names: give"
              + " usage.publishedModelName for the name under which a model built from this one is"
              + " distributed or made available (licences' name-prefix duties apply to it), and"
              + " usage.productName for the name of the product or service that serves it");

  private static FieldError fieldError(JsonMappingException e) {
    String path = path(e);
    if (e instanceof UnrecognizedPropertyException u && RETIRED.containsKey(path)) {
      return new FieldError(
          path,
          RETIRED.get(path),
          u.getPropertyName(),
          u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList());
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return new FieldError(
          path,
          "unknown field '" + u.getPropertyName() + "'",
          u.getPropertyName(),
          u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList());
    }
    if (e instanceof InvalidFormatException f) {
      return FieldError.of(path, "expected " + typeName(f.getTargetType()), f.getValue());
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return FieldError.of(path, "expected " + typeName(m.getTargetType()), null);
    }
    return FieldError.of(path, e.getOriginalMessage(), null);
  }

  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        b.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        if (!b.isEmpty()) {
          b.append('.');
        }
        b.append(ref.getFieldName());
      }
    }
    return b.isEmpty() ? "$" : b.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "an object (" + type.getSimpleName().toLowerCase(Locale.ROOT) + ")";
  }
}
