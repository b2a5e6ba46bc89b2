package dev.llmadvisor.api;

import dev.llmadvisor.evaluation.Advisor;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once rules and catalogues are loaded; reports which version serves. */
@Readiness
@ApplicationScoped
public class RulesetHealthCheck implements HealthCheck {
  private final Advisor advisor;

  public RulesetHealthCheck(Advisor advisor) {
    this.advisor = advisor;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("ruleset")
        .up()
        .withData("version", advisor.ruleset().version())
        .withData("rules", advisor.ruleset().rules().rules().size())
        .build();
  }
}
