package dev.llmadvisor.sizing;

import static dev.llmadvisor.text.Units.GIB;
import static dev.llmadvisor.text.Units.count;
import static dev.llmadvisor.text.Units.fmt;
import static dev.llmadvisor.text.Units.gib;
import static dev.llmadvisor.text.Units.kib;
import static dev.llmadvisor.text.Units.num;

import dev.llmadvisor.catalogue.Architecture;
import dev.llmadvisor.catalogue.EngineSpec;
import dev.llmadvisor.catalogue.GpuSpec;
import dev.llmadvisor.catalogue.MemoryModel;
import dev.llmadvisor.catalogue.WeightFormat;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.ResolvedPlan;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Computes the memory picture of a plan (docs/sizing.md). Weights: Linear layers at the format's
 * bits per weight, embeddings, lm_head and norms at 16 bits unless the format covers the whole
 * file; MoE experts all resident. Split over tensor parallelism (vocabulary and Linear layers
 * sharded, KV heads replicated once TP exceeds them) and pipeline parallelism (layers per stage;
 * the heaviest stage is reported). Then the engine's own memory rule decides what is left for the
 * KV cache.
 */
public final class SizingModel {
  /** vLLM allocates the KV cache in blocks of this many tokens. */
  static final int BLOCK_TOKENS = 16;

  static final double SIXTEEN_BIT_BYTES = 2.0;

  /** The guide's margin for KV cache and activations on top of the weights (§2). */
  static final double GUIDE_MARGIN_LOW = 0.15;

  static final double GUIDE_MARGIN_HIGH = 0.20;

  private SizingModel() {}

