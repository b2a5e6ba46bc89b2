package dev.llmadvisor.api;

import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.evaluation.RulesetHolder;
import dev.llmadvisor.evaluation.RulesetProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Operations that change what serves. Each needs the {@value #ROLE} role (HTTP basic authentication
 * against the users in the configuration; see the README).
 */
@Path("/api/v1/admin")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class AdminResource {
  static final String ROLE = "advisor-admin";

  private final Advisor advisor;

  public AdminResource(Advisor advisor) {
    this.advisor = advisor;
  }

  /**
   * The status document of {@code GET /api/v1/rules/status} as problem details: a failed reload
   * answers with the problems and with the ruleset that still serves.
   */
  public record ReloadProblem(
      String type,
      String title,
      int status,
      String detail,
      List<RulesetProblem> errors,
      String version,
      Instant loadedAt,
      int rules,
      RulesetHolder.Attempt lastReload) {

    static ReloadProblem of(RulesetHolder.Status s) {
      List<RulesetProblem> errors = s.lastReload().errors();
      return new ReloadProblem(
          Problem.TYPE_BASE + "invalid-ruleset",
          "The rules or catalogues do not load",
          422,
          errors.size()
              + (errors.size() == 1 ? " problem" : " problems")
              + "; ruleset "
              + s.version()
              + " keeps serving.",
          errors,
          s.version(),
          s.loadedAt(),
          s.rules(),
          s.lastReload());
    }
  }

  @POST
  @Path("reload")
  @RolesAllowed(ROLE)
  @Operation(
      summary = "Reload the rules and catalogues now",
      description =
          "Builds a ruleset from the files beside the serving one and swaps it in when it loads;"
              + " when the files are those of the serving ruleset nothing is built.")
  @APIResponse(
      responseCode = "200",
      description = "Loaded or unchanged: the status, as GET /api/v1/rules/status",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RulesetHolder.Status.class)))
  @APIResponse(responseCode = "401", description = "No credentials, or wrong ones")
  @APIResponse(responseCode = "403", description = "A user without the advisor-admin role")
  @APIResponse(
      responseCode = "422",
      description =
          "The files do not compile or validate: problem details with each error's file, line and"
              + " column, and the status; the previous ruleset keeps serving",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = ReloadProblem.class)))
  public Response reload() {
    RulesetHolder.Status status = advisor.rulesets().reload(RulesetHolder.Trigger.API);
    if (status.lastReload().outcome() == RulesetHolder.Outcome.FAILED) {
      return Response.status(422).type(Problem.MEDIA_TYPE).entity(ReloadProblem.of(status)).build();
    }
    return Response.ok(status, MediaType.APPLICATION_JSON_TYPE).build();
  }
}
