package dev.llmadvisor.whatif;

import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.catalogue.GpuPrice;
import dev.llmadvisor.catalogue.GpuSpec;
import dev.llmadvisor.catalogue.Strategy;
import dev.llmadvisor.performance.Performance;
import dev.llmadvisor.performance.Roofline;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.plan.PlanResolver;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.sizing.Sizing;
import dev.llmadvisor.sizing.SizingModel;
import dev.llmadvisor.strategy.Commands;
import dev.llmadvisor.whatif.BatchVerifier.Verification;
import dev.llmadvisor.whatif.WhatIfSpace.Point;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The what-if search (issue 14): every point of a {@link WhatIfSpace} is resolved and sized; the
 * points whose sizing already decides a rejection are pruned (below); every other one is evaluated
 * by the whole ruleset ({@link BatchVerifier}); among those not rejected, the Pareto front over
 * cost, aggregate throughput, TTFT and quality class is kept, and each of its plans is evaluated
 * once more exactly as {@code POST /api/v1/evaluations} evaluates it, so the verdict shown is that
 * one. The search decides nothing itself: what passes is the rules'.
 *
 * <p>Pruning only repeats the condition of a BLOCKER rule on a figure the sizing model computes, so
 * a pruned point is one the rules reject (waivers are not applied in the search): {@code
 * SIZING-DOES-NOT-FIT} when {@code sizing.weightsFit} is false, and {@code
 * SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE} when the weights fit but {@code sizing.fitsOneSequence} is
 * false. {@code WhatIfSearchTest} evaluates a sample of pruned points and finds them rejected by
 * that rule.
 */
public final class WhatIfSearch {
  public static final String DOES_NOT_FIT = "SIZING-DOES-NOT-FIT";
  public static final String NO_SEQUENCE = "SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE";
  static final String INVALID = "invalid plan";

  private WhatIfSearch() {}

  /**
   * One point of the space, resolved and sized.
   *
   * @param resolved null when the plan resolver refuses the plan ({@code invalid} says why)
   * @param prunedBy the BLOCKER rule the sizing already decides, or null
   */
  public record Sized(
      Point point,
      DeploymentPlan plan,
      ResolvedPlan resolved,
      Sizing sizing,
      Performance performance,
      String prunedBy,
      String invalid) {}

  /** Every point of the request's space, resolved, sized and marked where pruned. */
  public static List<Sized> candidates(WhatIfSpace space, Catalogues catalogues) {
    List<Point> points = new ArrayList<>();
    space.forEach(points::add);
    Sized[] sized = new Sized[points.size()];
    IntStream.range(0, sized.length)
        .parallel()
        .forEach(i -> sized[i] = size(space, points.get(i), catalogues));
    return List.of(sized);
  }

  static Sized size(WhatIfSpace space, Point p, Catalogues catalogues) {
    DeploymentPlan plan = space.plan(p);
    try {
      ResolvedPlan r = PlanResolver.resolve(plan, catalogues);
      Sizing s = SizingModel.size(r);
      String pruned = !s.weightsFit() ? DOES_NOT_FIT : !s.fitsOneSequence() ? NO_SEQUENCE : null;
      Performance perf = pruned == null ? Roofline.estimate(r, s, catalogues.roofline()) : null;
      return new Sized(p, plan, r, s, perf, pruned, null);
    } catch (InvalidPlanException e) {
      return new Sized(p, plan, null, null, null, null, e.getMessage());
    }
  }

  /** A candidate that passed, with the figures the front compares. */
  private record Passing(
      int index, Sized sized, Verification v, double cost, double thr, double ttft, int quality) {}

  public static WhatIfResult run(
      WhatIfRequest request, Catalogues catalogues, BatchVerifier verifier) {
    long start = System.nanoTime();
    WhatIfSpace space = WhatIfSpace.of(request, catalogues);
    List<Sized> all = candidates(space, catalogues);
    List<Sized> evaluated = new ArrayList<>();
    Map<String, Integer> prunedBy = new TreeMap<>();
    int invalid = 0;
    for (Sized s : all) {
      if (s.invalid() != null) {
        invalid++;
      } else if (s.prunedBy() != null) {
        prunedBy.merge(s.prunedBy(), 1, Integer::sum);
      } else {
        evaluated.add(s);
      }
    }
    long evalStart = System.nanoTime();
    List<Verification> verdicts =
        verifier.verifyAll(
            evaluated.stream()
                .map(s -> new BatchVerifier.Sized(s.resolved(), s.sizing(), s.performance()))
                .toList());
    long evalNanos = System.nanoTime() - evalStart;

    boolean priced = space.gpus().stream().allMatch(g -> catalogues.price(g.id()) != null);
    List<Passing> passing = new ArrayList<>();
    Map<Sized, Verification> verdictOf = new java.util.IdentityHashMap<>();
    for (int i = 0; i < evaluated.size(); i++) {
      Sized s = evaluated.get(i);
      Verification v = verdicts.get(i);
      verdictOf.put(s, v);
      if (v.passes()) {
        passing.add(
            new Passing(
                i,
                s,
                v,
                priced ? usdPerHour(catalogues, s) : s.point().gpus(),
                s.performance().decodeTokensPerSecondAggregate(),
                s.performance().ttftMs(),
                QualityClass.of(s.resolved().weights()).ordinal()));
      }
    }
    List<Passing> front = front(passing);
    List<WhatIfResult.Entry> entries = new ArrayList<>();
    for (Passing p : front) {
      entries.add(entry(entries.size() + 1, p, verifier.evaluate(p.sized().plan()), catalogues));
    }
    return new WhatIfResult(
        request.model() == null ? null : request.model().id(),
        new WhatIfResult.Space(
            space.gpus().stream().map(GpuSpec::id).toList(),
            space.maxGpus(),
            space.maxNodes(),
            space.engines(),
            all.stream().map(s -> s.point().weights().id()).distinct().toList(),
            space.minQuality().label(),
            space.maxModelLen()),
        priced ? "usdPerHour" : "gpus",
        all.size(),
        prunedBy.values().stream().mapToInt(Integer::intValue).sum(),
        prunedBy,
        invalid,
        evaluated.size(),
        passing.size(),
        (System.nanoTime() - start) / 1_000_000,
        evalNanos / 1_000_000,
        evalNanos == 0 ? 0 : Math.round(evaluated.size() / (evalNanos / 1e9)),
        entries,
        families(all, verdictOf));
  }

