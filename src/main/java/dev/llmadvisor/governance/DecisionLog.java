package dev.llmadvisor.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.plan.PlanHash;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.report.Report;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The decision log of the service: every evaluation made through the API, stored before its answer
 * is sent. It writes to whichever of the two built-in datasources is active ({@code h2} by default,
 * {@code postgresql} by configuration; docs/governance.md).
 */
@ApplicationScoped
public class DecisionLog {
  public static final String ANONYMOUS = "anonymous";

  /** The outcomes a review may have. */
  public static final List<String> OUTCOMES = List.of("approved", "rejected", "changes-requested");

  private static final List<String> REVIEW_FIELDS = List.of("outcome", "comment");

  private final DecisionStore store;
  private final ReviewStore reviews;
  private final ObjectMapper json;
  private final DecisionWriter writer;

  @Inject
  public DecisionLog(
      @DataSource("h2") InjectableInstance<AgroalDataSource> h2,
      @DataSource("postgresql") InjectableInstance<AgroalDataSource> postgresql,
      ObjectMapper json) {
    this(active(h2, postgresql), json);
  }

  private DecisionLog(javax.sql.DataSource ds, ObjectMapper json) {
    this(new DecisionStore(ds, json), new ReviewStore(ds), json);
  }

  public DecisionLog(DecisionStore store, ReviewStore reviews, ObjectMapper json) {
    this.store = store;
    this.reviews = reviews;
    this.json = json;
    this.writer = new DecisionWriter(store);
  }

