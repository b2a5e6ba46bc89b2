package dev.llmadvisor.evaluation;

import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.licence.LicenceReport;
import dev.llmadvisor.licence.Lineage;
import dev.llmadvisor.licence.Restriction;
import dev.llmadvisor.performance.Performance;
import dev.llmadvisor.performance.Roofline;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.plan.PlanHash;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.plan.PlanResolver;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.report.Report;
import dev.llmadvisor.rules.Finding;
import dev.llmadvisor.rules.RuleEngine;
import dev.llmadvisor.rules.Severity;
import dev.llmadvisor.rules.Verdict;
import dev.llmadvisor.sizing.Sizing;
import dev.llmadvisor.sizing.SizingModel;
import dev.llmadvisor.sli.ConfiguredAlert;
import dev.llmadvisor.sli.KvCacheWhatIf;
import dev.llmadvisor.strategy.Candidate;
import dev.llmadvisor.strategy.Commands;
import dev.llmadvisor.strategy.Recommendation;
import dev.llmadvisor.strategy.RecommendationReport;
import dev.llmadvisor.strategy.RecommendationSearch;
import dev.llmadvisor.strategy.SearchOutcome;
import dev.llmadvisor.strategy.SearchRequest;
import dev.llmadvisor.strategy.StrategyProfile;
import dev.llmadvisor.strategy.Verifier;
import dev.llmadvisor.waiver.EvaluationTime;
import dev.llmadvisor.waiver.PlanIdentity;
import dev.llmadvisor.waiver.Waived;
import dev.llmadvisor.waiver.Waiver;
import dev.llmadvisor.waiver.WaiverExpired;
import dev.llmadvisor.whatif.Artefacts;
import dev.llmadvisor.whatif.BatchVerifier;
import dev.llmadvisor.whatif.WhatIfRequest;
import dev.llmadvisor.whatif.WhatIfResult;
import dev.llmadvisor.whatif.WhatIfSearch;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Evaluates deployment plans: resolves the plan against the catalogues, computes its sizing and
 * speed figures, and lets the rules decide. The one bean REST and tests call; nothing else sees the
 * rule engine. Usable without CDI: {@code new Advisor(rulesDir, cataloguesDir)} loads the rules
 * once; the service also watches the folders ({@link LiveReload}).
 */
@ApplicationScoped
@Startup
public class Advisor {
  private static final String FP8 = "fp8";

  private final RulesetHolder rulesets;

  public Advisor(
      @ConfigProperty(name = "advisor.rules-dir", defaultValue = "rules") Path rulesDir,
      @ConfigProperty(name = "advisor.catalogues-dir", defaultValue = "catalogues")
          Path cataloguesDir) {
    unconfiguredLoggingAtInfo();
    this.rulesets = new RulesetHolder(rulesDir, cataloguesDir);
  }

  /**
   * Outside Quarkus (the command line, tests that build an advisor themselves) the JBoss log
   * manager starts with its root logger at ALL, so Drools formats a trace message with every fact
   * of every insert and firing even though no handler prints it: measured, about two thirds of a
   * rule session's time (issue 14, docs/recommend.md). Quarkus configures the root at INFO; here an
   * unconfigured root is put at INFO too. A configured level is left as it is.
   */
  private static void unconfiguredLoggingAtInfo() {
    // SLF4J reaches the JBoss log context whether or not it is the JUL log manager.
    java.util.logging.Logger root = org.jboss.logmanager.LogContext.getLogContext().getLogger("");
    if (root.getLevel() == null || root.getLevel() == java.util.logging.Level.ALL) {
      root.setLevel(java.util.logging.Level.INFO);
    }
  }

  /** The ruleset serving now; it may be replaced by the next reload. */
  public Ruleset ruleset() {
    return rulesets.current();
  }

  /** The serving ruleset's holder: its status, and reloads. */
  public RulesetHolder rulesets() {
    return rulesets;
  }

  public Report evaluate(String text, PlanReader.Format format) {
    return evaluate(PlanReader.read(text, format));
  }

  /** A plan's text with waivers, as {@code advisor check --waivers} evaluates it. */
  public Report evaluate(String text, PlanReader.Format format, List<Waiver> waivers, Instant now) {
    return evaluate(PlanReader.read(text, format), waivers, now);
  }

  /** A plan without waivers, now. */
  public Report evaluate(DeploymentPlan plan) {
    return evaluate(plan, List.of(), Instant.now());
  }

