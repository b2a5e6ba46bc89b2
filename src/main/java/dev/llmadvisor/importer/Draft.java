package dev.llmadvisor.importer;

import dev.llmadvisor.catalogue.Architecture;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan being imported: the fields found so far, where each came from, and what was assumed,
 * ignored, noted or could not be determined. {@link #finish} applies the overlay and checks the
 * result.
 */
final class Draft {
  final String source;
  String name;
  String modelId;
  Architecture architecture;
  String licence;
  String weights;
  String kvCache;
  String engineName;
  String engineVersion;
  Double gpuMemoryUtilization;
  Integer maxModelLen;
  Integer maxNumSeqs;
  Integer maxNumBatchedTokens;
  String gpu;
  Integer gpusPerNode;
  Integer nodes;
  Integer tensor;
  Integer pipeline;

  /** vLLM's --data-parallel-size: replicas one command runs (not a plan field). */
  Integer dataParallel;

  /** Plan field → where in the source its value came from (for messages). */
  final Map<String, String> from = new LinkedHashMap<>();

  final List<Assumption> assumed = new ArrayList<>();
  final List<String> ignored = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  final List<FieldError> errors = new ArrayList<>();

  /** Plan field → why the source cannot give it; missing unless the overlay does. */
  final Map<String, String> unresolved = new LinkedHashMap<>();

  Draft(String source) {
    this.source = source;
  }

  void assume(String field, Object value, String why) {
    assumed.add(new Assumption(field, value, why));
  }

  /** The weight format, read from {@code where}, with the assumption it took (or null). */
  void weights(String id, String where, String assumption) {
    weights = id;
    from.put("quantization.weights", where);
    if (assumption != null) {
      assume("quantization.weights", id, assumption);
    }
  }

  void error(String where, String message, Object value) {
    errors.add(FieldError.of(where, message, value));
  }

  DeploymentPlan plan() {
    DeploymentPlan.Model model =
        modelId == null && architecture == null && licence == null
            ? null
            : new DeploymentPlan.Model(modelId, architecture, licence, null);
    DeploymentPlan.Quantization quantization =
        weights == null && kvCache == null
            ? null
            : new DeploymentPlan.Quantization(weights, kvCache);
    DeploymentPlan.Engine engine =
        allNull(
                engineName,
                engineVersion,
                gpuMemoryUtilization,
                maxModelLen,
                maxNumSeqs,
                maxNumBatchedTokens)
            ? null
            : new DeploymentPlan.Engine(
                engineName,
                engineVersion,
                gpuMemoryUtilization,
                maxModelLen,
                maxNumSeqs,
                maxNumBatchedTokens,
                null,
                null,
                null,
                null);
    DeploymentPlan.Hardware hardware =
        allNull(gpu, gpusPerNode, nodes)
            ? null
            : new DeploymentPlan.Hardware(gpu, gpusPerNode, nodes, null);
    DeploymentPlan.Parallelism parallelism =
        allNull(tensor, pipeline) ? null : new DeploymentPlan.Parallelism(tensor, pipeline);
    return new DeploymentPlan(
        name,
        null,
        model,
        quantization,
        engine,
        hardware,
        parallelism,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * Applies the overlay, checks that the GPUs hold tensor × pipeline, and lists what is still
   * missing.
   *
   * @throws ImportException when the source had errors or the merged plan contradicts itself
   */
  ImportResult finish(Overlay overlay) {
    if (!errors.isEmpty()) {
      throw new ImportException(source, errors);
    }
    PlanRecords.Merged merged = overlay.applyTo(plan());
    DeploymentPlan plan = merged.plan();
    List<String> overlaid = merged.set();
    checkGpusHoldParallelism(plan, overlaid);
    List<Assumption> stillAssumed =
        assumed.stream().filter(a -> !coveredBy(a.field(), overlaid)).toList();
    List<ImportResult.Missing> missing = new ArrayList<>();
    if (plan.model() == null
        || (plan.model().id() == null && plan.model().architecture() == null)) {
      missing.add(
          new ImportResult.Missing(
              "model.id",
              unresolved.getOrDefault(
                  "model.id", "the source names no model: give model.id in an overlay")));
    }
    if (plan.hardware() == null || plan.hardware().gpu() == null) {
      missing.add(
          new ImportResult.Missing(
              "hardware.gpu",
              unresolved.getOrDefault(
                  "hardware.gpu",
                  "the source does not say which GPU: give hardware.gpu (a GPU catalogue id) in an"
                      + " overlay or as a setting")));
    }
    unresolved.forEach(
        (field, why) -> {
          if (!field.equals("model.id")
              && !field.equals("hardware.gpu")
              && !PlanRecords.isSet(plan, field)) {
            missing.add(new ImportResult.Missing(field, why));
          }
        });
    return new ImportResult(
        source, plan, PlanRecords.yaml(plan), stillAssumed, ignored, notes, overlaid, missing);
  }

  /** An overlay that sets a field (or a field above or below it) replaces what was assumed. */
  private static boolean coveredBy(String field, List<String> overlaid) {
    return overlaid.stream()
        .anyMatch(o -> o.equals(field) || o.startsWith(field + ".") || field.startsWith(o + "."));
  }

  private void checkGpusHoldParallelism(DeploymentPlan plan, List<String> overlaid) {
    if (plan.hardware() == null || plan.hardware().gpusPerNode() == null) {
      return;
    }
    int tp =
        plan.parallelism() == null || plan.parallelism().tensor() == null
            ? 1
            : plan.parallelism().tensor();
    int pp =
        plan.parallelism() == null || plan.parallelism().pipeline() == null
            ? 1
            : plan.parallelism().pipeline();
    int perNode = plan.hardware().gpusPerNode();
    int nodeCount = plan.hardware().nodes() == null ? 1 : plan.hardware().nodes();
    long gpus = (long) perNode * nodeCount;
    if ((long) tp * pp > gpus) {
      errors.add(
          FieldError.of(
              "parallelism",
              "tensor × pipeline = "
                  + tp
                  + " × "
                  + pp
                  + " = "
                  + (tp * pp)
                  + " GPUs ("
                  + origin("parallelism.tensor", overlaid)
                  + (pp > 1 ? ", " + origin("parallelism.pipeline", overlaid) : "")
                  + "), but the plan has "
                  + gpus
                  + " ("
                  + origin("hardware.gpusPerNode", overlaid)
                  + (nodeCount > 1 ? " × " + nodeCount + " nodes" : "")
                  + ")",
              tp * pp));
      throw new ImportException(source, errors);
    }
    long used = (long) tp * pp * (dataParallel == null ? 1 : dataParallel);
    if (used < gpus && from.containsKey("hardware.gpusPerNode")) {
      notes.add(
          from.get("hardware.gpusPerNode")
              + " gives "
              + gpus
              + " GPUs but the command uses "
              + used
              + ": the advisor counts the spare GPUs as further replicas, which this vLLM process"
              + " does not run (they stay idle unless --data-parallel-size uses them)");
    }
  }

  private String origin(String field, List<String> overlaid) {
    if (overlaid.contains(field)) {
      return "the overlay's " + field;
    }
    return from.getOrDefault(field, field + " by default");
  }

  private static boolean allNull(Object... values) {
    for (Object v : values) {
      if (v != null) {
        return false;
      }
    }
    return true;
  }
}
