package dev.llmadvisor.whatif;

import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.strategy.Commands;
import java.util.List;
import java.util.Map;

/**
 * The answer to a what-if request: the Pareto front of the candidates that pass the ruleset (over
 * cost, aggregate throughput, TTFT and quality class), the families where nothing passed with the
 * rules that stopped them, and what the search cost.
 *
 * @param costAxis {@code usdPerHour} when every GPU searched has a catalogued price, else {@code
 *     gpus}
 * @param candidatesConsidered every point of the space
 * @param candidatesPruned points not sent to the rules: {@code prunedBy} says by which rule's
 *     arithmetic (each of those rules rejects the plan, so no verdict is lost)
 * @param candidatesInvalid points the plan resolver refuses (a layout the plan contract forbids)
 * @param candidatesEvaluated plans evaluated by the full ruleset
 * @param candidatesPassing of those, the ones not rejected
 * @param elapsedMs wall-clock time of the whole search, front evaluations included
 * @param evaluationsPerSecond candidatesEvaluated ÷ the time spent in rule sessions for them
 */
public record WhatIfResult(
    String model,
    Space space,
    String costAxis,
    int candidatesConsidered,
    int candidatesPruned,
    Map<String, Integer> prunedBy,
    int candidatesInvalid,
    int candidatesEvaluated,
    int candidatesPassing,
    long elapsedMs,
    long evaluationMs,
    long evaluationsPerSecond,
    List<Entry> front,
    List<Family> failedFamilies) {

  /** What was searched, after the constraints' defaults. */
  public record Space(
      List<String> gpus,
      int maxGpus,
      int maxNodes,
      List<String> engines,
      List<String> weightFormats,
      String minQuality,
      int maxModelLen) {}

  /**
   * One deployment of the front.
   *
   * @param verdict the verdict {@code POST /api/v1/evaluations} gives {@code plan}
   * @param strategy the decision tree's strategy whose weights and KV cache it uses, if any
   * @param warnings ids of its WARNING findings
   * @param usdPerHour the GPUs' catalogued hour price × GPUs; null without a price
   * @param usdPerMillionOutputTokens usdPerHour ÷ (aggregate tokens/s × 3,600) × 10⁶
   */
  public record Entry(
      int rank,
      String verdict,
      String gpu,
      int gpus,
      int nodes,
      int tensor,
      int pipeline,
      int replicas,
      String engine,
      String weights,
      String kvCache,
      String qualityClass,
      String strategy,
      double decodeTokensPerSecondAggregate,
      double decodeTokensPerSecondPerSequence,
      double ttftMs,
      long concurrentSequencesAtWorkload,
      Double usdPerHour,
      Double usdPerMillionOutputTokens,
      List<String> warnings,
      DeploymentPlan plan,
      List<Commands.Step> commands) {}

  /**
   * A GPU × engine × weight format where no candidate passed.
   *
   * @param stoppedBy rule id → candidates of the family it stopped (pruned ones included)
   */
  public record Family(
      String gpu,
      String engine,
      String weights,
      int candidates,
      int pruned,
      Map<String, Integer> stoppedBy) {}
}
