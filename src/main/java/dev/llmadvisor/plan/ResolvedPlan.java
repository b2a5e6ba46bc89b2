package dev.llmadvisor.plan;

import dev.llmadvisor.catalogue.Architecture;
import dev.llmadvisor.catalogue.EngineSpec;
import dev.llmadvisor.catalogue.GpuSpec;
import dev.llmadvisor.catalogue.KvCacheDtype;
import dev.llmadvisor.catalogue.ModelSpec;
import dev.llmadvisor.catalogue.WeightFormat;
import java.util.List;

/**
 * A plan with every default applied and every id resolved to its catalogue entry. {@code plan}'s
 * sections are all present except {@code slo}, {@code observed} and {@code monitoring}, which stay
 * null when the plan has none.
 *
 * @param customModel the model is the plan's own {@code model.architecture}, not a catalogue entry:
 *     its licence is only what the plan says, and it has no catalogued base models
 */
public record ResolvedPlan(
    DeploymentPlan plan,
    ModelSpec model,
    boolean customModel,
    GpuSpec gpu,
    WeightFormat weights,
    KvCacheDtype kvCache,
    EngineSpec engine,
    EngineSpec.Release engineRelease,
    List<AppliedDefault> defaults) {

  public Architecture architecture() {
    return model.architecture();
  }

  public int tensor() {
    return plan.parallelism().tensor();
  }

  public int pipeline() {
    return plan.parallelism().pipeline();
  }

  /** The expert-parallel size of MoE layers; 1 without expert parallelism. */
  public int expert() {
    Integer ep = plan.parallelism().expert();
    return ep == null ? 1 : ep;
  }

  /** GPUs one replica of the model occupies. */
  public int gpusPerReplica() {
    return tensor() * pipeline();
  }

  public int totalGpus() {
    return plan.hardware().gpusPerNode() * plan.hardware().nodes();
  }

  /** Whole replicas the plan's GPUs hold (data parallelism). */
  public int replicas() {
    return totalGpus() / gpusPerReplica();
  }
}