  public static Sizing size(ResolvedPlan r) {
    Architecture a = r.architecture();
    WeightFormat f = r.weights();
    GpuSpec gpu = r.gpu();
    DeploymentPlan.Engine engine = r.plan().engine();
    EngineSpec.MemoryFigures mem = r.engineRelease().memory();
    Map<String, String> explain = new LinkedHashMap<>();
    // llama.cpp's default --split-mode layer gives each GPU whole layers and their KV cache
    // (common.h LLAMA_SPLIT_MODE_LAYER): tensor × pipeline GPUs split the layers, none sharded.
    boolean layerSplit = r.engine().memoryModel().splitsByLayer();
    int tp = layerSplit ? 1 : r.tensor();
    int pp = layerSplit ? r.tensor() * r.pipeline() : r.pipeline();
    if (layerSplit && r.tensor() > 1) {
      explain.put(
          "layerSplit",
          fmt(
              "llama.cpp splits whole layers across GPUs (--split-mode layer, its default): TP %d × PP"
                  + " %d is sized as %d GPUs of consecutive layers, no tensor sharded",
              r.tensor(), r.pipeline(), pp));
    }

    int layers = a.numHiddenLayers();
    int layersPerGpu = (layers + pp - 1) / pp;
    boolean mla = a.mla();
    boolean mlaLatent = mla && MlaCache.cachesLatent(r.engineRelease());
    int kvHeads = a.numKeyValueHeads();
    // MLA's latent is one cache entry per layer, not heads: no head is replicated.
    int kvHeadsPerGpu = mlaLatent ? 1 : Math.max(1, kvHeads / tp);
    int replication = !mla && tp > kvHeads ? tp / kvHeads : 1;

    // Weights of the heaviest stage: its layers plus the embedding (first stage) or lm_head (last).
    double linearBytesPerParam = f.bytesPerParam();
    double otherBytesPerParam = f.linearOnly() ? SIXTEEN_BIT_BYTES : f.bytesPerParam();
    double kvProjectionReplicated =
        replication > 1
            ? 2.0 * a.hiddenSize() * a.headDim() * (kvHeadsPerGpu - (double) kvHeads / tp)
            : mla ? a.mlaReplicatedParamsPerLayer() * (1 - 1.0 / tp) : 0;
    // Routed experts by expert parallelism or TP, the rest by TP (MoeWeights); dense: all by TP.
    // The replicated K/V (or MLA kv_a/q_a) projections are attention, never experts.
    int expert = layerSplit ? 1 : r.expert();
    double perLayerBytes =
        MoeWeights.linearBytesPerLayerPerGpu(a, f, tp, expert)
            + kvProjectionReplicated * (f.expertsOnly() ? SIXTEEN_BIT_BYTES : linearBytesPerParam)
            + a.otherParamsPerLayer() * otherBytesPerParam;
    String moe = MoeWeights.explain(a, f, tp, expert);
    if (moe != null) {
      explain.put("moeWeights", moe);
    }
    double embeddingBytes = a.embeddingParams() / tp * otherBytesPerParam;
    double lmHeadBytes =
        (a.tied() ? a.embeddingParams() : a.lmHeadParams()) / tp * otherBytesPerParam;
    double edgeBytes =
        pp == 1
            ? embeddingBytes + (a.tied() ? 0 : lmHeadBytes)
            : Math.max(embeddingBytes, lmHeadBytes);
    // A multimodal checkpoint's vision tower and projector load at 16 bits on the first stage.
    double visionBytes =
        a.visionParameters() == null ? 0 : a.visionParameters() / tp * SIXTEEN_BIT_BYTES;
    long weightsPerGpu =
        Math.round(
            layersPerGpu * perLayerBytes
                + edgeBytes
                + a.hiddenSize() * otherBytesPerParam
                + visionBytes);
    long weightsTotal =
        Math.round(
            MoeWeights.linearBytesTotal(a, f)
                + a.numHiddenLayers() * a.otherParamsPerLayer() * otherBytesPerParam
                + (a.embeddingParams() + a.lmHeadParams() + a.hiddenSize()) * otherBytesPerParam
                + visionBytes * tp);
    explain.put(
        "weightsBytesPerGpu",
        fmt(
            "%s decoder Linear params × %s B (%s, %s bits/weight) + %s embedding/lm_head/norm params × %s B, "
                + "%d of %d layers on this GPU, split over TP %d%s%s = %s",
            billions(a.numHiddenLayers() * a.linearParamsPerLayer()),
            num(linearBytesPerParam),
            f.id(),
            num(f.bitsPerWeight()),
            billions(
                a.embeddingParams()
                    + a.lmHeadParams()
                    + a.numHiddenLayers() * a.otherParamsPerLayer()),
            num(otherBytesPerParam),
            layersPerGpu,
            layers,
            tp,
            replication > 1 ? " (K/V projections replicated ×" + replication + ")" : "",
            a.visionParameters() == null
                ? ""
                : fmt(" + vision tower %s params × 2 B", billions(a.visionParameters())),
            gib(weightsPerGpu)));

    // KV cache bytes per token on one GPU: K and V, for this GPU's layers and KV heads.
    double kvElementBytes = kvElementBytes(r);
    long mlaLatentPerToken =
        mla ? MlaCache.latentBytesPerToken(a, layersPerGpu, kvElementBytes) : 0;
    // Sliding-window / chunked-local layers: vLLM's KV-cache groups (padding slots included).
    // MLA models have no local layers, so the two never meet.
    KvGroups kvGroups = mla ? null : kvGroups(r, engine);
    boolean grouped = kvGroups != null && kvGroups.grouped();
    int kvLayerSlots = grouped ? kvGroups.slotsPerGpu(pp) : layersPerGpu;
    long kvPerTokenPerLayer = Math.round(2.0 * kvHeadsPerGpu * a.headDim() * kvElementBytes);
    if (grouped) {
      explain.put("kvGroups", kvGroups.explain(pp));
    }
    long kvPerToken =
        mlaLatent
            ? mlaLatentPerToken
            : mla
                ? MlaCache.fullKvBytesPerToken(a, layersPerGpu, tp, kvElementBytes)
                : Math.round(2.0 * kvLayerSlots * kvHeadsPerGpu * a.headDim() * kvElementBytes);
    explain.put(
        "kvBytesPerTokenPerGpu",
        mla
            ? MlaCache.explain(
                a,
                r.engineRelease(),
                layersPerGpu,
                tp,
                kvElementBytes,
                r.kvCache().id(),
                kvPerToken)
            : fmt(
                "2 (K and V) × %d %s × %d KV heads × head dim %d × %s B (%s) = %s%s",
                kvLayerSlots,
                grouped ? "layer slots (KV groups, padding included)" : "layers",
                kvHeadsPerGpu,
                a.headDim(),
                elementBytes(kvElementBytes),
                r.kvCache().id(),
                kib(kvPerToken),
                replication > 1
                    ? "; TP "
                        + tp
                        + " exceeds the "
                        + kvHeads
                        + " KV heads, so each head is stored "
                        + replication
                        + " times"
                    : ""));

    long total = gpu.totalMemoryBytes();
    long margin = gpu.memoryMarginBytes();
    explain.put(
        "totalMemoryBytesPerGpu",
        gpu.memoryIsEstimate()
            ? fmt(
                "%s: an estimate for %s (%s), the nominal %s GB as 10^9 bytes less a reserve; the driver"
                    + " may report up to %s more",
                gib(total), gpu.id(), gpu.memoryReportedSource(), num(gpu.memoryGb()), gib(margin))
            : gib(total)
                + " as the driver reports it for "
                + gpu.id()
                + " ("
                + gpu.memoryReportedSource()
                + ")");

    long activation = activationBytes(r, explain);
    LlamaCppOffload offload = null;
    long overhead = overheadBytes(r, mem, explain);
    MemoryModel memoryModel = r.engine().memoryModel();
    double util;
    long usable;
    long freeForKv;
    long kvCache;
    long capacity;
    long poolBlocks = -1;
    switch (memoryModel) {
      case VLLM -> {
        util = engine.gpuMemoryUtilization();
        usable = Math.round(util * total);
        freeForKv = usable - weightsPerGpu - activation - overhead;
        long blocks;
        if (grouped) {
          // One pool of groupSize tensors; each block spans one slot of every group.
          long blockBytes =
              BLOCK_TOKENS * kvPerTokenPerLayer * KvGroups.ceilDiv(kvGroups.groupSize(), pp);
          poolBlocks = freeForKv > 0 ? freeForKv / blockBytes : 0;
          blocks = poolBlocks / kvGroups.groups();
        } else {
          blocks = freeForKv > 0 ? freeForKv / (BLOCK_TOKENS * kvPerToken) : 0;
        }
        capacity = blocks * BLOCK_TOKENS;
        kvCache = Math.max(0, freeForKv);
        explain.put(
            "kvCacheBytesPerGpu",
            fmt(
                "%s × %s − %s weights − %s activation peak − %s non-torch = %s; %s blocks of %d tokens",
                num(util),
                gib(total),
                gib(weightsPerGpu),
                gib(activation),
                gib(overhead),
                gib(freeForKv),
                count(blocks),
                BLOCK_TOKENS));
      }
      case TENSORRT_LLM -> {
        util = r.engineRelease().defaults().kvCacheFreeGpuMemFraction();
        usable = total;
        long freeAfterLoad = total - weightsPerGpu - activation - overhead;
        freeForKv = Math.round(util * freeAfterLoad);
        kvCache = Math.max(0, freeForKv);
        capacity = kvCache / kvPerToken;
        explain.put(
            "kvCacheBytesPerGpu",
            fmt(
                "kv_cache_free_gpu_mem_fraction %s × (%s − %s weights − %s runtime buffers − %s overhead) = %s",
                num(util),
                gib(total),
                gib(weightsPerGpu),
                gib(activation),
                gib(overhead),
                gib(freeForKv)));
      }
      default -> { // LLAMA_CPP: llama.cpp allocates the whole context up front: maxModelLen × slots
        util = 1.0;
        usable = total;
        long slots = engine.maxNumSeqs() == null ? 1 : engine.maxNumSeqs();
        // -ngl: the GPUs hold the output layer and the last -ngl − 1 layers with their KV cache;
        // the
        // token embeddings and the other layers stay in host RAM (LlamaCppOffload).
        int requested = engine.gpuLayers() == null ? layers + 1 : engine.gpuLayers();
        double kvPerLayer = (double) kvPerToken / layersPerGpu;
        offload =
            LlamaCppOffload.place(
                layers,
                requested,
                perLayerBytes,
                embeddingBytes,
                lmHeadBytes + a.hiddenSize() * otherBytesPerParam,
                kvPerLayer,
                (long) engine.maxModelLen() * slots);
        int gpuLayersPerGpu = (offload.repeatingLayersOnGpu() + pp - 1) / pp;
        weightsPerGpu =
            Math.round(
                gpuLayersPerGpu * perLayerBytes
                    + (offload.outputOnGpu()
                        ? lmHeadBytes + a.hiddenSize() * otherBytesPerParam
                        : 0));
        explain.put("llamaCppOffload", offload.explain(layers, pp));
        explain.put(
            "weightsBytesPerGpu",
            explain.get("weightsBytesPerGpu")
                + fmt(
                    "; llama.cpp keeps the token embeddings in host RAM and offloads %s%s:"
                        + " %d × %s + output = %s on the heaviest GPU",
                    count(offload.repeatingLayersOnGpu(), "layer"),
                    offload.outputOnGpu() ? " and the output layer" : "",
                    gpuLayersPerGpu,
                    gib(Math.round(perLayerBytes)),
                    gib(weightsPerGpu)));
        if (gpuLayersPerGpu > 0) {
          kvPerToken = Math.round(kvPerLayer * gpuLayersPerGpu);
          layersPerGpu = gpuLayersPerGpu;
        }
        freeForKv = total - weightsPerGpu - activation - overhead;
        long wanted = gpuLayersPerGpu > 0 ? kvPerToken * engine.maxModelLen() * slots : 0;
        kvCache = Math.max(0, Math.min(wanted, freeForKv));
        // No layer on a GPU: the whole cache is in host RAM and holds the context.
        capacity = gpuLayersPerGpu > 0 ? kvCache / kvPerToken : engine.maxModelLen() * slots;
        explain.put(
            "kvCacheBytesPerGpu",
            fmt(
                "context %s tokens × %s × %s = %s wanted; %s − %s weights − %s compute buffers − %s overhead = %s free",
                count(engine.maxModelLen()),
                count(slots, "slot"),
                kib(kvPerToken),
                gib(wanted),
                gib(total),
                gib(weightsPerGpu),
                gib(activation),
                gib(overhead),
                gib(freeForKv)));
      }
    }
    explain.put(
        "kvCapacityTokens",
        fmt(
            "%s ÷ %s per token = %s tokens per replica",
            gib(kvCache), kib(kvPerToken), count(capacity)));

    // An estimated total may be low by up to the margin; the share of it the engine would give the
    // KV cache (its budget fraction of it) is what capacity figures may understate.
    long marginKvBytes = Math.round(util * margin);
    long marginTokens = marginKvBytes / kvPerToken;
    if (margin > 0) {
      explain.put(
          "kvTokensInMemoryMargin",
          fmt(
              "%s × %s margin = %s ÷ %s per token = up to %s more tokens",
              num(util), gib(margin), gib(marginKvBytes), kib(kvPerToken), count(marginTokens)));
    }

    int maxModelLen = engine.maxModelLen();
    long maxConcurrent = capacity / maxModelLen;
    int replicas = r.replicas();
    DeploymentPlan.Workload w = r.plan().workload();
    long workloadTokens = (long) w.promptTokens() + w.outputTokens();
    long atWorkload = replicas * (capacity / workloadTokens);
    boolean fitsOne = capacity >= maxModelLen;
    if (poolBlocks >= 0) {
      // Groups: a request needs blocks in every group, local groups only for their window.
      maxConcurrent = poolBlocks / kvGroups.blocksPerSequence();
      atWorkload = replicas * (poolBlocks / kvGroups.blocksFor(workloadTokens));
      fitsOne = poolBlocks >= kvGroups.blocksPerSequence();
      explain.put(
          "kvGroupsConcurrency",
          fmt(
              "%s pool blocks ÷ %s blocks per request of %s tokens = %s",
              count(poolBlocks),
              count(kvGroups.blocksPerSequence()),
              count(maxModelLen),
              count(maxConcurrent, "sequence")));
    }
    explain.put(
        "maxConcurrentSequences",
        fmt(
            "%s tokens ÷ maxModelLen %s = %s per replica; × %s = %s",
            count(capacity),
            count(maxModelLen),
            count(maxConcurrent, "sequence"),
            count(replicas, "replica"),
            count(replicas * maxConcurrent, "sequence")));
    explain.put(
        "concurrentSequencesAtWorkload",
        fmt(
            "%s × (%s tokens ÷ (%s prompt + %s output)) = %s",
            count(replicas, "replica"),
            count(capacity),
            count(w.promptTokens()),
            count(w.outputTokens()),
            count(atWorkload, "sequence")));

    double headroom = (usable - weightsPerGpu) / (double) weightsPerGpu;
    explain.put(
        "headroomRatio",
        fmt(
            "(%s budget − %s weights) ÷ %s weights = %s (the guide asks for 15–20 %%)",
            gib(usable), gib(weightsPerGpu), gib(weightsPerGpu), num(headroom * 100) + " %"));

    Sizing.RuleOfThumb thumb =
        ruleOfThumb(r, weightsPerGpu, activation, overhead, kvPerToken, workloadTokens);
    return new Sizing(
        memoryModel,
        total,
        gpu.memoryIsEstimate(),
        margin,
        marginTokens,
        util,
        usable,
        weightsTotal,
        weightsPerGpu,
        activation,
        overhead,
        freeForKv,
        kvCache,
        kvPerToken,
        kvHeadsPerGpu,
        replication,
        layersPerGpu,
        capacity,
        maxModelLen,
        maxConcurrent,
        r.totalGpus(),
        r.gpusPerReplica(),
        replicas,
        r.totalGpus() - replicas * r.gpusPerReplica(),
        replicas * maxConcurrent,
        workloadTokens,
        atWorkload,
        freeForKv > 0,
        fitsOne,
        headroom,
        thumb,
        // In the order the figures were worked out: Map.copyOf's order changes from one JVM to the
        // next, and a report must be byte for byte the same for the same plan and rules.
        Collections.unmodifiableMap(new LinkedHashMap<>(explain)),
        mlaLatentPerToken,
        kvGroups,
        offload);
  }

