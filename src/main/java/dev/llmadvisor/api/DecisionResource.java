package dev.llmadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.llmadvisor.governance.Decision;
import dev.llmadvisor.governance.DecisionLog;
import dev.llmadvisor.governance.DecisionPage;
import dev.llmadvisor.governance.DecisionQuery;
import dev.llmadvisor.governance.Review;
import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.rules.Verdict;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The decision log (docs/governance.md): one evaluation, a filtered page, or all as JSON Lines. */
@Path("/api/v1/decisions")
public class DecisionResource {
  static final String NDJSON = "application/x-ndjson";

  private final DecisionLog decisions;
  private final ObjectMapper json;
  private final ObjectMapper lines;
  private final SecurityIdentity identity;

  public DecisionResource(DecisionLog decisions, ObjectMapper json, SecurityIdentity identity) {
    this.decisions = decisions;
    this.json = json;
    this.lines = json.copy().disable(SerializationFeature.INDENT_OUTPUT);
    this.identity = identity;
  }

  @POST
  @Path("/{decisionId}/reviews")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(WaiverResource.ROLE)
  @Operation(
      summary = "Review a recorded decision",
      description =
          "{outcome: approved | rejected | changes-requested, comment?}. The reviewer is the"
              + " authenticated principal; reviews are append-only.")
  @APIResponse(responseCode = "201", description = "The review, with its id")
  @APIResponse(responseCode = "400", description = "Not JSON")
  @APIResponse(
      responseCode = "403",
      description = "Without role advisor-reviewer, or the reviewer submitted the decision")
  @APIResponse(responseCode = "404", description = "No such decision")
  @APIResponse(
      responseCode = "409",
      description = "approved on a REJECTED decision with unwaived BLOCKER or ERROR findings")
  @APIResponse(responseCode = "422", description = "A field is wrong: outcome, comment")
  public Response review(@PathParam("decisionId") String decisionId, String body) {
    JsonNode node;
    try {
      node = json.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new BadRequestException("The review is not JSON: " + e.getOriginalMessage());
    }
    Review r =
        decisions
            .review(decisionId, node, identity.getPrincipal().getName(), Instant.now())
            .orElseThrow(() -> unknown(decisionId));
    return Response.created(URI.create("/api/v1/decisions/" + decisionId + "/reviews/" + r.id()))
        .entity(r)
        .build();
  }

  @GET
  @Path("/{decisionId}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "One recorded evaluation, with the plan as submitted and its hash, its reviews (oldest"
              + " first) and the waivers that applied")
  public Decision get(@PathParam("decisionId") String decisionId) {
    return decisions.find(decisionId).orElseThrow(() -> unknown(decisionId));
  }

  private static CatalogueNotFoundException unknown(String decisionId) {
    return new CatalogueNotFoundException(
        "No decision " + decisionId + " is recorded.",
        new FieldError("decisionId", "unknown decision", decisionId, List.of()));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Recorded evaluations, newest first, paged, each with its reviews",
      description =
          "plan: exact plan name; verdict: APPROVED, APPROVED_WITH_WARNINGS or REJECTED; since:"
              + " an instant (2026-11-29T10:00:00Z) or a date (UTC midnight); page from 0; size"
              + " 1–500 (default 50).")
  public DecisionPage list(
      @QueryParam("plan") String plan,
      @QueryParam("verdict") String verdict,
      @QueryParam("since") String since,
      @QueryParam("page") @DefaultValue("0") String page,
      @QueryParam("size") @DefaultValue("50") String size) {
    return decisions.list(query(plan, verdict, since, page, size));
  }

  @GET
  @Path("/export")
  @Produces({NDJSON, "application/jsonl"})
  @Operation(
      summary = "Every recorded evaluation as JSON Lines, oldest first, for an audit",
      description =
          "One decision per line, in full; plan, verdict and since filter as in the list.")
  public Response export(
      @QueryParam("plan") String plan,
      @QueryParam("verdict") String verdict,
      @QueryParam("since") String since) {
    DecisionQuery q = query(plan, verdict, since, "0", "1");
    StreamingOutput body =
        out -> {
          BufferedWriter w =
              new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
          decisions.export(
              q,
              d -> {
                try {
                  w.write(lines.writeValueAsString(d));
                  w.write('\n');
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
          w.flush();
        };
    return Response.ok(body, NDJSON + ";charset=UTF-8").build();
  }

  static DecisionQuery query(String plan, String verdict, String since, String page, String size) {
    Verdict v = null;
    if (verdict != null && !verdict.isBlank()) {
      try {
        v = Verdict.valueOf(verdict.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidQueryException(
            "verdict", verdict, Arrays.stream(Verdict.values()).map(Enum::name).toList());
      }
    }
    int p = number("page", page, 0, Integer.MAX_VALUE / DecisionQuery.MAX_SIZE);
    int s = number("size", size, 1, DecisionQuery.MAX_SIZE);
    return new DecisionQuery(blankToNull(plan), v, instant(since), p, s);
  }

  private static Instant instant(String since) {
    if (since == null || since.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(since.trim());
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(since.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw new InvalidQueryException(
            "since",
            since,
            List.of("an instant such as 2026-11-29T10:00:00Z", "a date 2026-11-29"));
      }
    }
  }

  private static int number(String name, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidQueryException(
        name, value, List.of("a whole number from " + min + " to " + max));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
