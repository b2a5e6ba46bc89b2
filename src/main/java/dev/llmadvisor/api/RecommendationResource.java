package dev.llmadvisor.api;

import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.whatif.WhatIfFormat;
import dev.llmadvisor.whatif.WhatIfRequest;
import dev.llmadvisor.whatif.WhatIfResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/v1/recommendations}: the what-if search (docs/recommend.md). A request is a plan
 * without the parts the search chooses, plus constraints; the answer is the Pareto front of
 * deployments that pass the rules, each with its plan, verdict, figures and commands.
 */
@Path("/api/v1/recommendations")
public class RecommendationResource {
  private final Advisor advisor;

  public RecommendationResource(Advisor advisor) {
    this.advisor = advisor;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, EvaluationResource.MARKDOWN, MediaType.TEXT_PLAIN})
  @Operation(
      summary = "Search the catalogue for deployments that pass the rules (JSON request)",
      description =
          "{name?, environment?, model, maxModelLen?, interconnect?, workload?, usage?, slo?,"
              + " monitoring?, constraints?: {gpus?, maxGpus?, maxNodes?, engines?,"
              + " weightFormats?, minQuality?}}. Accept: application/json (default),"
              + " text/markdown or text/plain.")
  @APIResponse(responseCode = "200", description = "The front, failed families, counts, time")
  @APIResponse(responseCode = "400", description = "Unreadable request, naming the field")
  @APIResponse(
      responseCode = "422",
      description = "Unknown ids (with the nearest ones) or impossible values, naming the field")
  public Response json(String body, @Context HttpHeaders headers) {
    return answer(body, PlanReader.Format.JSON, headers);
  }

  @POST
  @Consumes({EvaluationResource.YAML, "application/x-yaml", "text/yaml"})
  @Produces({MediaType.APPLICATION_JSON, EvaluationResource.MARKDOWN, MediaType.TEXT_PLAIN})
  @Operation(summary = "Search the catalogue for deployments that pass the rules (YAML request)")
  public Response yaml(String body, @Context HttpHeaders headers) {
    return answer(body, PlanReader.Format.YAML, headers);
  }

  private Response answer(String body, PlanReader.Format format, HttpHeaders headers) {
    WhatIfFormat wanted = negotiate(headers.getAcceptableMediaTypes());
    WhatIfRequest request =
        PlanReader.read(body, format, WhatIfRequest.class, "request", "a what-if request");
    WhatIfResult result = advisor.recommend(request);
    if (wanted == WhatIfFormat.JSON) {
      return Response.ok(result, MediaType.APPLICATION_JSON_TYPE).build();
    }
    return Response.ok(wanted.render(result), wanted.mediaType() + ";charset=UTF-8").build();
  }

  static WhatIfFormat negotiate(List<MediaType> acceptable) {
    if (acceptable.isEmpty()) {
      return WhatIfFormat.JSON;
    }
    for (MediaType m : acceptable) {
      if (m.isWildcardType()) {
        return WhatIfFormat.JSON;
      }
      for (WhatIfFormat f : WhatIfFormat.values()) {
        if (MediaType.valueOf(f.mediaType()).isCompatible(m)) {
          return f;
        }
      }
    }
    throw new NotAcceptableException(
        "The answer is available as application/json, text/markdown and text/plain.");
  }
}
