package dev.llmadvisor.evaluation;

import dev.llmadvisor.performance.Performance;
import dev.llmadvisor.performance.Roofline;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.plan.PlanResolver;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.report.Report;
import dev.llmadvisor.rules.RuleEngine;
import dev.llmadvisor.rules.Severity;
import dev.llmadvisor.sizing.Sizing;
import dev.llmadvisor.sizing.SizingModel;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Evaluates deployment plans: resolves the plan against the catalogues, computes its sizing and
 * speed figures, and lets the rules decide. The one bean REST and tests call; nothing else sees the
 * rule engine.
 */
@ApplicationScoped
@Startup
public class Advisor {
  private final Ruleset ruleset;

  public Advisor(
      @ConfigProperty(name = "advisor.rules-dir", defaultValue = "rules") Path rulesDir,
      @ConfigProperty(name = "advisor.catalogues-dir", defaultValue = "catalogues")
          Path cataloguesDir) {
    this.ruleset = Ruleset.load(rulesDir, cataloguesDir);
  }

  public Ruleset ruleset() {
    return ruleset;
  }

  public Report evaluate(String text, PlanReader.Format format) {
    return evaluate(PlanReader.read(text, format));
  }

  public Report evaluate(DeploymentPlan plan) {
    Ruleset rs = ruleset;
    ResolvedPlan resolved = PlanResolver.resolve(plan, rs.catalogues());
    Sizing sizing = SizingModel.size(resolved);
    Performance performance = Roofline.estimate(resolved, sizing, rs.catalogues().roofline());
    RuleEngine.Outcome outcome =
        RuleEngine.evaluate(rs.rules(), facts(resolved, sizing, performance));
    Map<Severity, Long> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, outcome.findings().stream().filter(f -> f.severity() == s).count());
    }
    return new Report(
        UUID.randomUUID().toString(),
        Instant.now(),
        resolved.plan().name(),
        outcome.verdict(),
        outcome.decidedBy(),
        counts,
        outcome.findings(),
        sizing,
        performance,
        resolved.plan(),
        resolved.defaults(),
        new Report.RulesetInfo(rs.version(), rs.rules().rules().size(), rs.loadedAt()));
  }

  /**
   * The facts rules match on: the plan and each of its sections, the catalogue entries it resolved
   * to, and the computed figures. One of each per session, so rules need no joins on ids.
   */
  static List<Object> facts(ResolvedPlan r, Sizing sizing, Performance performance) {
    DeploymentPlan p = r.plan();
    List<Object> facts = new ArrayList<>();
    facts.add(p);
    facts.add(p.model());
    facts.add(p.quantization());
    facts.add(p.engine());
    facts.add(p.hardware());
    facts.add(p.parallelism());
    facts.add(p.workload());
    facts.add(p.usage());
    for (Object optional : new Object[] {p.slo(), p.observed(), p.monitoring()}) {
      if (optional != null) {
        facts.add(optional);
      }
    }
    facts.add(r.model());
    facts.add(r.architecture());
    facts.add(r.gpu());
    facts.add(r.weights());
    facts.add(r.kvCache());
    facts.add(r.engine());
    facts.add(r.engineRelease());
    facts.add(sizing);
    facts.add(performance);
    return facts;
  }
}
