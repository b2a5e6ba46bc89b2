package dev.llmadvisor.catalogue;

import java.util.List;

/** A KV-cache element type as catalogued in {@code catalogues/kv-cache-dtypes.yaml}. */
public record KvCacheDtype(
    String id,
    String name,
    List<String> aliases,
    Integer bytesPerElement,
    Boolean fp8,
    String status,
    String source)
    implements CatalogueEntry {

  /** {@code auto}: the cache takes the model's activation dtype. */
  public boolean followsModel() {
    return bytesPerElement == null;
  }

  public boolean isFp8() {
    return Boolean.TRUE.equals(fp8);
  }
}
