package dev.llmadvisor.whatif;

import dev.llmadvisor.plan.DeploymentPlan;
import java.util.List;

/**
 * A what-if request ({@code POST /api/v1/recommendations}, {@code advisor recommend}): a plan
 * without the parts the search chooses (GPU, count, nodes, weight format, KV-cache dtype, engine,
 * layout), plus the constraints on that choice. Every field of the plan's sections means what it
 * means in a plan ({@code docs/plan.md}).
 *
 * @param maxModelLen the context every candidate serves ({@code engine.maxModelLen} of its plan)
 * @param interconnect the fabric between nodes, for candidates over several nodes ({@code
 *     hardware.interconnect})
 */
public record WhatIfRequest(
    String name,
    String environment,
    DeploymentPlan.Model model,
    Integer maxModelLen,
    String interconnect,
    DeploymentPlan.Workload workload,
    DeploymentPlan.Usage usage,
    DeploymentPlan.Slo slo,
    DeploymentPlan.Monitoring monitoring,
    Constraints constraints) {

  /**
   * What the search may choose from; every field optional.
   *
   * @param gpus GPU ids (all of the catalogue's when absent)
   * @param maxGpus GPUs in all (default {@value WhatIfSpace#DEFAULT_MAX_GPUS})
   * @param maxNodes nodes in all (default 1)
   * @param engines engine ids (every engine the advisor writes commands for when absent)
   * @param weightFormats weight format ids (every searchable one when absent)
   * @param minQuality the lowest quality class accepted ({@link QualityClass})
   */
  public record Constraints(
      List<String> gpus,
      Integer maxGpus,
      Integer maxNodes,
      List<String> engines,
      List<String> weightFormats,
      String minQuality) {}
}
