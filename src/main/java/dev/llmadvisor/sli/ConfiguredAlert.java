package dev.llmadvisor.sli;

import dev.llmadvisor.plan.DeploymentPlan.Alerts;
import dev.llmadvisor.plan.DeploymentPlan.Monitoring;
import java.util.ArrayList;
import java.util.List;

/**
 * One alert the plan's monitoring sets, by metric name ({@code ttftP99Ms}, {@code kvCacheWastePct},
 * {@code oomErrorRatePct}), so rules can compare every alert with the guide's threshold for the
 * same metric in one rule.
 */
public record ConfiguredAlert(String metric, double threshold) {

  public static List<ConfiguredAlert> of(Monitoring monitoring) {
    List<ConfiguredAlert> alerts = new ArrayList<>();
    Alerts a = monitoring == null ? null : monitoring.alerts();
    if (a != null) {
      add(alerts, "ttftP99Ms", a.ttftP99Ms());
      add(alerts, "kvCacheWastePct", a.kvCacheWastePct());
      add(alerts, "oomErrorRatePct", a.oomErrorRatePct());
    }
    return List.copyOf(alerts);
  }

  private static void add(List<ConfiguredAlert> alerts, String metric, Double threshold) {
    if (threshold != null) {
      alerts.add(new ConfiguredAlert(metric, threshold));
    }
  }
}
