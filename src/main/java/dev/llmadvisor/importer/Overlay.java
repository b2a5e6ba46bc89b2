package dev.llmadvisor.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.plan.PlanReader;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the source does not say (the GPU, licence use, the workload), given as a plan fragment in
 * the plan's own schema: a YAML/JSON file, {@code field=value} settings, or both. Merged over the
 * imported plan field by field; the overlay wins.
 */
public final class Overlay {
  public static final Overlay NONE = new Overlay(null);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DeploymentPlan fragment;

  private Overlay(DeploymentPlan fragment) {
    this.fragment = fragment;
  }

  /** A plan fragment as YAML or JSON, read as strictly as a plan (unknown fields are errors). */
  public static Overlay parse(String text, PlanReader.Format format) {
    if (text == null || text.isBlank()) {
      throw ImportException.of("overlay", "$", "the overlay is empty", null);
    }
    try {
      return new Overlay(PlanReader.read(text, format));
    } catch (InvalidPlanException e) {
      throw new ImportException(
          "overlay",
          e.errors().isEmpty() ? List.of(FieldError.of("$", e.getMessage(), null)) : e.errors());
    }
  }

  /**
   * Settings such as {@code hardware.gpu=H100-SXM-80GB} or {@code usage.commercial=false}: each
   * path is a plan field, each value is read as that field's type.
   */
  public static Overlay settings(List<String> assignments) {
    Map<String, Object> tree = new LinkedHashMap<>();
    List<FieldError> errors = new ArrayList<>();
    for (String assignment : assignments) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        errors.add(FieldError.of(assignment, "expected field=value, e.g. hardware.gpu=L40S", null));
        continue;
      }
      String path = assignment.substring(0, eq).trim();
      String value = assignment.substring(eq + 1).trim();
      put(tree, path, value, errors);
    }
    if (!errors.isEmpty()) {
      throw new ImportException("settings", errors);
    }
    if (tree.isEmpty()) {
      return NONE;
    }
    try {
      return parse(JSON.writeValueAsString(tree), PlanReader.Format.JSON);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One setting, e.g. {@code set("hardware.gpu", "H100-SXM-80GB")}. */
  public static Overlay set(String field, String value) {
    return settings(List.of(field + "=" + value));
  }

  /** This overlay, then {@code later} over it (a file, then settings given on the command line). */
  public Overlay then(Overlay later) {
    if (later.fragment == null) {
      return this;
    }
    if (fragment == null) {
      return later;
    }
    return new Overlay(PlanRecords.merge(fragment, later.fragment).plan());
  }

  /** The fragment, null for {@link #NONE}. */
  public DeploymentPlan fragment() {
    return fragment;
  }

  /** The dotted paths this overlay sets. */
  public List<String> fields() {
    return fragment == null ? List.of() : PlanRecords.leaves(fragment);
  }

  PlanRecords.Merged applyTo(DeploymentPlan plan) {
    if (fragment == null) {
      return new PlanRecords.Merged(plan, List.of());
    }
    return PlanRecords.merge(plan, fragment);
  }

  /** Puts a setting into the JSON tree, its value typed by the plan field it names. */
  @SuppressWarnings("unchecked")
  private static void put(
      Map<String, Object> tree, String path, String value, List<FieldError> errors) {
    String[] names = path.split("\\.");
    Class<?> type = DeploymentPlan.class;
    Map<String, Object> at = tree;
    for (int i = 0; i < names.length; i++) {
      String name = names[i];
      Class<?> parent = type;
      RecordComponent c =
          parent.isRecord()
              ? Arrays.stream(parent.getRecordComponents())
                  .filter(x -> x.getName().equals(name))
                  .findFirst()
                  .orElse(null)
              : null;
      if (c == null) {
        List<String> known =
            parent.isRecord()
                ? Arrays.stream(parent.getRecordComponents())
                    .map(RecordComponent::getName)
                    .sorted()
                    .toList()
                : List.of();
        errors.add(new FieldError(path, "unknown field '" + name + "'", name, known));
        return;
      }
      type = c.getType();
      if (i < names.length - 1) {
        if (!type.isRecord()) {
          errors.add(FieldError.of(path, "'" + name + "' has no fields below it", value));
          return;
        }
        at = (Map<String, Object>) at.computeIfAbsent(name, k -> new LinkedHashMap<>());
        continue;
      }
      Object typed = typed(type, value);
      if (typed == null) {
        errors.add(FieldError.of(path, "expected " + describe(type), value));
        return;
      }
      at.put(name, typed);
    }
  }

  private static Object typed(Class<?> type, String value) {
    try {
      if (type == String.class) {
        return value;
      }
      if (type == Integer.class) {
        return Integer.valueOf(value);
      }
      if (type == Long.class) {
        return Long.valueOf(value);
      }
      if (type == Double.class) {
        return Double.valueOf(value);
      }
      if (type == Boolean.class) {
        return switch (value) {
          case "true" -> Boolean.TRUE;
          case "false" -> Boolean.FALSE;
          default -> null;
        };
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return null; // records and lists need an overlay file
  }

  private static String describe(Class<?> type) {
    if (type == Integer.class || type == Long.class) {
      return "a whole number";
    }
    if (type == Double.class) {
      return "a number";
    }
    if (type == Boolean.class) {
      return "true or false";
    }
    return "a single value (objects and lists need an overlay file)";
  }
}
