package dev.llmadvisor.sizing;

import dev.llmadvisor.catalogue.Architecture;
import java.util.ArrayList;
import java.util.List;

/**
 * The KV cache of a model whose layers do not all attend to the whole context (Gemma 2 and 3,
 * gpt-oss: sliding-window layers; Llama 4: chunked-local layers; Mistral 7B v0.1, Phi-3 mini: a
 * window on every layer), as vLLM's hybrid KV-cache manager lays it out.
 *
 * <p>vLLM ({@code vllm/v1/core/kv_cache_utils.py}, {@code _get_kv_cache_groups_uniform_page_size},
 * read at vllm-project/vllm@001cabc1be16a59a70d720ed61a13b678c060a18; the v0.19.0 start-up logs
 * print the same padding warnings and token counts) puts the layers of each attention kind into
 * groups of equal size: the group size is the smallest count of layers of one kind (the largest
 * when it is under 1.5 × the smallest), and the last group of a kind is padded. Every group has its
 * own block table over one shared pool of {@code groupSize} tensors, so a block costs {@code
 * groupSize × 16 × bytes per token per layer}, and the logged "GPU KV cache size" is {@code blocks
 * ÷ groups × 16} ({@code _report_kv_cache_config}). A request needs, per group, {@code ⌈len/16⌉}
 * blocks for full attention, {@code ⌈min(window − 1 + max_num_batched_tokens, len)/16⌉ + 1} for a
 * sliding window ({@code SlidingWindowSpec.max_memory_usage_bytes} in {@code
 * vllm/v1/kv_cache_interface.py}) and {@code ⌈min(chunk + max_num_batched_tokens, len)/16⌉} for
 * chunked-local attention: a window saves nothing when the batch reaches the context.
 *
 * <p>Engines (and vLLM releases) without groups size every layer as full attention; {@link
 * #grouped()} is false for them and only the layer counts are kept.
 *
 * @param fullLayers layers attending to the whole context
 * @param slidingLayers sliding-window layers
 * @param chunkedLayers chunked-local layers (Llama 4)
 * @param slidingWindow the window (tokens), null without sliding layers
 * @param attentionChunkSize the chunk (tokens), null without chunked layers
 * @param grouped whether the engine release sizes the cache by groups
 * @param groupSize layers per group (all layers when not grouped)
 * @param groups number of groups (1 when not grouped)
 * @param paddingLayers layer slots added to fill the last group of each kind
 * @param maxModelLen the plan's context
 * @param maxNumBatchedTokens the scheduler's batch (tokens)
 * @param slidingTokensPerSequence tokens a sliding group holds for one request of maxModelLen
 * @param chunkedTokensPerSequence tokens a chunked group holds for one request of maxModelLen
 * @param blocksPerSequence blocks of the pool one request of maxModelLen needs, all groups
 * @param windowSavesNothing grouped, and every local group still holds maxModelLen tokens
 */
