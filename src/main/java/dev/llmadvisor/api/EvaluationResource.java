package dev.llmadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.evaluation.ServiceMetrics;
import dev.llmadvisor.governance.DecisionLog;
import dev.llmadvisor.governance.WaiverStore;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.PlanLines;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.report.Evaluated;
import dev.llmadvisor.report.Rendering;
import dev.llmadvisor.report.Report;
import dev.llmadvisor.report.ReportFormat;
import dev.llmadvisor.rules.Severity;
import dev.llmadvisor.waiver.Waiver;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/v1/evaluations}: a plan in, a report out, in the format the {@code Accept}
 * header asks for (JSON by default; Markdown, SARIF, JUnit XML, plain text).
 */
@Path("/api/v1/evaluations")
@Produces({
  MediaType.APPLICATION_JSON,
  EvaluationResource.MARKDOWN,
  EvaluationResource.SARIF,
  MediaType.APPLICATION_XML,
  MediaType.TEXT_PLAIN
})
public class EvaluationResource {
  static final String YAML = "application/yaml";
  static final String MARKDOWN = "text/markdown";
  static final String SARIF = "application/sarif+json";

  private final Advisor advisor;
  private final ServiceMetrics metrics;
  private final DecisionLog decisions;
  private final WaiverStore waivers;
  private final EvaluationAccess access;
  private final ObjectMapper json;

  public EvaluationResource(
      Advisor advisor,
      ServiceMetrics metrics,
      DecisionLog decisions,
      WaiverStore waivers,
      EvaluationAccess access,
      ObjectMapper json) {
    this.advisor = advisor;
    this.metrics = metrics;
    this.decisions = decisions;
    this.waivers = waivers;
    this.access = access;
    this.json = json;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Evaluate a deployment plan given as JSON",
      description =
          "Accept: application/json (default), text/markdown, application/sarif+json,"
              + " application/xml (JUnit) or text/plain. failOn (blocker, error, warning, info)"
              + " sets which findings fail in SARIF and JUnit.")
  @APIResponse(responseCode = "200", description = "The report")
  @APIResponse(
      responseCode = "400",
      description = "Unreadable plan (syntax, unknown field, wrong type), or a bad failOn")
  @APIResponse(responseCode = "422", description = "Impossible values or unknown catalogue ids")
  public Response evaluateJson(
      String body,
      @QueryParam("failOn") @DefaultValue("error") String failOn,
      @Context HttpHeaders headers) {
    return answer(body, PlanReader.Format.JSON, failOn, headers);
  }

  @POST
  @Consumes({YAML, "application/x-yaml", "text/yaml"})
  @Operation(summary = "Evaluate a deployment plan given as YAML")
  public Response evaluateYaml(
      String body,
      @QueryParam("failOn") @DefaultValue("error") String failOn,
      @Context HttpHeaders headers) {
    return answer(body, PlanReader.Format.YAML, failOn, headers);
  }

  private Response answer(
      String body, PlanReader.Format format, String failOn, HttpHeaders headers) {
    access.check();
    Severity gate = gate(failOn);
    ReportFormat wanted = negotiate(headers.getAcceptableMediaTypes());
    DeploymentPlan plan = PlanReader.read(body, format);
    // The stored waivers, revoked and expired ones included, as GET /api/v1/waivers exports them:
    // the rules decide which are live at this instant (docs/waivers.md), as advisor check does.
    List<Waiver> stored = waivers.all();
    long start = System.nanoTime();
    Report report = advisor.evaluate(plan, stored, Instant.now());
    metrics.evaluated(report, System.nanoTime() - start);
    // Handed to the decision log's writer, which commits it with whatever else is queued (group
    // commit); the answer is written meanwhile, and sent only once the record is committed: an
    // answer always has its record. A failed write fails the request (503), nothing is answered.
    CompletableFuture<Void> recorded =
        decisions.submit(report, body, format, plan, access.submitter());
    byte[] answer;
    String type;
    if (wanted == ReportFormat.JSON) {
      answer = json(report);
      type = MediaType.APPLICATION_JSON;
    } else {
      Rendering how = new Rendering(advisor.ruleset().rules().rules(), gate);
      answer =
          wanted
              .render(List.of(new Evaluated(report, "plan", PlanLines.of(body, format))), how)
              .getBytes(StandardCharsets.UTF_8);
      type = wanted.mediaType() + ";charset=UTF-8";
    }
    DecisionLog.await(recorded);
    return Response.ok(answer, type).build();
  }

  /** The report as JSON, written by the service's ObjectMapper as Quarkus would write it. */
  private byte[] json(Report report) {
    try {
      return json.writeValueAsBytes(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a report always serialises", e);
    }
  }

  /** The first acceptable type we write; JSON for a wildcard or no Accept; else 406. */
  static ReportFormat negotiate(List<MediaType> acceptable) {
    for (MediaType m : acceptable) {
      if (m.isWildcardType()) {
        return ReportFormat.JSON;
      }
      for (ReportFormat f : ReportFormat.values()) {
        if (MediaType.valueOf(f.mediaType()).isCompatible(m)) {
          return f;
        }
      }
    }
    if (acceptable.isEmpty()) {
      return ReportFormat.JSON;
    }
    throw new NotAcceptableException(
        "The report is available as " + String.join(", ", ReportFormat.mediaTypes()) + ".");
  }

  /** The fail-on gate, read by the parser {@code advisor check --fail-on} uses too. */
  static Severity gate(String failOn) {
    Severity gate = Severity.gate(failOn);
    if (gate == null) {
      throw new InvalidQueryException("failOn", failOn, Severity.names());
    }
    return gate;
  }
}
