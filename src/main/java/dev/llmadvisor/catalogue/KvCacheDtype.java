package dev.llmadvisor.catalogue;

import java.util.List;
import java.util.Map;

/** A KV-cache element type as catalogued in {@code catalogues/kv-cache-dtypes.yaml}. */
public record KvCacheDtype(
    String id,
    String name,
    List<String> aliases,
    Double bytesPerElement,
    Boolean fp8,
    String status,
    String source,
    Boolean ggmlQuantized,
    Map<String, Map<String, String>> importNames)
    implements CatalogueEntry {

  public KvCacheDtype {
    importNames = importNames == null ? Map.of() : importNames;
  }

  /** {@code auto}: the cache takes the model's activation dtype. */
  public boolean followsModel() {
    return bytesPerElement == null;
  }

  /**
   * A ggml block-quantized type (llama.cpp's {@code q8_0}, {@code q4_0} …): blocks of 32 elements
   * with their scale(s); a V cache of this type needs flash attention in llama.cpp.
   */
  public boolean quantizedInGgmlBlocks() {
    return Boolean.TRUE.equals(ggmlQuantized);
  }
}