public record KvGroups(
    int fullLayers,
    int slidingLayers,
    int chunkedLayers,
    Integer slidingWindow,
    Integer attentionChunkSize,
    boolean grouped,
    int groupSize,
    int groups,
    int paddingLayers,
    int maxModelLen,
    int maxNumBatchedTokens,
    long slidingTokensPerSequence,
    long chunkedTokensPerSequence,
    long blocksPerSequence,
    boolean windowSavesNothing) {

  static final String FULL = "full";
  static final String SLIDING = "sliding";
  static final String CHUNKED = "chunked";

  /** vLLM's heuristic: use the largest kind as group size when it is under this × the smallest. */
  static final double GROUP_SIZE_RATIO = 1.5;

  /**
   * Each layer's attention kind ({@code full}, {@code sliding}, {@code chunked}) from config.json's
   * {@code layer_types}, else from a pattern (every {@code slidingWindowPattern}-th layer full, as
   * transformers' Gemma 3 config counts it), else a window or chunk on every layer; null when every
   * layer is full attention.
   */
  public static List<String> layerKinds(Architecture a) {
    int layers = a.numHiddenLayers();
    List<String> kinds = new ArrayList<>(layers);
    String local =
        a.slidingWindow() != null ? SLIDING : a.attentionChunkSize() != null ? CHUNKED : null;
    if (a.layerTypes() != null && !a.layerTypes().isEmpty()) {
      for (String t : a.layerTypes()) {
        String type = t.toLowerCase(java.util.Locale.ROOT);
        kinds.add(type.contains("sliding") ? SLIDING : type.contains("chunk") ? CHUNKED : FULL);
      }
    } else if (local == null) {
      return null;
    } else if (a.slidingWindowPattern() != null && a.slidingWindowPattern() > 1) {
      for (int i = 0; i < layers; i++) {
        kinds.add((i + 1) % a.slidingWindowPattern() == 0 ? FULL : local);
      }
    } else {
      for (int i = 0; i < layers; i++) {
        kinds.add(local);
      }
    }
    return kinds.stream().allMatch(FULL::equals) ? null : kinds;
  }

  /**
   * The groups of {@code a} for a context of {@code maxModelLen} and a batch of {@code
   * maxNumBatchedTokens}; null for a model whose every layer is full attention.
   */
  public static KvGroups of(
      Architecture a, boolean grouped, int maxModelLen, int maxNumBatchedTokens) {
    List<String> kinds = layerKinds(a);
    if (kinds == null) {
      return null;
    }
    int full = (int) kinds.stream().filter(FULL::equals).count();
    int sliding = (int) kinds.stream().filter(SLIDING::equals).count();
    int chunked = (int) kinds.stream().filter(CHUNKED::equals).count();
    Integer window = sliding > 0 ? a.slidingWindow() : null;
    Integer chunk = chunked > 0 ? a.attentionChunkSize() : null;
    if (sliding > 0 && window == null || chunked > 0 && chunk == null) {
      return null; // layer_types names a local kind the config gives no size for
    }
    int size = kinds.size();
    int groups = 1;
    int padding = 0;
    if (grouped) {
      List<Integer> counts = new ArrayList<>();
      for (int n : new int[] {full, sliding, chunked}) {
        if (n > 0) {
          counts.add(n);
        }
      }
      if (counts.size() > 1) {
        int min = counts.stream().min(Integer::compare).orElseThrow();
        int max = counts.stream().max(Integer::compare).orElseThrow();
        size = max < min * GROUP_SIZE_RATIO ? max : min;
        groups = 0;
        for (int n : counts) {
          int g = ceilDiv(n, size);
          groups += g;
          padding += g * size - n;
        }
      }
    }
    long slidingTokens =
        window == null ? 0 : Math.min((long) window - 1 + maxNumBatchedTokens, maxModelLen);
    long chunkedTokens =
        chunk == null ? 0 : Math.min((long) chunk + maxNumBatchedTokens, maxModelLen);
    boolean savesNothing =
        grouped
            && (sliding == 0 || slidingTokens >= maxModelLen)
            && (chunked == 0 || chunkedTokens >= maxModelLen);
    return new KvGroups(
        full,
        sliding,
        chunked,
        window,
        chunk,
        grouped,
        size,
        groups,
        padding,
        maxModelLen,
        maxNumBatchedTokens,
        slidingTokens,
        chunkedTokens,
        blocks(grouped, full, sliding, chunked, size, maxModelLen, slidingTokens, chunkedTokens),
        savesNothing);
  }

  /** Blocks of the pool that one request of {@code tokens} tokens needs across all groups. */
  public long blocksFor(long tokens) {
    long slidingHeld =
        slidingLayers == 0 ? 0 : Math.min((long) slidingWindow - 1 + maxNumBatchedTokens, tokens);
    long chunkedHeld =
        chunkedLayers == 0 ? 0 : Math.min((long) attentionChunkSize + maxNumBatchedTokens, tokens);
    return blocks(
        grouped,
        fullLayers,
        slidingLayers,
        chunkedLayers,
        groupSize,
        tokens,
        slidingHeld,
        chunkedHeld);
  }

  /**
   * Per group, the blocks its layers hold for a request of {@code tokens}; local groups hold less.
   */
  private static long blocks(
      boolean grouped,
      int full,
      int sliding,
      int chunked,
      int groupSize,
      long tokens,
      long slidingHeld,
      long chunkedHeld) {
    long block = SizingModel.BLOCK_TOKENS;
    if (!grouped) {
      return ceilDiv(tokens, block);
    }
    long need = ceilDiv(full, groupSize) * ceilDiv(tokens, block);
    if (sliding > 0) {
      need += ceilDiv(sliding, groupSize) * (ceilDiv(slidingHeld, block) + 1);
    }
    if (chunked > 0) {
      need += ceilDiv(chunked, groupSize) * ceilDiv(chunkedHeld, block);
    }
    return need;
  }

  /** Layer slots (layers plus padding) one GPU keeps per token: its share of each group. */
  public int slotsPerGpu(int pipelineStages) {
    return ceilDiv(groupSize, pipelineStages) * groups;
  }

  /** Layer slots of the whole model, padding included (Gemma 3 27B: 62 layers in 70 slots). */
  public int layerSlots() {
    return groupSize * groups;
  }

  /** The layout in words, for {@code explain}. */
  String explain(int pipelineStages) {
    StringBuilder b = new StringBuilder();
    b.append(fullLayers).append(" full");
    if (slidingLayers > 0) {
      b.append(" + ")
          .append(slidingLayers)
          .append(" sliding-window (")
          .append(slidingWindow)
          .append(")");
    }
    if (chunkedLayers > 0) {
      b.append(" + ")
          .append(chunkedLayers)
          .append(" chunked-local (")
          .append(attentionChunkSize)
          .append(")");
    }
    b.append(" layers in ")
        .append(groups)
        .append(" groups of ")
        .append(groupSize)
        .append(" = ")
        .append(layerSlots())
        .append(" slots (")
        .append(paddingLayers)
        .append(" padding)");
    if (pipelineStages > 1) {
      b.append(", ")
          .append(slotsPerGpu(pipelineStages))
          .append(" on each of ")
          .append(pipelineStages)
          .append(" stages");
    }
    b.append("; tokens = pool blocks ÷ ")
        .append(groups)
        .append(" groups × 16; a request of ")
        .append(maxModelLen)
        .append(" tokens holds ");
    if (slidingLayers > 0) {
      b.append("min(")
          .append(slidingWindow)
          .append(" − 1 + ")
          .append(maxNumBatchedTokens)
          .append(", ")
          .append(maxModelLen)
          .append(") = ")
          .append(slidingTokensPerSequence)
          .append(" tokens per sliding group, ");
    }
    if (chunkedLayers > 0) {
      b.append("min(")
          .append(attentionChunkSize)
          .append(" + ")
          .append(maxNumBatchedTokens)
          .append(", ")
          .append(maxModelLen)
          .append(") = ")
          .append(chunkedTokensPerSequence)
          .append(" tokens per chunked group, ");
    }
    b.append(blocksPerSequence).append(" blocks in all");
    if (windowSavesNothing) {
      b.append(" (the window saves nothing at this batch and context)");
    }
    return b.toString();
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
