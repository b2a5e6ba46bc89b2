package dev.llmadvisor.api;

import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.evaluation.RulesetHolder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once rules and catalogues are loaded; reports which version serves and how the last reload
 * went. A failed reload leaves it up: the previous ruleset still serves.
 */
@Readiness
@ApplicationScoped
public class RulesetHealthCheck implements HealthCheck {
  private final Advisor advisor;

  public RulesetHealthCheck(Advisor advisor) {
    this.advisor = advisor;
  }

  @Override
  public HealthCheckResponse call() {
    RulesetHolder.Status status = advisor.rulesets().status();
    return HealthCheckResponse.named("ruleset")
        .up()
        .withData("version", status.version())
        .withData("rules", status.rules())
        .withData("loadedAt", status.loadedAt().toString())
        .withData("lastReload", status.lastReload().outcome().label())
        .withData("lastReloadAt", status.lastReload().at().toString())
        .build();
  }
}
