package dev.llmadvisor.api;

import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.report.Report;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code POST /api/v1/evaluations}: a plan in, a report out. */
@Path("/api/v1/evaluations")
public class EvaluationResource {
  static final String YAML = "application/yaml";

  private final Advisor advisor;

  public EvaluationResource(Advisor advisor) {
    this.advisor = advisor;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Evaluate a deployment plan given as JSON")
  @APIResponse(responseCode = "200", description = "The report")
  @APIResponse(
      responseCode = "400",
      description = "Unreadable plan (syntax, unknown field, wrong type)")
  @APIResponse(responseCode = "422", description = "Impossible values or unknown catalogue ids")
  public Report evaluateJson(String body) {
    return advisor.evaluate(body, PlanReader.Format.JSON);
  }

  @POST
  @Consumes({YAML, "application/x-yaml", "text/yaml"})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Evaluate a deployment plan given as YAML")
  public Report evaluateYaml(String body) {
    return advisor.evaluate(body, PlanReader.Format.YAML);
  }
}
