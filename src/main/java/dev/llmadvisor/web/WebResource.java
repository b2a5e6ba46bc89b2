package dev.llmadvisor.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmadvisor.api.EvaluationAccess;
import dev.llmadvisor.api.ProblemMappers;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.governance.Decision;
import dev.llmadvisor.governance.DecisionLog;
import dev.llmadvisor.governance.DecisionPage;
import dev.llmadvisor.governance.DecisionQuery;
import dev.llmadvisor.governance.InvalidReviewException;
import dev.llmadvisor.governance.ReviewRefusedException;
import dev.llmadvisor.governance.WaiverStore;
import dev.llmadvisor.importer.HuggingFaceConfigImporter;
import dev.llmadvisor.importer.ImportException;
import dev.llmadvisor.importer.ImportResult;
import dev.llmadvisor.importer.KubernetesImporter;
import dev.llmadvisor.importer.Overlay;
import dev.llmadvisor.importer.VllmCommandImporter;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.plan.PlanLines;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.report.Report;
import dev.llmadvisor.rules.Finding;
import dev.llmadvisor.rules.Verdict;
import dev.llmadvisor.waiver.InvalidWaiversException;
import dev.llmadvisor.waiver.PlanIdentity;
import dev.llmadvisor.waiver.Waiver;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The reviewer's web page (docs/governance.md, "The reviewer's page"): server-rendered HTML over
 * the same beans the API uses. Evaluations go through {@link Advisor} and are recorded by {@link
 * DecisionLog} as {@code POST /api/v1/evaluations} records them; reviews and waivers are refused by
 * {@link DecisionLog#review} and {@link WaiverStore#create} for the same reasons as through the
 * API. Forms post only from this page's own origin.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class WebResource {
  /** Decisions per page of the list. */
  static final int PAGE_SIZE = 25;

  private final Advisor advisor;
  private final DecisionLog decisions;
  private final WaiverStore waivers;
  private final SecurityIdentity identity;
  private final ObjectMapper json;
  private final EvaluationAccess access;

  public WebResource(
      Advisor advisor,
      DecisionLog decisions,
      WaiverStore waivers,
      SecurityIdentity identity,
      ObjectMapper json,
      EvaluationAccess access) {
    this.advisor = advisor;
    this.decisions = decisions;
    this.waivers = waivers;
    this.identity = identity;
    this.json = json;
    this.access = access;
  }

  // ---------------------------------------------------------------- the list

  @GET
  @Operation(hidden = true)
  public Response home(
      @QueryParam("plan") String plan,
      @QueryParam("verdict") String verdict,
      @QueryParam("page") String page) {
    return list(plan, verdict, page);
  }

  @GET
  @Path("reviews")
  @Operation(hidden = true)
  public Response list(
      @QueryParam("plan") String plan,
      @QueryParam("verdict") String verdict,
      @QueryParam("page") String page) {
    Viewer viewer = Viewer.of(identity);
    List<String> verdicts = Arrays.stream(Verdict.values()).map(Enum::name).toList();
    String planFilter = blankToNull(plan);
    String error = null;
    Verdict v = null;
    if (verdict != null && !verdict.isBlank()) {
      try {
        v = Verdict.valueOf(verdict.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        error = "verdict: unknown verdict '" + verdict + "'; one of " + String.join(", ", verdicts);
      }
    }
    int p = 0;
    if (page != null && !page.isBlank()) {
      try {
        p = Integer.parseInt(page.trim());
      } catch (NumberFormatException e) {
        p = -1;
      }
      if (p < 0 || p > Integer.MAX_VALUE / DecisionQuery.MAX_SIZE) {
        error = "page: must be a whole number from 0";
        p = 0;
      }
    }
    List<ReviewList.Row> rows = List.of();
    long total = 0;
    int pages = 1;
    if (error == null) {
      DecisionPage found = decisions.list(new DecisionQuery(planFilter, v, null, p, PAGE_SIZE));
      total = found.total();
      pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
      rows =
          found.items().stream()
              .map(
                  d ->
                      new ReviewList.Row(
                          d.decisionId(),
                          ReviewView.time(d.evaluatedAt()),
                          d.planName() == null ? "(no name)" : d.planName(),
                          d.verdict(),
                          ReviewView.verdictClass(d.verdict()),
                          shortVersion(d.rulesetVersion()),
                          d.submitter(),
                          d.reviews().isEmpty()
                              ? "awaiting review"
                              : d.reviews().get(d.reviews().size() - 1).outcome()
                                  + " by "
                                  + d.reviews().get(d.reviews().size() - 1).reviewer()))
              .toList();
    }
    String previous = p > 0 ? listLink(planFilter, v, p - 1) : null;
    String next = p + 1 < pages ? listLink(planFilter, v, p + 1) : null;
    ReviewList list =
        new ReviewList(
            rows,
            planFilter == null ? "" : planFilter,
            v == null ? "" : v.name(),
            verdicts,
            p,
            pages,
            total,
            previous,
            next,
            error,
            viewer);
    return html(error == null ? 200 : 400, Templates.reviews(list));
  }

  private static String listLink(String plan, Verdict v, int page) {
    StringBuilder b = new StringBuilder("/reviews?page=").append(page);
    if (plan != null) {
      b.append("&plan=").append(java.net.URLEncoder.encode(plan, StandardCharsets.UTF_8));
    }
    if (v != null) {
      b.append("&verdict=").append(v.name());
    }
    return b.toString();
  }

  static String shortVersion(String version) {
    if (version == null) {
      return "";
    }
    String hex = version.startsWith("sha256:") ? version.substring(7) : version;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }

  // ---------------------------------------------------------------- a new review

  @GET
  @Path("reviews/new")
  @Operation(hidden = true)
  public Response newReview() {
    return html(200, Templates.newReview(NewReviewForm.empty(Viewer.of(identity))));
  }

  /**
   * Evaluates a pasted, uploaded or imported plan, records it as the API does and opens its page
   * (303). A plan or import that cannot be evaluated shows the form again with each field error.
   */
  @POST
  @Path("reviews")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(hidden = true)
  public Response submit(
      @RestForm String source,
      @RestForm String plan,
      @RestForm("file") FileUpload file,
      @RestForm String overlay,
      @RestForm String modelId,
      @RestForm String select,
      @Context HttpHeaders headers) {
    sameOrigin(headers);
    access.check();
    String src = source == null || source.isBlank() ? "plan" : source.trim();
    String fileName = file == null ? null : file.fileName();
    String text = plan == null ? "" : plan;
    if (file != null && file.size() > 0) {
      try {
        text = Files.readString(file.uploadedFile(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        text = "";
      }
    }
    NewReviewForm form =
        new NewReviewForm(
            src,
            text,
            nullToEmpty(overlay),
            nullToEmpty(modelId),
            nullToEmpty(select),
            null,
            null,
            List.of(),
            NewReviewForm.CHOICES,
            Viewer.of(identity));
    if (!NewReviewForm.SOURCES.contains(src)) {
      return html(
          400,
          Templates.newReview(
              form.withErrors(
                  "Unknown source",
                  "source must be one of " + String.join(", ", NewReviewForm.SOURCES),
                  List.of(
                      new FieldProblem(
                          "source", null, "unknown source", src, NewReviewForm.SOURCES)))));
    }
    if (text.isBlank()) {
      return html(
          400,
          Templates.newReview(
              form.withErrors(
                  "Nothing to evaluate",
                  "Paste the plan (or the command, manifest or config.json) or choose a file.",
                  List.of(new FieldProblem("plan", null, "required", null, List.of())))));
    }
    String body;
    PlanReader.Format format;
    DeploymentPlan read;
    if ("plan".equals(src)) {
      body = text;
      format = formatOf(text, fileName);
      try {
        read = PlanReader.read(body, format);
      } catch (InvalidPlanException e) {
        return planErrors(form, e, body, format);
      }
    } else {
      ImportResult imported;
      try {
        imported = importPlan(src, text, fileName, form);
      } catch (ImportException e) {
        return html(
            422,
            Templates.newReview(
                form.withErrors("Cannot import", e.source(), FieldProblem.of(e.errors()))));
      } catch (InvalidPlanException e) {
        return html(
            e.unreadable() ? 400 : 422,
            Templates.newReview(
                form.withErrors("Invalid overlay", e.getMessage(), FieldProblem.of(e.errors()))));
      }
      if (!imported.complete()) {
        return html(
            422,
            Templates.newReview(
                form.withErrors(
                    "The import is missing fields",
                    "Imported from "
                        + imported.source()
                        + ". Give each missing field in the overlay (YAML), e.g. hardware: {gpu:"
                        + " H100-SXM-80GB}.",
                    imported.missing().stream()
                        .map(m -> new FieldProblem(m.field(), null, "missing", null, List.of()))
                        .toList())));
      }
      // What is recorded is the plan the import produced, with its provenance in comments.
      body = imported.annotatedYaml();
      format = PlanReader.Format.YAML;
      read = imported.plan();
    }
    Report report;
    try {
      report = advisor.evaluate(read, waivers.all(), Instant.now());
    } catch (InvalidPlanException e) {
      return planErrors(form, e, body, format);
    }
    decisions.record(report, body, format, read, access.submitter());
    return Response.seeOther(URI.create("/reviews/" + report.decisionId())).build();
  }

  private ImportResult importPlan(String src, String text, String fileName, NewReviewForm form) {
    Catalogues catalogues = advisor.ruleset().catalogues();
    Overlay o =
        form.overlay().isBlank()
            ? Overlay.NONE
            : Overlay.parse(form.overlay(), formatOf(form.overlay(), null));
    return switch (src) {
      case "vllm-cmd" -> new VllmCommandImporter(catalogues).fromCommand(text, o);
      case "k8s" ->
          new KubernetesImporter(catalogues).fromManifest(text, blankToNull(form.select()), o);
      default ->
          new HuggingFaceConfigImporter(catalogues)
              .fromConfig(
                  text,
                  fileName == null || fileName.isBlank() ? "config.json" : fileName,
                  blankToNull(form.modelId()),
                  o);
    };
  }

  private Response planErrors(
      NewReviewForm form, InvalidPlanException e, String body, PlanReader.Format format) {
    PlanLines lines = null;
    try {
      lines = PlanLines.of(body, format);
    } catch (RuntimeException unreadable) {
      // no lines for a plan that does not parse; the errors still name their fields
    }
    List<FieldProblem> problems = new ArrayList<>();
    for (FieldError fe : e.errors()) {
      Integer line = null;
      if (lines != null && fe.field() != null && !fe.field().isEmpty()) {
        line = lines.lineOf(fe.field());
      }
      problems.add(FieldProblem.of(fe, line));
    }
    return html(
        e.unreadable() ? 400 : 422,
        Templates.newReview(
            form.withErrors(
                e.unreadable() ? "Unreadable deployment plan" : "Invalid deployment plan",
                e.getMessage(),
                problems)));
  }

  static PlanReader.Format formatOf(String text, String fileName) {
    if (fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".json")) {
      return PlanReader.Format.JSON;
    }
    return text.stripLeading().startsWith("{") ? PlanReader.Format.JSON : PlanReader.Format.YAML;
  }

  // ---------------------------------------------------------------- one decision

  @GET
  @Path("reviews/{decisionId}")
  @Operation(hidden = true)
  public Response decision(@PathParam("decisionId") String decisionId) {
    Decision d = find(decisionId);
    return html(200, page(d, null));
  }

  /** Evaluates the decision's plan again (after a waiver, say) as a new decision, and opens it. */
  @POST
  @Path("reviews/{decisionId}/again")
  @Operation(hidden = true)
  public Response again(@PathParam("decisionId") String decisionId, @Context HttpHeaders headers) {
    sameOrigin(headers);
    access.check();
    Decision d = find(decisionId);
    PlanReader.Format format = PlanReader.Format.valueOf(d.planFormat().toUpperCase(Locale.ROOT));
    DeploymentPlan read = PlanReader.read(d.planSubmitted(), format);
    Report report = advisor.evaluate(read, waivers.all(), Instant.now());
    decisions.record(report, d.planSubmitted(), format, read, access.submitter());
    return Response.seeOther(URI.create("/reviews/" + report.decisionId())).build();
  }

  @POST
  @Path("reviews/{decisionId}/reviews")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Viewer.REVIEWER_ROLE)
  @Operation(hidden = true)
  public Response review(
      @PathParam("decisionId") String decisionId,
      @RestForm String outcome,
      @RestForm String comment,
      @Context HttpHeaders headers) {
    sameOrigin(headers);
    Decision d = find(decisionId);
    ObjectNode body = json.createObjectNode();
    if (outcome != null && !outcome.isBlank()) {
      body.put("outcome", outcome.trim());
    }
    if (comment != null && !comment.isBlank()) {
      body.put("comment", comment);
    }
    try {
      decisions.review(decisionId, body, identity.getPrincipal().getName(), Instant.now());
    } catch (InvalidReviewException e) {
      return refusedReview(d, outcome, comment, 422, "Invalid review", e.errors());
    } catch (ReviewRefusedException e) {
      boolean self = e.reason() == ReviewRefusedException.Reason.SELF_REVIEW;
      return refusedReview(d, outcome, comment, self ? 403 : 409, e.getMessage(), e.errors());
    }
    return Response.seeOther(URI.create("/reviews/" + decisionId + "#history")).build();
  }

  private Response refusedReview(
      Decision d, String outcome, String comment, int status, String title, List<FieldError> e) {
    ReviewView.Forms forms =
        forms(d)
            .with(
                new ReviewView.ReviewForm(
                    nullToEmpty(outcome), nullToEmpty(comment), FieldProblem.of(e), title));
    return html(status, page(d, forms));
  }

  @POST
  @Path("reviews/{decisionId}/waivers")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Viewer.REVIEWER_ROLE)
  @Operation(hidden = true)
  public Response waiver(
      @PathParam("decisionId") String decisionId,
      @RestForm String ruleId,
      @RestForm String scopeKind,
      @RestForm String scopeValue,
      @RestForm String reason,
      @RestForm String ticket,
      @RestForm String expiresAt,
      @Context HttpHeaders headers) {
    sameOrigin(headers);
    Decision d = find(decisionId);
    String kind = "planHash".equals(scopeKind) ? "planHash" : "planName";
    ObjectNode body = json.createObjectNode();
    putIfGiven(body, "ruleId", ruleId);
    ObjectNode scope = body.putObject("scope");
    putIfGiven(scope, kind, scopeValue);
    putIfGiven(body, "reason", reason);
    putIfGiven(body, "ticket", ticket);
    putIfGiven(body, "expiresAt", expiresAt);
    try {
      waivers.create(
          body,
          advisor.ruleset().rules().rules(),
          identity.getPrincipal().getName(),
          Instant.now());
    } catch (InvalidWaiversException e) {
      ReviewView.Forms forms =
          forms(d)
              .with(
                  new ReviewView.WaiverForm(
                      nullToEmpty(ruleId),
                      kind,
                      nullToEmpty(scopeValue),
                      nullToEmpty(reason),
                      nullToEmpty(ticket),
                      nullToEmpty(expiresAt),
                      FieldProblem.of(e.errors()),
                      "Invalid waiver"));
      return html(422, page(d, forms));
    }
    return Response.seeOther(URI.create("/reviews/" + decisionId + "#waivers")).build();
  }

  private static void putIfGiven(ObjectNode node, String field, String value) {
    if (value != null && !value.isBlank()) {
      node.put(field, value.trim());
    }
  }

  /**
   * Signs in (HTTP basic: the browser asks for the user and password on the 401 and keeps them for
   * this site) and goes back to the page given in {@code then}.
   */
  @GET
  @Path("sign-in")
  @io.quarkus.security.Authenticated
  @Operation(hidden = true)
  public Response signIn(@QueryParam("then") String then) {
    String target =
        then != null && then.startsWith("/") && !then.startsWith("//") && !then.contains("\\")
            ? then
            : "/reviews";
    return Response.seeOther(URI.create(target)).build();
  }

  private Decision find(String decisionId) {
    return decisions.find(decisionId).orElseThrow(() -> new NoSuchDecision(decisionId));
  }

  private ReviewView.Forms forms(Decision d) {
    List<String> ruleIds = findings(d).stream().map(Finding::ruleId).distinct().toList();
    return ReviewView.Forms.empty(ruleIds);
  }

  private List<Finding> findings(Decision d) {
    if (d.findings() == null) {
      return List.of();
    }
    return json.convertValue(d.findings(), new TypeReference<List<Finding>>() {});
  }

  private TemplateInstance page(Decision d, ReviewView.Forms forms) {
    Report report = null;
    String note = null;
    try {
      PlanReader.Format format = PlanReader.Format.valueOf(d.planFormat().toUpperCase(Locale.ROOT));
      report = advisor.evaluate(PlanReader.read(d.planSubmitted(), format));
      if (!report.ruleset().version().equals(d.rulesetVersion())) {
        note =
            "The figures below are those of the serving ruleset "
                + shortVersion(report.ruleset().version())
                + "; this decision was recorded under "
                + shortVersion(d.rulesetVersion())
                + ". Its verdict and findings are as recorded.";
      }
    } catch (InvalidPlanException e) {
      note =
          "The serving ruleset cannot evaluate this plan any more ("
              + e.getMessage()
              + "); only the recorded verdict and findings are shown.";
    }
    Instant now = Instant.now();
    PlanIdentity id = new PlanIdentity(d.planName(), d.planHash());
    List<Waiver> covering = waivers.all().stream().filter(w -> w.covers(id)).toList();
    if (forms == null) {
      forms = forms(d);
    }
    if (forms.waiver().scopeValue().isEmpty() && forms.waiver().errors().isEmpty()) {
      forms =
          forms.with(
              new ReviewView.WaiverForm(
                  forms.waiver().ruleId(),
                  d.planName() == null ? "planHash" : "planName",
                  d.planName() == null ? d.planHash() : d.planName(),
                  "",
                  "",
                  "",
                  List.of(),
                  null));
    }
    return Templates.review(
        ReviewView.of(d, findings(d), report, note, covering, now, Viewer.of(identity), forms));
  }

  // ---------------------------------------------------------------- errors as pages

  /** No such decision. */
  static class NoSuchDecision extends RuntimeException {
    NoSuchDecision(String id) {
      super("No decision " + id + " is recorded.");
    }
  }

  /** A form posted from another site. */
  static class CrossSite extends RuntimeException {
    CrossSite(String origin) {
      super("This form may only be posted from this site's own pages (Origin: " + origin + ").");
    }
  }

  /**
   * Refuses a form posted from another site. A signed-in reviewer's browser sends their basic
   * credentials with any request to this site, so a page elsewhere could otherwise post a review in
   * their name: a browser names the page's origin on every form post ({@code Origin}), and {@code
   * Sec-Fetch-Site} says whether it is this site. Clients that send neither (curl) pass.
   */
  static void sameOrigin(HttpHeaders headers) {
    String site = headers.getHeaderString("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw new CrossSite(headers.getHeaderString("Origin"));
    }
    String origin = headers.getHeaderString("Origin");
    if (origin == null) {
      return;
    }
    String host = headers.getHeaderString("Host");
    String authority;
    try {
      authority = URI.create(origin).getRawAuthority();
    } catch (IllegalArgumentException e) {
      authority = null;
    }
    if (host == null || authority == null || !authority.equalsIgnoreCase(host)) {
      throw new CrossSite(origin);
    }
  }

  @ServerExceptionMapper
  public Response noSuchDecision(NoSuchDecision e) {
    return html(
        404,
        Templates.error(
            new ErrorView(
                404, "No such decision", e.getMessage(), "/reviews", Viewer.of(identity))));
  }

  @ServerExceptionMapper
  public Response crossSite(CrossSite e) {
    return html(
        403,
        Templates.error(
            new ErrorView(403, "Refused", e.getMessage(), "/reviews", Viewer.of(identity))));
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return html(
        403,
        Templates.error(
            new ErrorView(
                403,
                "Not permitted",
                "You are signed in without the role this needs (advisor-reviewer to review and"
                    + " waive; advisor-submitter to evaluate where evaluation needs it).",
                "/reviews",
                new Viewer(null, false, false))));
  }

  /**
   * No or wrong credentials where a role is needed: 401 with the authentication mechanism's
   * challenge, so the browser asks for the user and password, and a page saying so.
   */
  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Uni<Response> unauthorized(RuntimeException e, RoutingContext context) {
    String body =
        Templates.error(
                new ErrorView(
                    401,
                    "Sign in",
                    e instanceof AuthenticationFailedException
                        ? "The user name or password was not accepted."
                        : "This needs a signed-in user: your browser asks for the user name and"
                            + " password (HTTP basic).",
                    "/reviews",
                    new Viewer(null, false, false)))
            .render();
    return ProblemMappers.withChallenge(
        context,
        secure(
            Response.status(401).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body)));
  }

  /**
   * Content-Security-Policy: only this site's own style sheet and script; no inline script or style
   * can run even if something were to slip past the template's escaping.
   */
  static final String CSP =
      "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:;"
          + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private static Response.ResponseBuilder secure(Response.ResponseBuilder b) {
    return b.header("Content-Security-Policy", CSP)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "same-origin")
        .header("Cache-Control", "no-store");
  }

  private static Response html(int status, TemplateInstance page) {
    return secure(
            Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.render()))
        .build();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
