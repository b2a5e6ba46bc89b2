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

  /** This architecture with its vision tower's parameters (the importer counts Gemma 3's). */
  public Architecture withVisionParameters(double count) {
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
        count);
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

  /**
   * Parameters of the Linear layers of one decoder layer, all experts: what quantization acts on.
   */
  public double linearParamsPerLayer() {
    double h = hiddenSize;
    double attention = h * attentionWidth() * 2 + 2 * h * numKeyValueHeads * headDim;
    double mlp = 3 * h * intermediateSize * experts();
    return attention + mlp;
  }

  /** Parameters of one decoder layer that stay 16-bit: norms, router, q/k/v biases. */
  public double otherParamsPerLayer() {
    double h = hiddenSize;
    double router = moe() ? h * experts() : 0;
    double bias =
        Boolean.TRUE.equals(attentionBias)
            ? attentionWidth() + 2.0 * numKeyValueHeads * headDim
            : 0;
    return 2 * h + router + bias;
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
    double inactiveMlp = 3 * h * intermediateSize * (experts() - activeExperts());
    return computedParameters() - numHiddenLayers * inactiveMlp;
  }
}