  /**
   * A plan under waivers at the instant {@code now}: the one evaluation the CLI ({@code check
   * --waivers}) and the server both call. Which waiver applies to which finding, and the verdict
   * from the findings no live waiver accepts, are the rules' ({@code rules/verdict.drl}); here the
   * findings are only marked with what the rules derived.
   */
  public Report evaluate(DeploymentPlan plan, List<Waiver> waivers, Instant now) {
    // Read once: a reload during this evaluation does not change the ruleset it uses.
    Ruleset rs = rulesets.current();
    String planHash = PlanHash.of(plan);
    ResolvedPlan resolved = PlanResolver.resolve(plan, rs.catalogues());
    Sizing sizing = SizingModel.size(resolved);
    Performance performance = Roofline.estimate(resolved, sizing, rs.catalogues().roofline());
    Lineage lineage = Lineage.of(resolved, rs.catalogues());
    Waivers w = new Waivers(waivers, now, resolved.plan().name());
    RuleEngine.Outcome outcome =
        run(rs, resolved, sizing, performance, lineage, w, planHash, true, COLLECTED);
    List<Finding> findings = marked(outcome);
    Map<Severity, Long> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, findings.stream().filter(f -> f.active() && f.severity() == s).count());
    }
    return new Report(
        UUID.randomUUID().toString(),
        Instant.now(),
        resolved.plan().name(),
        planHash,
        outcome.verdict(),
        outcome.decidedBy(),
        counts,
        findings,
        sizing,
        performance,
        LicenceReport.of(lineage.components(), outcome.derived(Restriction.class)),
        recommendation(outcome, resolved),
        resolved.plan(),
        resolved.defaults(),
        outcome.rulesFired(),
        new Report.RulesetInfo(rs.version(), rs.ruleCount(), rs.loadedAt()));
  }

  /**
   * The rule session of {@link #evaluate(DeploymentPlan)} alone, over figures computed beforehand:
   * the facts, the rules and the recommendation search they start (each candidate verified by a
   * session of its own). For the benchmarks ({@code src/jmh}), which time the parts of an
   * evaluation one by one.
   */
  public static RuleEngine.Outcome session(
      Ruleset rs, ResolvedPlan resolved, Sizing sizing, Performance performance) {
    Waivers w = new Waivers(List.of(), Instant.now(), resolved.plan().name());
    return run(
        rs,
        resolved,
        sizing,
        performance,
        Lineage.of(resolved, rs.catalogues()),
        w,
        PlanHash.of(resolved.plan()),
        true,
        COLLECTED);
  }

  /**
   * The what-if search (issue 14, {@code docs/recommend.md}) on the serving ruleset: every
   * candidate the search does not prune is evaluated by this ruleset, and every plan of the front
   * once more by {@link #evaluate(DeploymentPlan)}. Waivers are not applied: they accept findings
   * of a named deployment, and the search designs new ones.
   */
  public WhatIfResult recommend(WhatIfRequest request) {
    Ruleset rs = rulesets.current();
    return WhatIfSearch.run(request, rs.catalogues(), new Candidates(rs));
  }

  /**
   * A plan evaluated for its artefacts ({@link Artefacts}): its commands, sizing, verdict and the
   * SLI thresholds the rules derived in the session ({@code SliThreshold} of {@code rules/sli.drl},
   * read from the session's facts, never re-typed here). Without waivers and without the
   * recommendation search, which reject nothing.
   */
  public Artefacts.Input artefacts(DeploymentPlan plan) {
    Ruleset rs = rulesets.current();
    ResolvedPlan resolved = PlanResolver.resolve(plan, rs.catalogues());
    Sizing sizing = SizingModel.size(resolved);
    Performance performance = Roofline.estimate(resolved, sizing, rs.catalogues().roofline());
    org.kie.api.definition.type.FactType sli =
        rs.rules().kieBase().getFactType("policy.sli", "SliThreshold");
    List<Class<?>> collect = new ArrayList<>(COLLECTED);
    if (sli != null) {
      collect.add(sli.getFactClass());
    }
    RuleEngine.Outcome o =
        run(
            rs,
            resolved,
            sizing,
            performance,
            Lineage.of(resolved, rs.catalogues()),
            new Waivers(List.of(), Instant.now(), resolved.plan().name()),
            null,
            false,
            collect);
    List<Artefacts.Threshold> thresholds = new ArrayList<>();
    if (sli != null) {
      for (Object t : o.derived(sli.getFactClass())) {
        thresholds.add(
            new Artefacts.Threshold(
                (String) sli.get(t, "metric"),
                ((Number) sli.get(t, "limit")).doubleValue(),
                (String) sli.get(t, "limitUnit"),
                (String) sli.get(t, "action")));
      }
    }
    thresholds.sort(Comparator.comparing(Artefacts.Threshold::metric));
    BatchVerifier.Verification v = verification(o.verdict(), o.decidedBy(), o.findings());
    return new Artefacts.Input(
        resolved,
        sizing,
        Commands.forPlan(resolved, f -> WhatIfSearch.strategyOf(rs.catalogues(), f)),
        List.copyOf(thresholds),
        v.verdict(),
        v.stoppedBy());
  }

  /**
   * Evaluates the search's candidates: one stateless session each, on the cores available, with the
   * facts every candidate shares (the model's lineage, the alerts) built once per search.
   */
  private final class Candidates implements BatchVerifier {
    private final Ruleset rs;

    Candidates(Ruleset rs) {
      this.rs = rs;
    }

    @Override
    public List<Verification> verifyAll(List<Sized> candidates) {
      if (candidates.isEmpty()) {
        return List.of();
      }
      Lineage lineage = Lineage.of(candidates.get(0).resolved(), rs.catalogues());
      Waivers none = new Waivers(List.of(), Instant.now(), null);
      Verification[] out = new Verification[candidates.size()];
      java.util.stream.IntStream.range(0, out.length)
          .parallel()
          .forEach(
              i -> {
                RuleEngine.Outcome o = candidate(rs, candidates.get(i), lineage, none);
                out[i] = verification(o.verdict(), o.decidedBy(), o.findings());
              });
      return List.of(out);
    }

    @Override
    public Verification evaluate(DeploymentPlan plan) {
      Report r = Advisor.this.evaluate(plan);
      return verification(r.verdict(), r.verdictDecidedBy(), r.findings());
    }
  }

  private static BatchVerifier.Verification verification(
      Verdict verdict, String decidedBy, List<Finding> findings) {
    List<String> stoppedBy =
        findings.stream()
            .filter(Finding::active)
            .filter(f -> f.severity() == Severity.BLOCKER || f.severity() == Severity.ERROR)
            .map(Finding::ruleId)
            .distinct()
            .sorted()
            .toList();
    List<String> warnings =
        findings.stream()
            .filter(Finding::active)
            .filter(f -> f.severity() == Severity.WARNING)
            .map(Finding::ruleId)
            .distinct()
            .sorted()
            .toList();
    if (verdict == Verdict.REJECTED && stoppedBy.isEmpty()) {
      stoppedBy = List.of(decidedBy);
    }
    return new BatchVerifier.Verification(
        verdict.name(), verdict == Verdict.REJECTED ? stoppedBy : List.of(), warnings);
  }

  /**
   * The waivers of one evaluation, and when it happens. Candidates of the recommendation search are
   * verified under the same waivers with the plan's name and no hash: a waiver scoped by {@code
   * planName} covers them (they are variants of the named deployment), one scoped by {@code
   * planHash} does not (it accepted that exact plan).
   */
  private record Waivers(List<Waiver> waivers, Instant now, String planName) {}

  /**
   * The session's findings with the waiver states the rules derived: waived when a live waiver
   * accepts it (the one that lasts longest, when several do), else the expired waiver that no
   * longer does.
   */
  private static List<Finding> marked(RuleEngine.Outcome outcome) {
    Map<Finding, Waiver> waived = new HashMap<>();
    for (Waived w : outcome.derived(Waived.class)) {
      waived.merge(w.finding(), w.waiver(), Advisor::longerLived);
    }
    Map<Finding, Waiver> expired = new HashMap<>();
    for (WaiverExpired w : outcome.derived(WaiverExpired.class)) {
      expired.merge(w.finding(), w.waiver(), Advisor::longerLived);
    }
    List<Finding> findings = new ArrayList<>();
    for (Finding f : outcome.findings()) {
      Waiver live = waived.get(f);
      Waiver dead = expired.get(f);
      findings.add(
          live != null
              ? f.waived(live.applied())
              : dead != null ? f.waiverExpired(dead.expired()) : f);
    }
    return List.copyOf(findings);
  }

  private static Waiver longerLived(Waiver a, Waiver b) {
    return Comparator.comparing(Waiver::expiresAt).thenComparing(Waiver::id).compare(a, b) >= 0
        ? a
        : b;
  }

  /**
   * One session of the ruleset over a resolved plan, with every fact it gets. With {@code search},
   * the rules may search for a recommendation, verifying each candidate with a session of its own
   * (without search); {@code collect}: the derived facts to read after firing.
   */
  private static RuleEngine.Outcome run(
      Ruleset rs,
      ResolvedPlan resolved,
      Sizing sizing,
      Performance performance,
      Lineage lineage,
      Waivers waivers,
      String planHash,
      boolean search,
      List<Class<?>> collect) {
    List<Object> facts = facts(resolved, sizing, performance);
    facts.addAll(waivers.waivers());
    facts.add(new EvaluationTime(waivers.now()));
    facts.add(new PlanIdentity(waivers.planName(), planHash));
    facts.addAll(lineage.components());
    facts.addAll(lineage.licences());
    facts.addAll(ConfiguredAlert.of(resolved.plan().monitoring()));
    facts.add(fp8KvCache(resolved, sizing, rs.catalogues()));
    facts.addAll(StrategyProfile.of(resolved, rs.catalogues()));
    if (search) {
      facts.add(new SearchRequest());
    }
    return RuleEngine.evaluate(
        rs.rules(),
        facts,
        collect,
        Map.of(
            "search",
            new RecommendationSearch(
                resolved, rs.catalogues(), c -> verify(rs, c, waivers, lineage))));
  }

  /** The derived facts an evaluation reads after firing. */
  private static final List<Class<?>> COLLECTED =
      List.of(
          Restriction.class,
          Recommendation.class,
          SearchOutcome.class,
          Waived.class,
          WaiverExpired.class);

  /** A candidate's session: no plan identity (a candidate is no named deployment), no search. */
  private static RuleEngine.Outcome candidate(
      Ruleset rs, BatchVerifier.Sized c, Lineage lineage, Waivers waivers) {
    return run(
        rs, c.resolved(), c.sizing(), c.performance(), lineage, waivers, null, false, COLLECTED);
  }

  /**
   * A candidate under the same ruleset and waivers: it passes unless the rules reject it; what
   * stopped it is the rules behind its unwaived BLOCKER and ERROR findings.
   */
  private static Verifier.Verification verify(
      Ruleset rs, Candidate c, Waivers waivers, Lineage lineage) {
    // A candidate serves the plan's model: its lineage is the plan's (Lineage.of reads the model
    // section and the catalogued model only, which no candidate changes).
    RuleEngine.Outcome o =
        candidate(
            rs,
            new BatchVerifier.Sized(c.resolved(), c.sizing(), c.performance()),
            lineage,
            waivers);
    BatchVerifier.Verification v = verification(o.verdict(), o.decidedBy(), marked(o));
    return new Verifier.Verification(o.verdict() != Verdict.REJECTED, v.stoppedBy());
  }

  /**
   * The report's recommendation: the rules' choice among the searched candidates, or what stopped
   * each strategy when none passes; none when the tree has no branch for the plan (no search).
   */
  private static RecommendationReport recommendation(
      RuleEngine.Outcome outcome, ResolvedPlan resolved) {
    List<SearchOutcome> searches = outcome.derived(SearchOutcome.class);
    List<Recommendation> chosen = outcome.derived(Recommendation.class);
    if (searches.size() > 1 || chosen.size() > 1) {
      throw new IllegalStateException(
          "the rule set must search once and recommend at most one plan, it recommended "
              + chosen.stream().map(Recommendation::strategyId).toList()
              + ": check rules/strategy.drl");
    }
    if (searches.isEmpty()) {
      return null;
    }
    return RecommendationReport.of(
        searches.get(0),
        chosen.isEmpty() ? null : chosen.get(0),
        "No candidate of the decision tree passes every BLOCKER and ERROR rule on the plan's"
            + " GPUs; stoppedBy names the rules that stopped each strategy.",
        resolved.plan());
  }

  /**
   * The plan's sizing with an FP8 KV cache, for the rules that show what it would hold; the plan's
   * own sizing when the variant is not a valid plan.
   */
  private static KvCacheWhatIf fp8KvCache(ResolvedPlan r, Sizing sizing, Catalogues catalogues) {
    DeploymentPlan p = r.plan();
    if (FP8.equals(p.quantization().kvCache())) {
      // The variant would be the plan itself: its sizing is the plan's.
      return new KvCacheWhatIf(FP8, sizing);
    }
    try {
      ResolvedPlan v =
          PlanResolver.resolve(
              p.variant(
                  new DeploymentPlan.Quantization(p.quantization().weights(), FP8),
                  p.engine(),
                  p.parallelism(),
                  p.observed()),
              catalogues);
      return new KvCacheWhatIf(FP8, SizingModel.size(v));
    } catch (InvalidPlanException e) {
      return new KvCacheWhatIf(r.kvCache().id(), sizing);
    }
  }

  /**
   * The facts rules match on: the plan and each of its sections, the catalogue entries it resolved
   * to, and the computed figures. One of each per session, so rules need no joins on ids.
   */
  static List<Object> facts(ResolvedPlan r, Sizing sizing, Performance performance) {
    DeploymentPlan p = r.plan();
    List<Object> facts =
        new ArrayList<>(
            Arrays.asList(
                p,
                p.model(),
                p.quantization(),
                p.engine(),
                p.hardware(),
                p.parallelism(),
                p.workload(),
                p.usage()));
    for (Object optional : new Object[] {p.slo(), p.observed(), p.monitoring()}) {
      if (optional != null) {
        facts.add(optional);
      }
    }
    facts.addAll(
        Arrays.asList(
            r.model(),
            r.architecture(),
            r.gpu(),
            r.weights(),
            r.kvCache(),
            r.engine(),
            r.engineRelease(),
            sizing,
            performance));
    return facts;
  }
}
