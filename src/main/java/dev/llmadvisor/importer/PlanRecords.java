package dev.llmadvisor.importer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.llmadvisor.plan.DeploymentPlan;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generic operations on the plan's records, so that a new plan field needs no change here:
 * field-by-field merging (the overlay), the leaf paths a fragment sets, and YAML output.
 */
final class PlanRecords {
  private static final ObjectMapper YAML =
      new YAMLMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .build())
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private PlanRecords() {}

  /** The merged plan and the dotted paths of every leaf the overlay set. */
  record Merged(DeploymentPlan plan, List<String> set) {}

  /** {@code over} wins field by field; nested records merge, lists and values are replaced. */
  static Merged merge(DeploymentPlan base, DeploymentPlan over) {
    List<String> set = new ArrayList<>();
    DeploymentPlan merged = (DeploymentPlan) merge(base, over, "", set);
    return new Merged(merged, List.copyOf(set));
  }

  private static Object merge(Object base, Object over, String path, List<String> set) {
    if (over == null) {
      return base;
    }
    if (base == null || !over.getClass().isRecord()) {
      leaves(over, path, set);
      return over;
    }
    RecordComponent[] components = over.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      values[i] = merge(get(base, c), get(over, c), join(path, c.getName()), set);
    }
    return construct(over.getClass(), components, values);
  }

  /** The dotted paths of the non-null leaves of a record (lists count as one leaf). */
  static List<String> leaves(Object value) {
    List<String> out = new ArrayList<>();
    leaves(value, "", out);
    return out;
  }

  private static void leaves(Object value, String path, List<String> out) {
    if (value == null) {
      return;
    }
    if (!value.getClass().isRecord()) {
      out.add(path);
      return;
    }
    for (RecordComponent c : value.getClass().getRecordComponents()) {
      leaves(get(value, c), join(path, c.getName()), out);
    }
  }

  /** True when {@code path} or a field below it is set in {@code plan}. */
  static boolean isSet(DeploymentPlan plan, String path) {
    return get(plan, path) != null;
  }

  /** The value at a dotted path ({@code engine.maxModelLen}), null when it or a parent is unset. */
  static Object get(DeploymentPlan plan, String path) {
    Object at = plan;
    for (String name : path.split("\\.")) {
      if (at == null || !at.getClass().isRecord()) {
        return null;
      }
      RecordComponent c =
          Arrays.stream(at.getClass().getRecordComponents())
              .filter(x -> x.getName().equals(name))
              .findFirst()
              .orElse(null);
      if (c == null) {
        return null;
      }
      at = get(at, c);
    }
    return at;
  }

  static String yaml(DeploymentPlan plan) {
    try {
      return YAML.writeValueAsString(plan);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plan record did not serialise: " + e.getMessage(), e);
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static Object get(Object record, RecordComponent c) {
    try {
      return c.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c.getName(), e);
    }
  }

  private static Object construct(Class<?> type, RecordComponent[] components, Object[] values) {
    try {
      Class<?>[] types =
          Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
      Constructor<?> constructor = type.getDeclaredConstructor(types);
      return constructor.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
    }
  }
}
