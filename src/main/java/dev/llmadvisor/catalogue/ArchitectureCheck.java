package dev.llmadvisor.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks the architecture numbers of a model, from the catalogue or from a plan: every count
 * present and positive, heads a multiple of KV heads, and the declared parameter count within 2 %
 * of the count computed from the config (catches a mistyped dimension).
 */
public final class ArchitectureCheck {
  static final double PARAMETER_TOLERANCE = 0.02;

  private ArchitectureCheck() {}

  /** One thing wrong with one architecture field, named as in {@link Architecture}. */
  public record Problem(String field, String message) {
    @Override
    public String toString() {
      return field + ": " + message;
    }
  }

  /** What is wrong, field by field; empty when the architecture is usable. */
  public static List<Problem> problems(Architecture a) {
    return problems(a, true);
  }

  /**
   * @param needsContext whether {@code maxPositionEmbeddings} is required: a catalogue entry needs
   *     it; a plan's own architecture can do without when the plan gives {@code engine.maxModelLen}
   */
  public static List<Problem> problems(Architecture a, boolean needsContext) {
    List<Problem> problems = new ArrayList<>();
    positive(problems, "numHiddenLayers", a.numHiddenLayers());
    positive(problems, "hiddenSize", a.hiddenSize());
    positive(problems, "numAttentionHeads", a.numAttentionHeads());
    positive(problems, "numKeyValueHeads", a.numKeyValueHeads());
    positive(problems, "headDim", a.headDim());
    positive(problems, "intermediateSize", a.intermediateSize());
    positive(problems, "vocabSize", a.vocabSize());
    if (needsContext || a.maxPositionEmbeddings() != null) {
      positive(problems, "maxPositionEmbeddings", a.maxPositionEmbeddings());
    }
    if (a.numLocalExperts() != null) {
      positive(problems, "numLocalExperts", a.numLocalExperts());
    }
    if (a.numExpertsPerTok() != null) {
      positive(problems, "numExpertsPerTok", a.numExpertsPerTok());
    }
    for (Object[] f :
        new Object[][] {
          {"moeIntermediateSize", a.moeIntermediateSize()},
          {"sharedExpertIntermediateSize", a.sharedExpertIntermediateSize()},
          {"interleaveMoeLayerStep", a.interleaveMoeLayerStep()}
        }) {
      if (f[1] != null) {
        positive(problems, (String) f[0], (Integer) f[1]);
      }
    }
    if (a.nSharedExperts() != null && a.nSharedExperts() < 0) {
      problems.add(
          new Problem("nSharedExperts", "must not be negative, got " + a.nSharedExperts()));
    }
    if (a.firstKDenseReplace() != null && a.firstKDenseReplace() < 0) {
      problems.add(
          new Problem("firstKDenseReplace", "must not be negative, got " + a.firstKDenseReplace()));
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    if (a.numAttentionHeads() % a.numKeyValueHeads() != 0) {
      problems.add(
          new Problem(
              "numKeyValueHeads",
              a.numKeyValueHeads()
                  + " does not divide numAttentionHeads "
                  + a.numAttentionHeads()));
    }
    if (a.parameters() != null) {
      double computed = a.computedParameters();
      double gap = Math.abs(computed - a.parameters()) / a.parameters();
      if (gap > PARAMETER_TOLERANCE) {
        problems.add(
            new Problem(
                "parameters",
                String.format(
                    Locale.ROOT,
                    "%.4g differs by %.1f %% from %.4g computed from the architecture",
                    a.parameters(),
                    gap * 100,
                    computed)));
      }
    }
    return problems;
  }

  private static void positive(List<Problem> problems, String field, Integer value) {
    if (value == null) {
      problems.add(new Problem(field, "missing"));
    } else if (value <= 0) {
      problems.add(new Problem(field, "must be positive, got " + value));
    }
  }
}