  /**
   * The model's KV groups under the plan's engine release ({@code slidingWindowKv} in
   * catalogues/engines.yaml), or null when every layer is full attention.
   */
  static KvGroups kvGroups(ResolvedPlan r, DeploymentPlan.Engine e) {
    boolean grouped =
        r.engine().memoryModel() == MemoryModel.VLLM && r.engineRelease().groupsSlidingWindowKv();
    int batch = e.maxNumBatchedTokens() != null ? e.maxNumBatchedTokens() : e.maxModelLen();
    return KvGroups.of(r.architecture(), grouped, e.maxModelLen(), batch);
  }

  /** A KV element size as written in the catalogue: 2, 1.0625, 0.5625. */
  static String elementBytes(double b) {
    return java.math.BigDecimal.valueOf(b).stripTrailingZeros().toPlainString();
  }

  /**
   * Bytes per KV element: the cache dtype's (fractional for llama.cpp's block types: q8_0 stores 32
   * elements in 34 bytes, 1.0625 B), or for {@code auto} the model's activation dtype.
   */
  static double kvElementBytes(ResolvedPlan r) {
    if (!r.kvCache().followsModel()) {
      return r.kvCache().bytesPerElement();
    }
    return "fp32".equals(r.weights().id()) ? 4 : 2;
  }

