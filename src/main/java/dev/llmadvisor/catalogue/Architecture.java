package dev.llmadvisor.catalogue;

/**
 * The architecture numbers of a transformer, named as in its Hugging Face {@code config.json}
 * (camelCased). Shared by catalogue entries and by plans that describe a model outside the
 * catalogue.
 */
public record Architecture(
    Double parameters,
    Integer numHiddenLayers,
    Integer hiddenSize,
    Integer numAttentionHeads,
    Integer numKeyValueHeads,
    Integer headDim,
    Integer intermediateSize,
    Integer vocabSize,
    Integer maxPositionEmbeddings,
    Boolean tieWordEmbeddings,
    Integer numLocalExperts,
    Integer numExpertsPerTok,
    Boolean attentionBias,
    Integer slidingWindow,
    // Multi-head latent attention (DeepSeek-V2/V3, Kimi): config.json's q_lora_rank, kv_lora_rank,
    // qk_rope_head_dim, qk_nope_head_dim, v_head_dim; null for other attention kinds.
    Integer qLoraRank,
    Integer kvLoraRank,
    Integer qkRopeHeadDim,
    Integer qkNopeHeadDim,
    Integer vHeadDim,
    // Mixture of experts beyond Mixtral: shared experts, the routed experts' own width, dense
    // first layers (DeepSeek), MoE every k-th layer (Llama 4); null where the model has none.
    Integer nSharedExperts,
    Integer moeIntermediateSize,
    Integer sharedExpertIntermediateSize,
    Integer firstKDenseReplace,
    Integer interleaveMoeLayerStep,
    // Hybrid attention: each layer's kind (config.json's layer_types, e.g. "sliding_attention",
    // "full_attention"), or Gemma 3's pattern (every n-th layer global), and Llama 4's chunked
    // local attention; null where every layer attends to the whole context.
    java.util.List<String> layerTypes,
    Integer slidingWindowPattern,
    Integer attentionChunkSize,
    // Weights outside the decoder that a multimodal checkpoint loads (vision tower, projector),
    // sized once at 16 bits; never part of computedParameters, the language model's count that
    // `parameters` is checked against.
    Double visionParameters) {

  /** This architecture with its parameter count given (the importer computes it). */
  public Architecture withParameters(double count) {
    return with(count, visionParameters);
  }

  /** This architecture with its vision tower's parameters (the importer counts Gemma 3's). */
  public Architecture withVisionParameters(double count) {
    return with(parameters, count);
  }

  /** The one copy of every other field, for the two counts the importer fills in. */
  private Architecture with(Double parameters, Double visionParameters) {
    return new Architecture(
        parameters,
        numHiddenLayers,
        hiddenSize,
        numAttentionHeads,
        numKeyValueHeads,
        headDim,
        intermediateSize,
        vocabSize,
        maxPositionEmbeddings,
        tieWordEmbeddings,
        numLocalExperts,
        numExpertsPerTok,
        attentionBias,
        slidingWindow,
        qLoraRank,
        kvLoraRank,
        qkRopeHeadDim,
        qkNopeHeadDim,
        vHeadDim,
        nSharedExperts,
        moeIntermediateSize,
        sharedExpertIntermediateSize,
        firstKDenseReplace,
        interleaveMoeLayerStep,
        layerTypes,
        slidingWindowPattern,
        attentionChunkSize,
        visionParameters);
  }

  /** Number of experts; 1 for a dense model. */
  public int experts() {
    return numLocalExperts == null ? 1 : numLocalExperts;
  }

  public int activeExperts() {
    return numExpertsPerTok == null ? 1 : Math.min(numExpertsPerTok, experts());
  }

  public boolean moe() {
    return experts() > 1;
  }

  public boolean tied() {
    return Boolean.TRUE.equals(tieWordEmbeddings);
  }

  /** Attention projection width H·d (differs from hiddenSize in Gemma 2 9B). */
  public long attentionWidth() {
    return (long) numAttentionHeads * headDim;
  }

  /** Multi-head latent attention (DeepSeek-V2/V3, Kimi): config.json has a kv_lora_rank. */
  public boolean mla() {
    return kvLoraRank != null;
  }

  // Mixture of experts: one model for Mixtral, Qwen3-MoE, gpt-oss, DeepSeek and Llama 4. A dense
  // model has no MoE layer, so every figure below reduces to the dense feed-forward.

  /**
   * The width of one routed expert: config.json's {@code moe_intermediate_size} where it gives one
   * (Qwen3-MoE, DeepSeek), else {@code intermediate_size} (Mixtral, gpt-oss).
   */
  public int moeRoutedExpertWidth() {
    return moeIntermediateSize != null ? moeIntermediateSize : intermediateSize;
  }

  /**
   * The width of the shared experts of one MoE layer together: {@code
   * shared_expert_intermediate_size} (Qwen2-MoE) or {@code n_shared_experts} × the routed width
   * (DeepSeek fuses its shared experts into one MLP of that width; Llama 4 has one shared expert);
   * 0 without shared experts.
   */
  public int moeSharedExpertWidth() {
    if (!moe()) {
      return 0;
    }
    if (sharedExpertIntermediateSize != null) {
      return sharedExpertIntermediateSize;
    }
    return nSharedExperts == null ? 0 : nSharedExperts * moeRoutedExpertWidth();
  }

  /**
   * Layers whose feed-forward is a mixture of experts: all of them for Mixtral and Qwen3-MoE; after
   * the first {@code firstKDenseReplace} (DeepSeek's first_k_dense_replace); every {@code
   * interleaveMoeLayerStep}-th layer, layers k−1, 2k−1, … (Llama 4's {@code
   * interleave_moe_layer_step}, Qwen's {@code decoder_sparse_step}: transformers' Llama4TextModel
   * and Qwen3MoeDecoderLayer pick layer i when (i + 1) % k == 0); 0 for a dense model.
   */
  public int moeLayerCount() {
    if (!moe()) {
      return 0;
    }
    int first = firstKDenseReplace == null ? 0 : Math.min(firstKDenseReplace, numHiddenLayers);
    int step =
        interleaveMoeLayerStep == null || interleaveMoeLayerStep < 1 ? 1 : interleaveMoeLayerStep;
    int count = 0;
    for (int i = first; i < numHiddenLayers; i++) {
      if ((i + 1) % step == 0) {
        count++;
      }
    }
    return count;
  }

  /** Layers with a dense feed-forward of {@code intermediateSize}: all of them in a dense model. */
  public int moeDenseLayerCount() {
    return numHiddenLayers - moeLayerCount();
  }

  /** Gate, up and down projections of every routed expert of one MoE layer: 3·h·width·experts. */
  public double moeRoutedExpertParamsPerMoeLayer() {
    return 3.0 * hiddenSize * moeRoutedExpertWidth() * experts();
  }

  /** Gate, up and down projections of the shared experts of one MoE layer: 3·h·shared width. */
  public double moeSharedExpertParamsPerMoeLayer() {
    return 3.0 * hiddenSize * moeSharedExpertWidth();
  }

  /** One MoE layer's router (gate): hidden · experts; 0 for a dense model. */
  public double moeRouterParamsPerMoeLayer() {
    return moe() ? (double) hiddenSize * experts() : 0;
  }

  /** Gate, up and down projections of one dense layer's feed-forward: 3·h·intermediate. */
  public double moeDenseMlpParams() {
    return 3.0 * hiddenSize * intermediateSize;
  }

  /** Routed-expert parameters of the whole decoder (what expert parallelism divides). */
  public double moeRoutedExpertParams() {
    return moeLayerCount() * moeRoutedExpertParamsPerMoeLayer();
  }

  /** Feed-forward parameters of one layer, the mean over MoE and dense layers. */
  public double mlpParamsPerLayer() {
    return (moeLayerCount()
                * (moeRoutedExpertParamsPerMoeLayer() + moeSharedExpertParamsPerMoeLayer())
            + moeDenseLayerCount() * moeDenseMlpParams())
        / numHiddenLayers;
  }

  /**
   * Linear parameters of one layer's multi-head latent attention: the query projection (q_proj of
   * hidden × heads·(nope + rope), or q_a_proj + q_b_proj through q_lora_rank), kv_a_proj_with_mqa
   * (hidden × (kv_lora_rank + rope)), kv_b_proj (kv_lora_rank × heads·(nope + v)) and o_proj
   * (heads·v × hidden).
   */
  public double mlaAttentionParamsPerLayer() {
    double h = hiddenSize;
    double heads = numAttentionHeads;
    double qkHead = qkNopeHeadDim + qkRopeHeadDim;
    double q = qLoraRank == null ? h * heads * qkHead : h * qLoraRank + qLoraRank * heads * qkHead;
    double kvA = h * (kvLoraRank + qkRopeHeadDim);
    double kvB = (double) kvLoraRank * heads * (qkNopeHeadDim + vHeadDim);
    double o = heads * vHeadDim * h;
    return q + kvA + kvB + o;
  }

  /**
   * MLA Linear parameters every tensor-parallel rank holds whole: kv_a_proj_with_mqa and, with a
   * query LoRA, q_a_proj (vLLM builds both as ReplicatedLinear,
   * model_executor/models/deepseek_v2.py).
   */
  public double mlaReplicatedParamsPerLayer() {
    if (!mla()) {
      return 0;
    }
    double h = hiddenSize;
    return h * (kvLoraRank + qkRopeHeadDim) + (qLoraRank == null ? 0 : h * qLoraRank);
  }

  /** The norms on the latents: kv_a_layernorm (kv_lora_rank) and q_a_layernorm (q_lora_rank). */
  public double mlaNormParamsPerLayer() {
    return mla() ? kvLoraRank + (qLoraRank == null ? 0.0 : qLoraRank) : 0;
  }

  /** Linear parameters of one layer's attention: MLA, or the q, k, v and o projections. */
  public double attentionParamsPerLayer() {
    if (mla()) {
      return mlaAttentionParamsPerLayer();
    }
    double h = hiddenSize;
    return h * attentionWidth() * 2 + 2 * h * numKeyValueHeads * headDim;
  }

  /**
   * Parameters of the Linear layers of one decoder layer, all experts: what quantization acts on.
   * With MoE layers and dense layers mixed (DeepSeek's dense first layers, Llama 4's interleaving)
   * this is their mean over the decoder, so that × {@code numHiddenLayers} is the decoder's total.
   */
  public double linearParamsPerLayer() {
    return attentionParamsPerLayer() + mlpParamsPerLayer();
  }

  /**
   * Parameters of one decoder layer that stay 16-bit: norms (and MLA's latent norms), router, q/k/v
   * biases; the router sits in MoE layers only, so it is averaged over the decoder as above.
   */
  public double otherParamsPerLayer() {
    double h = hiddenSize;
    double router = moeRouterParamsPerMoeLayer() * moeLayerCount() / numHiddenLayers;
    double bias =
        !mla() && Boolean.TRUE.equals(attentionBias)
            ? attentionWidth() + 2.0 * numKeyValueHeads * headDim
            : 0;
    return 2 * h + router + bias + mlaNormParamsPerLayer();
  }

  public double embeddingParams() {
    return (double) vocabSize * hiddenSize;
  }

  public double lmHeadParams() {
    return tied() ? 0 : embeddingParams();
  }

  /**
   * Total parameters computed from the config (embeddings, lm_head unless tied, and per layer
   * attention, MLP × experts, router and norms).
   */
  public double computedParameters() {
    return embeddingParams()
        + lmHeadParams()
        + numHiddenLayers * (linearParamsPerLayer() + otherParamsPerLayer())
        + hiddenSize;
  }

  /** Parameters touched per token: shared layers plus the active routed experts only. */
  public double activeParameters() {
    double inactive =
        moeLayerCount() * 3.0 * hiddenSize * moeRoutedExpertWidth() * (experts() - activeExperts());
    return computedParameters() - inactive;
  }
}
