package dev.llmadvisor.sizing;

import static dev.llmadvisor.text.Units.fmt;

import dev.llmadvisor.catalogue.Architecture;
import dev.llmadvisor.catalogue.WeightFormat;

/**
 * Weights of the decoder's Linear layers per GPU for a mixture of experts, as vLLM places them.
 *
 * <p>Without expert parallelism every rank holds a 1/TP slice of every expert ({@code FusedMoE}
 * shards w13/w2 along the expert width, like any MLP). With {@code --enable-expert-parallel} vLLM
 * sets the MoE layers' EP size to TP × DP (× PCP) and their TP size to 1: each rank holds whole
 * experts, {@code ceil(E / EP)} on the first {@code E mod EP} ranks and {@code floor(E / EP)} on
 * the others ({@code FusedMoEParallelConfig.make} and {@code determine_expert_map},
 * vllm-project/vllm vllm/model_executor/layers/fused_moe/config.py@002d6073 and layer.py@c439a139).
 * Attention, shared experts, dense layers and the router stay split by TP as before. The heaviest
 * rank is the one sized. A format of scope {@code experts} (MXFP4) quantises only the routed
 * experts; every other Linear layer stays 16-bit.
 */
final class MoeWeights {
  private MoeWeights() {}

  /** Routed experts the heaviest rank holds: ceil(E / EP) with EP, else all of them (sliced). */
  static int expertsOnHeaviestRank(Architecture a, int expert) {
    return expert > 1 ? (a.experts() + expert - 1) / expert : a.experts();
  }

  /**
   * Bytes of one decoder layer's Linear weights on the heaviest GPU (averaged over MoE and dense
   * layers as {@link Architecture#linearParamsPerLayer()} is).
   *
   * @param expert the EP size; 1 without expert parallelism
   */
  static double linearBytesPerLayerPerGpu(Architecture a, WeightFormat f, int tp, int expert) {
    double sixteenBit = SizingModel.SIXTEEN_BIT_BYTES;
    double routedBytes = f.bytesPerParam();
    double otherLinearBytes = f.expertsOnly() ? sixteenBit : f.bytesPerParam();
    if (!a.moe()) {
      return a.linearParamsPerLayer() / tp * otherLinearBytes;
    }
    double routedPerGpu = routedParamsPerLayerPerGpu(a, tp, expert);
    double otherPerGpu = (a.linearParamsPerLayer() - routedPerLayer(a)) / tp;
    return routedPerGpu * routedBytes + otherPerGpu * otherLinearBytes;
  }

  /** Routed-expert parameters of one layer on the heaviest GPU (averaged over the decoder). */
  static double routedParamsPerLayerPerGpu(Architecture a, int tp, int expert) {
    double perExpert = routedPerLayer(a) / a.experts();
    return expert > 1 ? perExpert * expertsOnHeaviestRank(a, expert) : perExpert * a.experts() / tp;
  }

  /** Bytes of all Linear weights of the decoder (all GPUs together). */
  static double linearBytesTotal(Architecture a, WeightFormat f) {
    double otherLinearBytes = f.expertsOnly() ? SizingModel.SIXTEEN_BIT_BYTES : f.bytesPerParam();
    double routed = a.moe() ? a.moeRoutedExpertParams() : 0;
    double linear = a.numHiddenLayers() * a.linearParamsPerLayer();
    return routed * f.bytesPerParam() + (linear - routed) * otherLinearBytes;
  }

  /** How the experts are placed, for the sizing's explain; null for a dense model. */
  static String explain(Architecture a, WeightFormat f, int tp, int expert) {
    if (!a.moe()) {
      return null;
    }
    String shared =
        a.moeSharedExpertWidth() > 0
            ? fmt(", shared experts %d wide", a.moeSharedExpertWidth())
            : "";
    String dense =
        a.moeDenseLayerCount() > 0
            ? fmt(", %d dense layers of %d", a.moeDenseLayerCount(), a.intermediateSize())
            : "";
    String placement =
        expert > 1
            ? fmt(
                "expert parallelism %d: whole experts per GPU, ceil(%d ÷ %d) = %d on the heaviest GPU;"
                    + " attention, shared experts and dense layers split by TP %d",
                expert, a.experts(), expert, expertsOnHeaviestRank(a, expert), tp)
            : fmt("no expert parallelism: every expert's width split by TP %d", tp);
    return fmt(
        "%d MoE layers of %d routed experts %d wide (%d active per token)%s%s; %s%s",
        a.moeLayerCount(),
        a.experts(),
        a.moeRoutedExpertWidth(),
        a.activeExperts(),
        shared,
        dense,
        placement,
        f.expertsOnly()
            ? fmt("; %s covers the routed experts only, the rest is 16-bit", f.id())
            : "");
  }

  private static double routedPerLayer(Architecture a) {
    return a.moeRoutedExpertParams() / a.numHiddenLayers();
  }
}