  /** Writes the decisions still queued, then stops the writer. */
  @PreDestroy
  void close() {
    writer.close();
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
          ofReport(
              report,
              name(format),
              who(submitter),
              submitted,
              json.readTree(canonical),
              null,
              true);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the canonical plan is JSON", e);
    }
    await(writer.submit(store.row(d, canonical)));
    return d;
  }

  /**
   * Hands one evaluation to the decision log's writer (group commit, {@link DecisionWriter}). The
   * future completes once the record is committed, or exceptionally with a {@link
   * DecisionStore.DecisionStoreException}: the caller answers only after it completes normally.
   * What is stored is what {@link #record} stores; the findings are written to JSON once, directly.
   *
   * @param submitted the request body as received
   * @param plan that body as read, before defaults
   */
  public CompletableFuture<Void> submit(
      Report report,
      String submitted,
      PlanReader.Format format,
      DeploymentPlan plan,
      String submitter) {
    DecisionStore.Row row;
    try {
      row =
          new DecisionStore.Row(
              ofReport(report, name(format), who(submitter), submitted, null, null, false),
              json.writeValueAsString(report.findings()),
              json.writeValueAsString(report.defaultsApplied()),
              null,
              PlanHash.canonical(plan));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a report always serialises", e);
    }
    return writer.submit(row);
  }

  /**
   * Waits for a future of {@link #submit}: returns once the record is committed, or throws the
   * {@link DecisionStore.DecisionStoreException} that kept it from being (also after 30 s without
   * an outcome).
   */
  public static void await(CompletableFuture<Void> recorded) {
    try {
      recorded.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new DecisionStore.DecisionStoreException("could not record the decision", e.getCause());
    } catch (TimeoutException e) {
      throw new DecisionStore.DecisionStoreException(
          "the decision was not recorded within 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DecisionStore.DecisionStoreException(
          "interrupted while the decision was recorded", e);
    }
  }

  private static String who(String submitter) {
    return submitter == null || submitter.isBlank() ? ANONYMOUS : submitter;
  }

  /**
   * Records one admission decision (docs/admission.md), committed before the answer is sent.
   *
   * @param report the evaluation, or null when the workload was not evaluated (no model served, an
   *     incomplete plan): the record then has verdict {@value Admission#NOT_EVALUATED}, no findings
   * @param plan the plan as imported, overlays applied (for a workload serving no model, a plan
   *     with only its name): its canonical form and hash are stored as for an evaluation
   * @param submitted what was evaluated, as text: the imported plan with its import notes
   * @param rulesetVersion the serving ruleset's version (the report's when there is one)
   * @param submitter the AdmissionReview's {@code userInfo.username}
   */
  public Decision recordAdmission(
      Report report,
      DeploymentPlan plan,
      String submitted,
      String rulesetVersion,
      String submitter,
      Admission admission,
      Instant now) {
    String canonical = PlanHash.canonical(plan);
    String who = who(submitter);
    Decision d;
    try {
      d =
          report == null
              ? new Decision(
                  UUID.randomUUID().toString(),
                  DecisionStore.micros(now),
                  plan.name(),
                  PlanHash.of(plan),
                  ADMISSION_FORMAT,
                  rulesetVersion,
                  Admission.NOT_EVALUATED,
                  json.createArrayNode(),
                  json.createArrayNode(),
                  who,
                  submitted,
                  json.readTree(canonical),
                  List.of(),
                  admission)
              : ofReport(
                  report,
                  ADMISSION_FORMAT,
                  who,
                  submitted,
                  json.readTree(canonical),
                  admission,
                  true);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the canonical plan is JSON", e);
    }
    await(writer.submit(store.row(d, canonical)));
    return d;
  }

  /** The {@code planFormat} of an admission decision: the plan was imported from a workload. */
  public static final String ADMISSION_FORMAT = "k8s";

  /** One decision with its reviews, oldest first. */
  public Optional<Decision> find(String decisionId) {
    return store.find(decisionId).map(d -> d.withReviews(reviews.of(decisionId)));
  }

  /** A page of decisions, each with its reviews. */
  public DecisionPage list(DecisionQuery query) {
    DecisionPage page = store.list(query);
    Map<String, List<Review>> byDecision =
        reviews.of(page.items().stream().map(Decision::decisionId).toList());
    List<Decision> items =
        page.items().stream()
            .map(d -> d.withReviews(byDecision.getOrDefault(d.decisionId(), List.of())))
            .toList();
    return new DecisionPage(items, page.page(), page.size(), page.total());
  }

  /** Every matching decision in full, each with its reviews, oldest first. */
  public void export(DecisionQuery query, Consumer<Decision> each) {
    store.export(query, d -> each.accept(d.withReviews(reviews.of(d.decisionId()))));
  }

  /**
   * Records a reviewer's outcome on a decision. Empty when no such decision is recorded.
   *
   * @param body {@code {outcome, comment?}}
   * @throws InvalidReviewException a field is missing or wrong, named
   * @throws ReviewRefusedException the reviewer submitted the decision, or approves a REJECTED
   *     decision whose BLOCKER or ERROR findings are not all waived
   */
  public Optional<Review> review(String decisionId, JsonNode body, String reviewer, Instant now) {
    Optional<Decision> found = store.find(decisionId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Decision d = found.get();
    List<FieldError> errors = new ArrayList<>();
    String outcome = null;
    String comment = null;
    if (body == null || !body.isObject()) {
      errors.add(FieldError.of("", "must be a JSON object {outcome, comment}", null));
    } else {
      body.fieldNames()
          .forEachRemaining(
              f -> {
                if (!REVIEW_FIELDS.contains(f)) {
                  errors.add(
                      new FieldError(f, "unknown field", body.get(f).toString(), REVIEW_FIELDS));
                }
              });
      JsonNode o = body.get("outcome");
      if (o == null || o.isNull()) {
        errors.add(new FieldError("outcome", "required", null, OUTCOMES));
      } else if (!o.isTextual() || !OUTCOMES.contains(o.asText())) {
        errors.add(new FieldError("outcome", "unknown outcome", o.toString(), OUTCOMES));
      } else {
        outcome = o.asText();
      }
      JsonNode c = body.get("comment");
      if (c != null && !c.isNull()) {
        if (c.isTextual()) {
          comment = c.asText();
        } else {
          errors.add(FieldError.of("comment", "must be a string", c.toString()));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidReviewException(errors);
    }
    if (reviewer.equals(d.submitter())) {
      throw new ReviewRefusedException(
          ReviewRefusedException.Reason.SELF_REVIEW,
          reviewer + " submitted decision " + decisionId + " and cannot review it.",
          List.of(FieldError.of("submitter", "the reviewer submitted this decision", reviewer)));
    }
    if ("approved".equals(outcome) && "REJECTED".equals(d.verdict())) {
      List<String> unwaived = d.unwaivedRejectingRuleIds();
      if (!unwaived.isEmpty()) {
        throw new ReviewRefusedException(
            ReviewRefusedException.Reason.UNWAIVED_FINDINGS,
            "Decision "
                + decisionId
                + " is REJECTED and cannot be approved while BLOCKER or ERROR findings are not"
                + " waived: "
                + String.join(", ", unwaived)
                + ". Waive them (POST /api/v1/waivers), evaluate again, and review the new"
                + " decision.",
            unwaived.stream().map(id -> FieldError.of("findings", "not waived", id)).toList());
      }
    }
    Review r =
        new Review(
            "R-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12),
            decisionId,
            reviewer,
            outcome,
            comment,
            DecisionStore.micros(now));
    reviews.insert(r);
    return Optional.of(r);
  }

  /**
   * The decision an evaluation's report records: one place that maps a report to its columns.
   *
   * @param trees whether the findings and defaults are kept as trees; the writer's row is handed
   *     their JSON instead ({@link #submit})
   */
  private Decision ofReport(
      Report report,
      String format,
      String submitter,
      String submitted,
      JsonNode plan,
      Admission admission,
      boolean trees) {
    return new Decision(
        report.decisionId(),
        DecisionStore.micros(report.evaluatedAt()),
        report.planName(),
        report.planHash(),
        format,
        report.ruleset().version(),
        report.verdict().name(),
        trees ? json.valueToTree(report.findings()) : null,
        trees ? json.valueToTree(report.defaultsApplied()) : null,
        submitter,
        submitted,
        plan,
        List.of(),
        admission);
  }

  /** The {@code planFormat} of a plan submitted in this format: {@code json} or {@code yaml}. */
  private static String name(PlanReader.Format format) {
    return format.name().toLowerCase(Locale.ROOT);
  }
}
