package dev.llmadvisor.evaluation;

import dev.llmadvisor.report.Report;
import dev.llmadvisor.rules.Finding;
import dev.llmadvisor.rules.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's own metrics, served at {@code /q/metrics} (Prometheus): evaluations by verdict,
 * findings by rule, severity and state, their latency as a histogram, reloads by trigger and
 * outcome, and the serving ruleset's version as an info metric ({@code
 * advisor_ruleset_info{version="sha256:…"} 1}). See docs/benchmarks.md (metrics).
 */
@ApplicationScoped
public class ServiceMetrics {
  static final String EVALUATIONS = "advisor.evaluations";
  static final String EVALUATION_TIME = "advisor.evaluation";
  static final String FINDINGS = "advisor.findings";
  static final String RELOADS = "advisor.ruleset.reloads";
  static final String RULESET_INFO = "advisor.ruleset.info";

  private final MeterRegistry registry;
  private final Advisor advisor;
  private final Map<Verdict, Counter> evaluations = new EnumMap<>(Verdict.class);

  /** One counter per rule, severity and state, registered at its first finding. */
  private final Map<List<String>, Counter> findings = new ConcurrentHashMap<>();

  private final Timer latency;
  private Gauge info;
  private String infoVersion;

  public ServiceMetrics(MeterRegistry registry, Advisor advisor) {
    this.registry = registry;
    this.advisor = advisor;
    for (Verdict v : Verdict.values()) {
      evaluations.put(
          v,
          Counter.builder(EVALUATIONS)
              .description("Plans evaluated through the API, by verdict")
              .tag("verdict", v.name())
              .register(registry));
    }
    latency =
        Timer.builder(EVALUATION_TIME)
            .description("Time of one evaluation (rules, sizing, search), without HTTP and the log")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
  }

  void start(@Observes StartupEvent event) {
    RulesetHolder holder = advisor.rulesets();
    holder.addListener(this::reloaded);
    serving(holder.current().version());
  }

  /** One evaluation, its findings, and how long it took. */
  public void evaluated(Report report, long nanos) {
    evaluations.get(report.verdict()).increment();
    for (Finding f : report.findings()) {
      List<String> key = List.of(f.ruleId(), f.severity().name(), f.state().label());
      findings
          .computeIfAbsent(
              key,
              k ->
                  Counter.builder(FINDINGS)
                      .description("Findings of plans evaluated through the API, by rule")
                      .tag("rule", k.get(0))
                      .tag("severity", k.get(1))
                      .tag("state", k.get(2))
                      .register(registry))
          .increment();
    }
    latency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private void reloaded(RulesetHolder.Attempt attempt) {
    Counter.builder(RELOADS)
        .description("Ruleset reload attempts, by what asked and what came of it")
        .tag("trigger", attempt.trigger().label())
        .tag("outcome", attempt.outcome().label())
        .register(registry)
        .increment();
    serving(advisor.ruleset().version());
  }

  /** The info metric names the serving version: one series, replaced when the version changes. */
  private synchronized void serving(String version) {
    if (version.equals(infoVersion)) {
      return;
    }
    if (info != null) {
      registry.remove(info);
    }
    info =
        Gauge.builder(RULESET_INFO, () -> 1)
            .description("The ruleset that serves: its version (the content hash of the files)")
            .tag("version", version)
            .register(registry);
    infoVersion = version;
  }
}
