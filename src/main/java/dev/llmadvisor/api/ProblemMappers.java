package dev.llmadvisor.api;

import dev.llmadvisor.governance.DecisionStore;
import dev.llmadvisor.governance.InvalidReviewException;
import dev.llmadvisor.governance.ReviewRefusedException;
import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.waiver.InvalidWaiversException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into problem details; no stack trace ever reaches a client. */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response invalidPlan(InvalidPlanException e) {
    return problem(Problem.of(e, null));
  }

  @ServerExceptionMapper
  public Response invalidWaiver(InvalidWaiversException e) {
    return problem(Problem.of(e, null));
  }

  @ServerExceptionMapper
  public Response invalidReview(InvalidReviewException e) {
    return problem("invalid-review", "Invalid review", 422, e.getMessage(), e.errors());
  }

  @ServerExceptionMapper
  public Response reviewRefused(ReviewRefusedException e) {
    boolean self = e.reason() == ReviewRefusedException.Reason.SELF_REVIEW;
    return problem(
        (self ? "self-review" : "unwaived-findings"),
        self ? "A reviewer cannot review their own decision" : "Findings not waived",
        self ? 403 : 409,
        e.getMessage(),
        e.errors());
  }

  @ServerExceptionMapper
  public Response notFound(CatalogueNotFoundException e) {
    return problem("not-found", "Not found", 404, e.getMessage(), e.errors());
  }

  @ServerExceptionMapper
  public Response invalidQuery(InvalidQueryException e) {
    return problem("invalid-query", "Invalid query parameter", 400, e.getMessage(), e.errors());
  }

  /**
   * No credentials, or credentials that do not authenticate (unknown user, wrong password): 401 as
   * a problem document, with the authentication mechanism's own challenge ({@code WWW-Authenticate:
   * Basic realm="Quarkus"} for HTTP basic). Reached for every endpoint because authentication is
   * not proactive ({@code quarkus.http.auth.proactive=false}): it happens where a role is checked.
   */
  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Uni<Response> unauthorized(RuntimeException e, RoutingContext context) {
    boolean failed = e instanceof AuthenticationFailedException;
    Problem p =
        new Problem(
            Problem.TYPE_BASE + "unauthorized",
            "Authentication required",
            401,
            failed
                ? "The credentials given do not authenticate a user of this service."
                : "This request needs credentials (HTTP basic) of a user with the required role.",
            null);
    return withChallenge(context, Response.status(401).type(Problem.MEDIA_TYPE).entity(p));
  }

  /**
   * A 401 answer with the authentication mechanism's own challenge added to its headers ({@code
   * WWW-Authenticate: Basic realm="Quarkus"} for HTTP basic), for the API's problem document and
   * the reviewer's page alike.
   */
  public static Uni<Response> withChallenge(RoutingContext context, Response.ResponseBuilder b) {
    HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
    Uni<ChallengeData> challenge =
        authenticator == null ? Uni.createFrom().nullItem() : authenticator.getChallenge(context);
    return challenge
        .onFailure()
        .recoverWithNull()
        .map(
            c -> {
              if (c != null) {
                c.getHeaders().forEach((name, value) -> b.header(name.toString(), value));
              }
              return b.build();
            });
  }

  /** An authenticated user without the role the endpoint needs: 403 as a problem document. */
  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return problem(
        "forbidden",
        "Forbidden",
        403,
        "The authenticated user does not have the role this request needs.",
        null);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    String title =
        Response.Status.fromStatusCode(status) == null
            ? "HTTP " + status
            : Response.Status.fromStatusCode(status).getReasonPhrase();
    return problem("http-" + status, title, status, e.getMessage(), null);
  }

  /**
   * The decision log's database failed: an evaluation that could not be recorded is not answered
   * (its report is not sent), and reads of the log fail the same way.
   */
  @ServerExceptionMapper
  public Response decisionLog(DecisionStore.DecisionStoreException e) {
    LOG.error("decision log failed", e);
    return problem(
        new Problem(
            Problem.TYPE_BASE + "decision-log-unavailable",
            "Decision log unavailable",
            503,
            "The decision log could not store or read this request's record, so no report is"
                + " answered; the error is logged on the server. Retry later.",
            null));
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e) {
    LOG.error("evaluation failed", e);
    return problem(
        "internal",
        "Internal error",
        500,
        "The advisor failed on this request; the error is logged on the server.",
        null);
  }

  /** A problem document of the type {@code TYPE_BASE + type}. */
  private static Response problem(
      String type, String title, int status, String detail, List<FieldError> errors) {
    return problem(new Problem(Problem.TYPE_BASE + type, title, status, detail, errors));
  }

  static Response problem(Problem p) {
    return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
  }
}
