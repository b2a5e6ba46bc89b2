package dev.llmadvisor.sizing;

import dev.llmadvisor.catalogue.MemoryModel;
import java.util.Map;

/**
 * The memory picture of one plan ({@code sizing} in docs/plan.md, "The report"; the model in
 * docs/sizing.md), per GPU of the heaviest pipeline stage unless named otherwise. Bytes are exact
 * integers; {@code explain} gives each figure's formula with the plan's numbers in it.
 *
 * @param memoryIsEstimate the GPU's total is the catalogue's conservative estimate, not a total a
 *     driver was seen to report
 * @param memoryMarginBytesPerGpu how much more the driver may report than the estimate (0 when
 *     measured)
 * @param kvTokensInMemoryMargin KV-cache tokens per replica that margin would add under the
 *     engine's memory rule: capacity figures are a lower bound by this much
 * @param usableBytesPerGpu the engine's budget: vLLM utilisation × total; the whole GPU otherwise
 * @param freeForKvBytesPerGpu what the budget leaves for the KV cache; negative when even the
 *     weights and the engine's own memory do not fit
 * @param kvCapacityTokens tokens the KV cache of one replica holds
 * @param maxConcurrentSequences sequences of {@code maxModelLen} tokens one replica holds at once
 * @param concurrentSequencesAtWorkload sequences of the workload's prompt + output tokens that the
 *     whole deployment (every replica) holds at once
 * @param idleGpus GPUs of the plan that no whole replica uses
 * @param headroomRatio (budget − weights) ÷ weights: the guide's "15–20 %" margin, computed
 * @param mlaLatentKvBytesPerTokenPerGpu for a model with multi-head latent attention, what one
 *     token's latent cache takes on one GPU (its layers × (kv_lora_rank + qk_rope_head_dim) ×
 *     element bytes), whatever the engine stores; 0 for other attention
 * @param kvGroups the KV-cache groups of a model with sliding-window or chunked-local layers (null
 *     when every layer is full attention); {@code kvGroups.grouped()} when the engine sizes by them
 */
public record Sizing(
    MemoryModel memoryModel,
    long totalMemoryBytesPerGpu,
    boolean memoryIsEstimate,
    long memoryMarginBytesPerGpu,
    long kvTokensInMemoryMargin,
    double gpuMemoryUtilization,
    long usableBytesPerGpu,
    long weightsBytesTotal,
    long weightsBytesPerGpu,
    long activationBytesPerGpu,
    long overheadBytesPerGpu,
    long freeForKvBytesPerGpu,
    long kvCacheBytesPerGpu,
    long kvBytesPerTokenPerGpu,
    int kvHeadsPerGpu,
    int kvHeadReplication,
    int layersPerGpu,
    long kvCapacityTokens,
    int maxModelLen,
    long maxConcurrentSequences,
    int totalGpus,
    int gpusPerReplica,
    int replicas,
    int idleGpus,
    long deploymentMaxConcurrentSequences,
    long workloadTokensPerSequence,
    long concurrentSequencesAtWorkload,
    boolean weightsFit,
    boolean fitsOneSequence,
    double headroomRatio,
    RuleOfThumb ruleOfThumb,
    Map<String, String> explain,
    long mlaLatentKvBytesPerTokenPerGpu,
    KvGroups kvGroups,
    LlamaCppOffload offload) {

  /**
   * The guide's estimate beside the computed figure: weights at 2 / 1 / 0.5 bytes per parameter
   * plus 15–20 %, against what the plan needs per replica for its own workload.
   */
  public record RuleOfThumb(
      double bytesPerParameter,
      long weightsBytes,
      long totalBytesLow,
      long totalBytesHigh,
      long computedNeedBytes,
      String note) {}
}
