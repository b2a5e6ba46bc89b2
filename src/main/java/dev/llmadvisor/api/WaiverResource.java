package dev.llmadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.governance.WaiverStore;
import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.waiver.Waiver;
import dev.llmadvisor.waiver.WaiverFile;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The server's waivers (docs/waivers.md): created and revoked by a reviewer ({@value #ROLE}),
 * listed as JSON or as the waiver file {@code advisor check --waivers} reads.
 */
@Path("/api/v1/waivers")
public class WaiverResource {
  static final String ROLE = "advisor-reviewer";

  private final WaiverStore waivers;
  private final Advisor advisor;
  private final SecurityIdentity identity;
  private final ObjectMapper json;

  public WaiverResource(
      WaiverStore waivers, Advisor advisor, SecurityIdentity identity, ObjectMapper json) {
    this.waivers = waivers;
    this.advisor = advisor;
    this.identity = identity;
    this.json = json;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(ROLE)
  @Operation(
      summary = "Create a waiver",
      description =
          "One entry of the waiver file without id, approvedBy and revokedAt: {ruleId, scope:"
              + " {planName | planHash}, reason, ticket?, expiresAt}. expiresAt is at most"
              + " advisor.waivers.max-lifetime (P90D by default) ahead.")
  @APIResponse(responseCode = "201", description = "The waiver, with its id")
  @APIResponse(responseCode = "400", description = "Not JSON")
  @APIResponse(
      responseCode = "422",
      description = "A field is wrong: unknown or unwaivable rule, scope, expiry")
  public Response create(String body) {
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadRequestException("The waiver is not JSON: " + e.getOriginalMessage());
    }
    Waiver w =
        waivers.create(
            node,
            advisor.ruleset().rules().rules(),
            identity.getPrincipal().getName(),
            Instant.now());
    return Response.created(URI.create("/api/v1/waivers/" + w.id())).entity(w).build();
  }

  @GET
  @Produces({
    MediaType.APPLICATION_JSON,
    EvaluationResource.YAML,
    "application/x-yaml",
    "text/yaml"
  })
  @Operation(
      summary = "Every waiver, revoked and expired ones included, oldest first",
      description =
          "JSON {waivers: [...]} by default; Accept: application/yaml gives the waiver file that"
              + " advisor check --waivers reads.")
  public Response list(@Context HttpHeaders headers) {
    List<Waiver> all = waivers.all();
    for (MediaType m : headers.getAcceptableMediaTypes()) {
      if (m.isWildcardType() || m.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        break;
      }
      if (m.getSubtype().endsWith("yaml")) {
        return Response.ok(WaiverFile.write(all), EvaluationResource.YAML + ";charset=UTF-8")
            .build();
      }
    }
    return Response.ok(Map.of("waivers", all), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Waiver one(@PathParam("id") String id) {
    return waivers.find(id).orElseThrow(() -> notFound(id));
  }

  @DELETE
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(ROLE)
  @Operation(
      summary = "Revoke a waiver",
      description = "Sets revokedAt; the waiver is kept and never applies again.")
  public Waiver revoke(@PathParam("id") String id) {
    return waivers
        .revoke(id, identity.getPrincipal().getName(), Instant.now())
        .orElseThrow(() -> notFound(id));
  }

  private static CatalogueNotFoundException notFound(String id) {
    return new CatalogueNotFoundException(
        "No waiver " + id + ".", FieldError.of("id", "no such waiver", id));
  }
}
