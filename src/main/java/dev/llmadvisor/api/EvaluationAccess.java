package dev.llmadvisor.api;

import dev.llmadvisor.governance.DecisionLog;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may evaluate a plan and who the evaluation is recorded as, the same for {@code POST
 * /api/v1/evaluations} and the reviewer's page. Evaluation is open by default; with {@code
 * advisor.evaluations.require-role=true} (a run-time setting, {@code
 * ADVISOR_EVALUATIONS_REQUIRE_ROLE}) only a user with {@value #ROLE} may evaluate: 401 without
 * credentials, 403 without the role. Wrong credentials are 401 in both settings.
 */
@ApplicationScoped
public class EvaluationAccess {
  /** The role evaluations need when {@code advisor.evaluations.require-role} is true. */
  public static final String ROLE = "advisor-submitter";

  private final SecurityIdentity identity;
  private final boolean requireRole;

  public EvaluationAccess(
      SecurityIdentity identity,
      @ConfigProperty(name = "advisor.evaluations.require-role", defaultValue = "false")
          boolean requireRole) {
    this.identity = identity;
    this.requireRole = requireRole;
  }

  /** Throws 401 or 403 where this request may not evaluate. */
  public void check() {
    if (!requireRole) {
      return;
    }
    if (identity.isAnonymous()) {
      throw new UnauthorizedException();
    }
    if (!identity.hasRole(ROLE)) {
      throw new ForbiddenException();
    }
  }

  /** The authenticated principal, or {@value DecisionLog#ANONYMOUS}. */
  public String submitter() {
    return identity == null || identity.isAnonymous()
        ? DecisionLog.ANONYMOUS
        : identity.getPrincipal().getName();
  }
}
