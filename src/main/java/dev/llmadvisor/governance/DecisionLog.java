package dev.llmadvisor.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.PlanHash;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.report.Report;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The decision log of the service: every evaluation made through the API, stored before its answer
 * is sent. It writes to whichever of the two built-in datasources is active ({@code h2} by default,
 * {@code postgresql} by configuration; docs/governance.md).
 */
@ApplicationScoped
public class DecisionLog {
  public static final String ANONYMOUS = "anonymous";

  private final DecisionStore store;
  private final ObjectMapper json;

  @Inject
  public DecisionLog(
      @DataSource("h2") InjectableInstance<AgroalDataSource> h2,
      @DataSource("postgresql") InjectableInstance<AgroalDataSource> postgresql,
      ObjectMapper json) {
    this(new DecisionStore(active(h2, postgresql), json), json);
  }

  public DecisionLog(DecisionStore store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  static javax.sql.DataSource active(
      InjectableInstance<AgroalDataSource> h2, InjectableInstance<AgroalDataSource> postgresql) {
    boolean h2Active = h2.getHandle().getBean().isActive();
    boolean pgActive = postgresql.getHandle().getBean().isActive();
    if (h2Active == pgActive) {
      throw new IllegalStateException(
          "Exactly one decision-log datasource must be active, h2 or postgresql; "
              + (h2Active ? "both are" : "neither is")
              + " (quarkus.datasource.\"h2\".active, quarkus.datasource.\"postgresql\".active)");
    }
    return h2Active ? h2.get() : postgresql.get();
  }

  /**
   * Records one evaluation. Returns once the row is committed; a failure to store is an error of
   * the request, never a silent loss.
   *
   * @param submitted the request body as received
   * @param plan that body as read, before defaults
   */
  public Decision record(
      Report report,
      String submitted,
      PlanReader.Format format,
      DeploymentPlan plan,
      String submitter) {
    // The one plan hash (PlanHash): the report's, which waivers scoped by planHash match too.
    String canonical = PlanHash.canonical(plan);
    Decision d;
    try {
      d =
          new Decision(
              report.decisionId(),
              DecisionStore.micros(report.evaluatedAt()),
              report.planName(),
              report.planHash(),
              format.name().toLowerCase(Locale.ROOT),
              report.ruleset().version(),
              report.verdict().name(),
              json.valueToTree(report.findings()),
              json.valueToTree(report.defaultsApplied()),
              submitter == null || submitter.isBlank() ? ANONYMOUS : submitter,
              submitted,
              json.readTree(canonical));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the canonical plan is JSON", e);
    }
    store.insert(d, canonical);
    return d;
  }

  public Optional<Decision> find(String decisionId) {
    return store.find(decisionId);
  }

  public DecisionPage list(DecisionQuery query) {
    return store.list(query);
  }

  public void export(DecisionQuery query, Consumer<Decision> each) {
    store.export(query, each);
  }
}
