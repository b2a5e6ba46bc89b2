package dev.llmadvisor.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

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
    Quality quality,
    String status,
    String source,
    Map<String, Map<String, String>> importNames)
    implements CatalogueEntry {

  public WeightFormat {
    importNames = importNames == null ? Map.of() : importNames;
  }

  /**
   * What quantizing to this format costs in output quality, with its own status and source (the
   * entry's {@code status}/{@code source} cover the size figures).
   *
   * @param perplexityDelta perplexity increase over the unquantized model, or null where no sourced
   *     figure exists; the key must be written (explicit {@code null}), so that a forgotten figure
   *     is a load error rather than a silent absence
   * @param measuredOn the model the figure was measured on; null exactly when the figure is
   * @param note the reviewer-facing sentence rules quote; it repeats the figure and the model, so a
   *     message never shows a number the data does not hold
   */
  public record Quality(
      @JsonProperty(required = true) Double perplexityDelta,
      @JsonProperty(required = true) String measuredOn,
      String note,
      String status,
      String source) {}

  /**
   * True when embeddings/lm_head stay 16-bit: only Linear layers are quantised ({@code linear}), or
   * only the routed MoE experts ({@code experts}).
   */
  public boolean linearOnly() {
    return "linear".equals(scope) || expertsOnly();
  }

  /**
   * True when only the routed experts of MoE layers are quantised and attention, shared experts,
   * dense layers, router, embeddings and lm_head stay 16-bit (gpt-oss's MXFP4 checkpoints).
   */
  public boolean expertsOnly() {
    return "experts".equals(scope);
  }

  public double bytesPerParam() {
    return bitsPerWeight / 8.0;
  }
}
