package dev.llmadvisor.catalogue;

import dev.llmadvisor.text.Units;
import java.util.Comparator;
import java.util.List;

/** An inference engine as catalogued in {@code catalogues/engines.yaml}. */
public record EngineSpec(
    String id,
    String name,
    List<String> aliases,
    Boolean cudaOnly,
    List<String> vendors,
    Boolean pagedKvCache,
    MemoryModel memoryModel,
    String defaultVersion,
    List<String> formats,
    List<String> kvCacheDtypes,
    List<Release> releases,
    String status,
    String source)
    implements CatalogueEntry {

  /**
   * Defaults, memory behaviour and numeric-format support from one version on, until the next
   * release entry. Figures come from the engine's source and startup logs; see each entry's source
   * and {@code formatsSource}. The format fields are null where the engine's behaviour is not
   * catalogued, and rules then assume nothing.
   *
   * @param autoDtypeFallback whether {@code dtype=auto} falls back to a dtype the GPU supports
   *     (vLLM: FP16, or FP32 for the model types in {@code float16RefusedModelTypes}) when the
   *     checkpoint's BF16 is not; false: it keeps BF16 and the engine refuses the GPU
   * @param float16RefusedModelTypes Hugging Face {@code model_type}s the engine refuses to run in
   *     float16
   * @param fp8MarlinMinComputeCapability the lowest compute capability on which FP8 checkpoints run
   *     weight-only (W8A16) through FP8 Marlin
   * @param fp8MarlinMoe whether that path covers mixture-of-experts layers
   * @param fp4MarlinMinComputeCapability the lowest compute capability on which NVFP4 checkpoints
   *     run weight-only (W4A16) through FP4 Marlin where the GPU has no FP4 tensor cores
   * @param fp8KvMinComputeCapability the lowest compute capability on which an attention backend
   *     keeps an FP8 KV cache (null: every GPU the engine runs on)
   * @param mxfp4MinComputeCapability the lowest NVIDIA compute capability on which the release
   *     loads MXFP4 experts (gpt-oss checkpoints): its quantization config's minimum capability
   *     (null: not catalogued)
   * @param mlaLatentCache for a model with multi-head latent attention: true when the engine caches
   *     the compressed latent ({@code kv_lora_rank + qk_rope_head_dim} elements per token per
   *     layer, whole on every tensor-parallel rank); false when it expands it to full K and V per
   *     head; null when not catalogued (sized as the latent)
   * @param mlaSource where {@code mlaLatentCache} was read
   * @param slidingWindowKv how the engine sizes the KV cache of sliding-window and chunked-local
   *     layers: {@code full} (every layer holds every token, as full attention), {@code groups}
   *     (vLLM's hybrid KV cache manager: equal-size layer groups over one block pool, see {@code
   *     sizing/KvGroups}); null: not catalogued, sized as full
   * @param slidingWindowSource where {@code slidingWindowKv} was read
   */
  public record Release(
      String since,
      Defaults defaults,
      Boolean chunkedPrefill,
      MemoryFigures memory,
      String source,
      Boolean autoDtypeFallback,
      List<String> float16RefusedModelTypes,
      Double fp8MarlinMinComputeCapability,
      Boolean fp8MarlinMoe,
      Double fp4MarlinMinComputeCapability,
      Double fp8KvMinComputeCapability,
      Double mxfp4MinComputeCapability,
      String formatsSource,
      Boolean mlaLatentCache,
      String mlaSource,
      String slidingWindowKv,
      String slidingWindowSource) {

    /** Whether sliding-window layers are sized by vLLM's KV-cache groups in this release. */
    public boolean groupsSlidingWindowKv() {
      return "groups".equals(slidingWindowKv);
    }

    /** Whether the engine refuses to run a model of this {@code model_type} in float16. */
    public boolean refusesFloat16(String modelType) {
      return modelType != null
          && float16RefusedModelTypes != null
          && float16RefusedModelTypes.contains(modelType);
    }
  }

  /**
   * The engine's own defaults for the settings a plan may leave out (null: not applicable). vLLM
   * raises its batch defaults on large GPUs: {@code largeGpu} applies when the GPU has at least
   * {@code minMemoryGib} and its id contains none of {@code excludedGpus}.
   */
  public record Defaults(
      Double gpuMemoryUtilization,
      Integer maxNumSeqs,
      Integer maxNumBatchedTokens,
      Integer maxBatchSize,
      Integer maxInputLen,
      Double kvCacheFreeGpuMemFraction,
      LargeGpuDefaults largeGpu,
      Integer gpuLayers,
      String flashAttention) {}

  public record LargeGpuDefaults(
      Double minMemoryGib,
      List<String> excludedGpus,
      Integer maxNumSeqs,
      Integer maxNumBatchedTokens) {

    public boolean appliesTo(GpuSpec gpu) {
      return gpu.totalMemoryBytes() >= minMemoryGib * Units.GIB
          && excludedGpus.stream().noneMatch(gpu.id()::contains);
    }
  }

  /**
   * What the engine keeps outside its KV-cache pool, per GPU. The activation peak is estimated from
   * the profiling batch: {@code hiddenStateCopies} × tokens × hidden size × 2 B, plus the sampler's
   * FP32 logits for {@code maxNumSeqs} sequences × vocabulary held {@code samplerLogitCopies}
   * times, plus {@code fixedOverheadGib}. Neither term shrinks with tensor parallelism, as the logs
   * show (the sampler sees the gathered vocabulary).
   */
  public record MemoryFigures(
      Double nonTorchGibSingleGpu,
      Double nonTorchGibTensorParallel,
      Double nonTorchGibPipelineOnly,
      Double hiddenStateCopies,
      Double samplerLogitCopies,
      Double fixedOverheadGib,
      String source,
      List<FamilyActivation> families) {

    /** The coefficients for a model of this {@code model_type}: its family's, or the default. */
    public FamilyActivation activationFor(String modelType) {
      if (families != null && modelType != null) {
        for (FamilyActivation f : families) {
          if (f.modelTypes().contains(modelType)) {
            return f;
          }
        }
      }
      return new FamilyActivation(
          List.of(), hiddenStateCopies, samplerLogitCopies, fixedOverheadGib, source);
    }
  }

  /**
   * Activation-peak coefficients for model families whose profiling run peaks differently (Gemma's
   * sampler over a 256k vocabulary, Gemma 3's vision encoder), each fitted to its own start-up
   * logs.
   */
  public record FamilyActivation(
      List<String> modelTypes,
      Double hiddenStateCopies,
      Double samplerLogitCopies,
      Double fixedOverheadGib,
      String source) {}

  /** The release entry that governs {@code version}: the newest whose {@code since} ≤ version. */
  public Release releaseFor(String version) {
    return releases.stream()
        .filter(r -> Versions.compare(r.since(), version) <= 0)
        .max(Comparator.comparing(Release::since, Versions::compare))
        .orElse(releases.get(0));
  }
}
