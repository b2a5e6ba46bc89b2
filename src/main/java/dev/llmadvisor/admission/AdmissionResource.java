package dev.llmadvisor.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmadvisor.api.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code POST /api/v1/admission}: the advisor as a Kubernetes validating admission webhook
 * (docs/admission.md). An {@code admission.k8s.io/v1} AdmissionReview in, the same kind out with
 * {@code response.uid}, {@code allowed}, {@code status} when denied and {@code warnings}; every
 * answer is recorded in the decision log first.
 */
@Path("/api/v1/admission")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdmissionResource {
  private final AdmissionController controller;
  private final ObjectMapper json;

  public AdmissionResource(AdmissionController controller, ObjectMapper json) {
    this.controller = controller;
    this.json = json;
  }

  @POST
  @Operation(
      summary = "Review a Deployment, StatefulSet or LeaderWorkerSet as a validating webhook",
      description =
          "admission.k8s.io/v1 AdmissionReview request → AdmissionReview response. BLOCKER or"
              + " ERROR findings not waived deny (403 in response.status), WARNINGs are"
              + " response.warnings. docs/admission.md.")
  @APIResponse(responseCode = "200", description = "The AdmissionReview response")
  @APIResponse(
      responseCode = "400",
      description =
          "Not an admission.k8s.io/v1 AdmissionReview request (the API server then applies the"
              + " webhook's failurePolicy)")
  public Response review(String body) {
    return answer(body, false);
  }

  @POST
  @Path("/production")
  @Operation(
      summary = "The same, for namespaces the webhook configuration selects as production",
      description =
          "A webhook sees a namespace's name, not its labels: a second webhook entry whose"
              + " namespaceSelector matches production labels calls this path, where a plan that"
              + " cannot be completed is denied under on-incomplete=closed-in-production.")
  public Response reviewProduction(String body) {
    return answer(body, true);
  }

  private Response answer(String body, boolean production) {
    ReviewRequest request = ReviewRequest.parse(body, json);
    AdmissionController.Answer a = controller.review(request, production);
    ObjectNode review = json.createObjectNode();
    review.put("apiVersion", ReviewRequest.API_VERSION);
    review.put("kind", ReviewRequest.KIND);
    ObjectNode response = review.putObject("response");
    response.put("uid", a.uid());
    response.put("allowed", a.allowed());
    if (!a.allowed()) {
      ObjectNode status = response.putObject("status");
      status.put("status", "Failure");
      status.put("code", 403);
      status.put("reason", "Forbidden");
      status.put("message", a.message());
    }
    if (!a.warnings().isEmpty()) {
      a.warnings().forEach(response.putArray("warnings")::add);
    }
    ObjectNode audit = response.putObject("auditAnnotations");
    audit.put("decision-id", a.decisionId());
    audit.put("outcome", a.outcome());
    audit.put("verdict", a.verdict());
    return Response.ok(review, MediaType.APPLICATION_JSON_TYPE).build();
  }

  /** A malformed AdmissionReview: 400 problem details naming each field. */
  @ServerExceptionMapper
  public Response malformed(MalformedReviewException e) {
    Problem p =
        new Problem(
            "https://llm-deploy-advisor.dev/problems/malformed-admission-review",
            "Malformed AdmissionReview",
            400,
            e.getMessage(),
            e.errors());
    return Response.status(400).type(Problem.MEDIA_TYPE).entity(p).build();
  }
}
