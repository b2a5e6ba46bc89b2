package dev.llmadvisor.api;

import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.governance.Decision;
import dev.llmadvisor.governance.DecisionLog;
import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.whatif.Artefacts;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/v1/decisions/{decisionId}/artefacts/{kind}}: what rolls a recorded plan out — its
 * engine commands, a Kubernetes workload, a PrometheusRule (docs/recommend.md). The plan as it was
 * submitted is evaluated again for its figures and SLI thresholds; a decision recorded as REJECTED
 * gets none.
 */
@Path("/api/v1/decisions/{decisionId}/artefacts")
public class ArtefactResource {
  private final Advisor advisor;
  private final DecisionLog decisions;

  public ArtefactResource(Advisor advisor, DecisionLog decisions) {
    this.advisor = advisor;
    this.decisions = decisions;
  }

  @GET
  @Path("/{kind}")
  @Produces({"text/x-shellscript", EvaluationResource.YAML, Problem.MEDIA_TYPE})
  @Operation(
      summary = "An artefact of a recorded plan: command, deployment or prometheusrule",
      description =
          "command: the engine's steps as a shell script; deployment: a Deployment, or a"
              + " LeaderWorkerSet when a replica spans nodes; prometheusrule: the SLI alerts of"
              + " rules/sli.drl over vLLM's metrics.")
  @APIResponse(responseCode = "200", description = "The artefact")
  @APIResponse(responseCode = "404", description = "No such decision, or no such kind")
  @APIResponse(
      responseCode = "409",
      description = "The decision is REJECTED, or this artefact cannot be written for the plan")
  public Response artefact(
      @PathParam("decisionId") String decisionId, @PathParam("kind") String kind) {
    if (!Artefacts.KINDS.contains(kind)) {
      throw new CatalogueNotFoundException(
          "No artefact kind " + kind + ".",
          new FieldError("kind", "unknown artefact kind", kind, Artefacts.KINDS));
    }
    Decision d =
        decisions
            .find(decisionId)
            .orElseThrow(
                () ->
                    new CatalogueNotFoundException(
                        "No decision " + decisionId + " is recorded.",
                        new FieldError("decisionId", "unknown decision", decisionId, List.of())));
    if ("REJECTED".equals(d.verdict())) {
      return conflict(
          "The decision is REJECTED (stopped by "
              + String.join(", ", d.unwaivedRejectingRuleIds())
              + "): the advisor writes no artefacts for a plan it rejected.");
    }
    PlanReader.Format format =
        "yaml".equalsIgnoreCase(d.planFormat()) ? PlanReader.Format.YAML : PlanReader.Format.JSON;
    Artefacts.Input in = advisor.artefacts(PlanReader.read(d.planSubmitted(), format));
    String text;
    try {
      // The decision's waivers made it pass; the artefacts follow the recorded verdict.
      text =
          Artefacts.render(
              kind,
              new Artefacts.Input(
                  in.resolved(),
                  in.sizing(),
                  in.commands(),
                  in.thresholds(),
                  d.verdict(),
                  List.of()));
    } catch (Artefacts.NotAvailable e) {
      return conflict(e.getMessage());
    }
    String type =
        "command".equals(kind.toLowerCase(Locale.ROOT))
            ? "text/x-shellscript"
            : EvaluationResource.YAML;
    return Response.ok(text, type + ";charset=UTF-8").build();
  }

  private static Response conflict(String detail) {
    return Response.status(409)
        .type(Problem.MEDIA_TYPE)
        .entity(
            new Problem(
                Problem.TYPE_BASE + "no-artefact", "No artefact for this plan", 409, detail, null))
        .build();
  }
}