  /**
   * The activation peak the engine profiles (see {@link EngineSpec.MemoryFigures}): copies of the
   * hidden state for a batch of {@code maxNumBatchedTokens} tokens at 16 bits, the sampler's FP32
   * logits for {@code maxNumSeqs} sequences, and a fixed allowance. Calibrated on vLLM 0.19 logs.
   */
  static long activationBytes(ResolvedPlan r, Map<String, String> explain) {
    Architecture a = r.architecture();
    EngineSpec.MemoryFigures mem = r.engineRelease().memory();
    DeploymentPlan.Engine e = r.plan().engine();
    long tokens = e.maxNumBatchedTokens() != null ? e.maxNumBatchedTokens() : e.maxModelLen();
    long seqs =
        e.maxNumSeqs() != null ? e.maxNumSeqs() : e.maxBatchSize() != null ? e.maxBatchSize() : 1;
    String modelType = r.model() == null ? null : r.model().modelType();
    EngineSpec.FamilyActivation k = mem.activationFor(modelType);
    double hidden = tokens * k.hiddenStateCopies() * a.hiddenSize() * SIXTEEN_BIT_BYTES;
    double logits = seqs * (double) a.vocabSize() * 4 * k.samplerLogitCopies();
    double fixed = k.fixedOverheadGib() * GIB;
    long bytes = Math.round(hidden + logits + fixed);
    explain.put(
        "activationBytesPerGpu",
        fmt(
            "%s tokens × hidden %s × 2 B × %s copies + %s × vocab %s × 4 B × %s sampler copies + %s = %s%s",
            count(tokens),
            count(a.hiddenSize()),
            num(k.hiddenStateCopies()),
            count(seqs, "seq"),
            count(a.vocabSize()),
            num(k.samplerLogitCopies()),
            gib(fixed),
            gib(bytes),
            k.modelTypes().isEmpty()
                ? ""
                : " (coefficients of model type " + modelType + ": " + k.source() + ")"));
    return bytes;
  }

