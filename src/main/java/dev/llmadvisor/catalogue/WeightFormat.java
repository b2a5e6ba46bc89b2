package dev.llmadvisor.catalogue;

import java.util.List;

/** A weight format as catalogued in {@code catalogues/weight-formats.yaml}. */
public record WeightFormat(
    String id,
    String name,
    List<String> aliases,
    String kind,
    Integer weightBits,
    Integer activationBits,
    Double bitsPerWeight,
    String scope,
    Integer groupSize,
    String computeDtype,
    String status,
    String source)
    implements CatalogueEntry {

  /** True when only Linear layers are quantised and embeddings/lm_head stay 16-bit. */
  public boolean linearOnly() {
    return "linear".equals(scope);
  }

  public double bytesPerParam() {
    return bitsPerWeight / 8.0;
  }
}