  /**
   * The Pareto front: a candidate stays unless another costs no more, decodes no slower, answers
   * its first token no later and keeps no less quality. Among equal ones, the approved one with the
   * fewest warnings, then the first in the space's order.
   */
  static List<Passing> front(List<Passing> passing) {
    List<Passing> sorted = new ArrayList<>(passing);
    sorted.sort(
        Comparator.comparingDouble(Passing::cost)
            .thenComparing(Comparator.comparingDouble(Passing::thr).reversed())
            .thenComparingDouble(Passing::ttft)
            .thenComparing(Comparator.comparingInt(Passing::quality).reversed())
            .thenComparing(p -> "APPROVED".equals(p.v().verdict()) ? 0 : 1)
            .thenComparingInt(p -> p.v().warnings().size())
            .thenComparingInt(Passing::index));
    List<Passing> kept = new ArrayList<>();
    for (Passing c : sorted) {
      boolean dominated =
          kept.stream()
              .anyMatch(
                  k ->
                      k.cost() <= c.cost()
                          && k.thr() >= c.thr()
                          && k.ttft() <= c.ttft()
                          && k.quality() >= c.quality());
      if (!dominated) {
        kept.add(c);
      }
    }
    return kept;
  }

  private static double usdPerHour(Catalogues catalogues, Sized s) {
    GpuPrice price = catalogues.price(s.point().gpu().id());
    return price == null ? Double.NaN : price.usdPerGpuHour() * s.point().gpus();
  }

  private static WhatIfResult.Entry entry(
      int rank, Passing p, Verification full, Catalogues catalogues) {
    Sized s = p.sized();
    Point pt = s.point();
    GpuPrice price = catalogues.price(pt.gpu().id());
    Double perHour = price == null ? null : round(price.usdPerGpuHour() * pt.gpus(), 4);
    double thr = s.performance().decodeTokensPerSecondAggregate();
    Double perMillion =
        perHour == null || thr <= 0 ? null : round(perHour / (thr * 3600) * 1_000_000, 4);
    Strategy strategy = strategyOf(catalogues, pt.weights().id());
    String strategyId =
        strategy != null && strategy.kvCache().equals(pt.kvCache()) ? strategy.id() : null;
    return new WhatIfResult.Entry(
        rank,
        full.verdict(),
        pt.gpu().id(),
        pt.gpus(),
        pt.nodes(),
        pt.tensor(),
        pt.pipeline(),
        s.sizing().replicas(),
        pt.engine().id(),
        pt.weights().id(),
        pt.kvCache(),
        QualityClass.of(pt.weights()).label(),
        strategyId,
        thr,
        s.performance().decodeTokensPerSecondPerSequence(),
        s.performance().ttftMs(),
        s.sizing().concurrentSequencesAtWorkload(),
        perHour,
        perMillion,
        full.warnings(),
        s.plan(),
        Commands.forPlan(s.resolved(), f -> strategyOf(catalogues, f)));
  }

  /** The decision tree's strategy that produces these weights, or null. */
  public static Strategy strategyOf(Catalogues catalogues, String weights) {
    for (Strategy s : catalogues.strategies().all()) {
      if (s.weights().equals(weights)) {
        return s;
      }
    }
    return null;
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  private static List<WhatIfResult.Family> families(
      List<Sized> all, Map<Sized, Verification> verdictOf) {
    Map<String, List<Sized>> byFamily = new LinkedHashMap<>();
    for (Sized s : all) {
      byFamily.computeIfAbsent(s.point().family(), k -> new ArrayList<>()).add(s);
    }
    List<WhatIfResult.Family> failed = new ArrayList<>();
    for (List<Sized> members : byFamily.values()) {
      boolean anyPasses =
          members.stream().anyMatch(s -> verdictOf.containsKey(s) && verdictOf.get(s).passes());
      if (anyPasses) {
        continue;
      }
      Map<String, Integer> stopped = new TreeMap<>();
      int pruned = 0;
      for (Sized s : members) {
        if (s.invalid() != null) {
          stopped.merge(INVALID, 1, Integer::sum);
        } else if (s.prunedBy() != null) {
          pruned++;
          stopped.merge(s.prunedBy(), 1, Integer::sum);
        } else {
          for (String id : verdictOf.get(s).stoppedBy()) {
            stopped.merge(id, 1, Integer::sum);
          }
        }
      }
      Point p = members.get(0).point();
      failed.add(
          new WhatIfResult.Family(
              p.gpu().id(), p.engine().id(), p.weights().id(), members.size(), pruned, stopped));
    }
    return failed;
  }
}