  /** Memory the engine uses outside PyTorch's allocator: CUDA context, NCCL buffers. */
  static long overheadBytes(
      ResolvedPlan r, EngineSpec.MemoryFigures mem, Map<String, String> explain) {
    double gib;
    String why;
    if (r.tensor() > 1) {
      gib = mem.nonTorchGibTensorParallel();
      why = "with tensor parallelism (all-reduce buffers)";
    } else if (r.pipeline() > 1) {
      gib = mem.nonTorchGibPipelineOnly();
      why = "with pipeline parallelism only";
    } else {
      gib = mem.nonTorchGibSingleGpu();
      why = "on a single GPU";
    }
    long bytes = Math.round(gib * GIB);
    explain.put(
        "overheadBytesPerGpu", gib(bytes) + " non-torch memory " + why + " (" + mem.source() + ")");
    return bytes;
  }

  private static Sizing.RuleOfThumb ruleOfThumb(
      ResolvedPlan r,
      long weightsPerGpu,
      long activation,
      long overhead,
      long kvPerToken,
      long workloadTokens) {
    int bits = r.weights().weightBits();
    double bytesPerParam = bits >= 16 ? 2.0 : bits >= 8 ? 1.0 : 0.5;
    double params =
        r.architecture().parameters() != null
            ? r.architecture().parameters()
            : r.architecture().computedParameters();
    long weights = Math.round(params * bytesPerParam);
    DeploymentPlan.Workload w = r.plan().workload();
    long perReplicaConcurrency = (w.concurrentRequests() + r.replicas() - 1) / r.replicas();
    long need =
        (long) r.gpusPerReplica() * (weightsPerGpu + activation + overhead)
            + (long) r.gpusPerReplica() * kvPerToken * workloadTokens * perReplicaConcurrency;
    String note =
        fmt(
            "the guide: %s params × %s B = %s, plus 15–20 %% = %s–%s; computed need of one replica for %d concurrent "
                + "sequences of %s tokens: %s",
            billions(params),
            num(bytesPerParam),
            gib(weights),
            gib(weights * (1 + GUIDE_MARGIN_LOW)),
            gib(weights * (1 + GUIDE_MARGIN_HIGH)),
            perReplicaConcurrency,
            count(workloadTokens),
            gib(need));
    return new Sizing.RuleOfThumb(
        bytesPerParam,
        weights,
        Math.round(weights * (1 + GUIDE_MARGIN_LOW)),
        Math.round(weights * (1 + GUIDE_MARGIN_HIGH)),
        need,
        note);
  }

  private static String billions(double params) {
    return fmt("%.2fB", params / 1e9);
  }
}
