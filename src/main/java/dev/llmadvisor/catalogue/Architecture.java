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
    // Weights outside the decoder that a multimodal checkpoint loads (vision tower, projector).
    Double visionParameters) {

  /** This architecture with its parameter count given (the importer computes it). */
  public Architecture withParameters(double count) {
    return new Architecture(
        count,
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

  /**
   * Mixture of experts whose routed experts have their own width ({@code moe_intermediate_size}),
   * with shared experts and dense first layers (DeepSeek); Mixtral-style MoE is not.
   */
  public boolean fineGrainedMoe() {
    return moe() && moeIntermediateSize != null;
  }

  /**
   * Decoder layers with a dense MLP of {@code intermediateSize}: DeepSeek's first_k_dense_replace.
   */
  public int denseLayers() {
    if (!fineGrainedMoe()) {
      return moe() ? 0 : numHiddenLayers;
    }
    return firstKDenseReplace == null ? 0 : Math.min(firstKDenseReplace, numHiddenLayers);
  }

  /** Decoder layers with a mixture-of-experts MLP. */
  public int moeLayers() {
    return numHiddenLayers - denseLayers();
  }

  /** A dense layer's gate, up and down projections: 3 · hidden · intermediate. */
  public double denseMlpParamsPerLayer() {
    return 3.0 * hiddenSize * intermediateSize;
  }

  /**
   * One MoE layer's routed experts, all of them: 3 · hidden · width · experts, the width being
   * {@code moeIntermediateSize} where the config gives one, else {@code intermediateSize}.
   */
  public double routedExpertParamsPerMoeLayer() {
    int width = moeIntermediateSize != null ? moeIntermediateSize : intermediateSize;
    return 3.0 * hiddenSize * width * experts();
  }

  /**
   * One MoE layer's shared experts: 3 · hidden · their width, which is {@code
   * sharedExpertIntermediateSize} where given, else {@code nSharedExperts · moeIntermediateSize}
   * (DeepSeek fuses its shared experts into one MLP of that width); 0 without shared experts.
   */
  public double sharedExpertParamsPerMoeLayer() {
    double width =
        sharedExpertIntermediateSize != null
            ? sharedExpertIntermediateSize
            : nSharedExperts != null && moeIntermediateSize != null
                ? (double) nSharedExperts * moeIntermediateSize
                : 0;
    return 3.0 * hiddenSize * width;
  }

  /** One MoE layer's router (gate): hidden · experts; 0 for a dense model. */
  public double routerParamsPerMoeLayer() {
    return moe() ? (double) hiddenSize * experts() : 0;
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

  /** Linear parameters of one layer's attention, MLA or multi-/grouped-query. */
  public double attentionParamsPerLayer() {
    if (mla()) {
      return mlaAttentionParamsPerLayer();
    }
    double h = hiddenSize;
    return h * attentionWidth() * 2 + 2 * h * numKeyValueHeads * headDim;
  }

  /**
   * Parameters of the Linear layers of one decoder layer, all experts: what quantization acts on.
   * With fine-grained MoE the layers differ (dense first layers, MoE after): the mean per layer.
   */
  public double linearParamsPerLayer() {
    double mlp;
    if (fineGrainedMoe()) {
      mlp =
          (denseLayers() * denseMlpParamsPerLayer()
                  + moeLayers()
                      * (routedExpertParamsPerMoeLayer() + sharedExpertParamsPerMoeLayer()))
              / numHiddenLayers;
    } else {
      mlp = 3.0 * hiddenSize * intermediateSize * experts();
    }
    return attentionParamsPerLayer() + mlp;
  }

  /**
   * Parameters of one decoder layer that stay 16-bit: norms (and MLA's latent norms), router, q/k/v
   * biases; the mean per layer where only the MoE layers have a router.
   */
  public double otherParamsPerLayer() {
    double h = hiddenSize;
    double router =
        fineGrainedMoe()
            ? routerParamsPerMoeLayer() * moeLayers() / numHiddenLayers
            : routerParamsPerMoeLayer();
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

  /** Total parameters computed from the config (the FACTS §2 formula). */
  public double computedParameters() {
    return embeddingParams()
        + lmHeadParams()
        + numHiddenLayers * (linearParamsPerLayer() + otherParamsPerLayer())
        + hiddenSize;
  }

  /** Parameters touched per token: shared layers plus the active experts only. */
  public double activeParameters() {
    double h = hiddenSize;
    if (fineGrainedMoe()) {
      double inactiveRouted = 3 * h * moeIntermediateSize * (experts() - activeExperts());
      return computedParameters() - moeLayers() * inactiveRouted;
    }
    double inactiveMlp = 3 * h * intermediateSize * (experts() - activeExperts());
    return computedParameters() - numHiddenLayers * inactiveMlp;
  }
}
