package dev.llmadvisor.whatif;

import dev.llmadvisor.catalogue.WeightFormat;
import java.util.Arrays;
import java.util.List;

/**
 * How much of the model's quality a weight format keeps, by the bits per weight the catalogue gives
 * it ({@code weightBits}); the order of the guide's §2 trade-off (16-bit lossless; 8-bit under 1 %
 * perplexity loss; 4-bit measurable loss; fewer bits, more). A figure for ranking candidates, not a
 * verdict: what a format costs a given task is the quality rules' ({@code rules/quality.drl}).
 */
public enum QualityClass {
  BELOW_4_BIT("below-4-bit"),
  FOUR_BIT("4-bit"),
  EIGHT_BIT("8-bit"),
  SIXTEEN_BIT("16-bit");

  private final String label;

  QualityClass(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** 16 bits and more: 16-bit; 8 to 15: 8-bit; 4 to 7: 4-bit; fewer: below-4-bit. */
  public static QualityClass of(WeightFormat f) {
    int bits = f.weightBits();
    return bits >= 16 ? SIXTEEN_BIT : bits >= 8 ? EIGHT_BIT : bits >= 4 ? FOUR_BIT : BELOW_4_BIT;
  }

  /** The class with this label, or null. */
  public static QualityClass byLabel(String label) {
    return Arrays.stream(values()).filter(q -> q.label.equals(label)).findFirst().orElse(null);
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(QualityClass::label).toList();
  }

  @Override
  public String toString() {
    return label;
  }
}
