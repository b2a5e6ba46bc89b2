package dev.llmadvisor.sizing;

import static dev.llmadvisor.text.Units.fmt;
import static dev.llmadvisor.text.Units.kib;
import static dev.llmadvisor.text.Units.num;

import dev.llmadvisor.catalogue.Architecture;
import dev.llmadvisor.catalogue.EngineSpec;

/**
 * The KV cache of multi-head latent attention (DeepSeek-V2/V3). An engine with MLA kernels caches
 * the compressed latent: {@code kv_lora_rank + qk_rope_head_dim} elements per token per layer (576
 * for DeepSeek), one copy that every tensor-parallel rank holds whole, since each rank expands it
 * for its own heads. An engine without them expands the latent to full K and V per head, split over
 * TP like any multi-head cache, each head padded to a power of two (vLLM before 0.7.1 used 256 for
 * DeepSeek's 192-wide query-key heads: 442,368 B/token for DeepSeek-V2-Lite in its PR #10927
 * "before" log). Which one an engine release does is {@link EngineSpec.Release#mlaLatentCache()}.
 */
public final class MlaCache {
  private MlaCache() {}

  /** Elements one layer's latent cache holds per token: kv_lora_rank + qk_rope_head_dim. */
  public static int latentElements(Architecture a) {
    return a.kvLoraRank() + a.qkRopeHeadDim();
  }

  /** Whether the engine release caches the latent; an uncatalogued release is taken to. */
  public static boolean cachesLatent(EngineSpec.Release release) {
    return !Boolean.FALSE.equals(release.mlaLatentCache());
  }

  /** Bytes of one token's latent cache on one GPU: not divided by TP. */
  public static long latentBytesPerToken(Architecture a, int layersPerGpu, double elementBytes) {
    return Math.round((double) layersPerGpu * latentElements(a) * elementBytes);
  }

  /**
   * Head size of the expanded cache: the wider of the query-key head (nope + rope) and the value
   * head, padded to a power of two (192 → 256).
   */
  public static int paddedHeadSize(Architecture a) {
    int widest = Math.max(a.qkNopeHeadDim() + a.qkRopeHeadDim(), a.vHeadDim());
    int pow2 = Integer.highestOneBit(widest);
    return pow2 == widest ? widest : pow2 << 1;
  }

  /** Bytes of one token's expanded K and V on one GPU: this GPU's heads only. */
  public static long fullKvBytesPerToken(
      Architecture a, int layersPerGpu, int tp, double elementBytes) {
    int headsPerGpu = Math.max(1, a.numAttentionHeads() / tp);
    return Math.round(2.0 * layersPerGpu * headsPerGpu * paddedHeadSize(a) * elementBytes);
  }

  /** The sizing's line for the KV bytes per token of an MLA model. */
  static String explain(
      Architecture a,
      EngineSpec.Release release,
      int layersPerGpu,
      int tp,
      double elementBytes,
      String dtype,
      long perToken) {
    if (cachesLatent(release)) {
      return fmt(
          "%d layers × (kv_lora_rank %d + qk_rope_head_dim %d) × %s B (%s) = %s: the multi-head"
              + " latent cache, held whole by each of the %s%s",
          layersPerGpu,
          a.kvLoraRank(),
          a.qkRopeHeadDim(),
          num(elementBytes),
          dtype,
          kib(perToken),
          tp == 1 ? "1 tensor-parallel GPU" : tp + " tensor-parallel GPUs",
          release.mlaLatentCache() == null
              ? " (this engine release's MLA cache is not catalogued: sized as the latent)"
              : "");
    }
    return fmt(
        "2 (K and V) × %d layers × %d heads × head size %d (padded) × %s B (%s) = %s: this engine"
            + " release has no MLA kernels and expands the latent to full K/V (%s per token as a"
            + " latent cache)",
        layersPerGpu,
        Math.max(1, a.numAttentionHeads() / tp),
        paddedHeadSize(a),
        num(elementBytes),
        dtype,
        kib(perToken),
        kib(latentBytesPerToken(a, layersPerGpu, elementBytes)));
  }
}
