package dev.llmadvisor.api;

import dev.llmadvisor.catalogue.Lookup;
import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.evaluation.Ruleset;
import dev.llmadvisor.evaluation.RulesetHolder;
import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.rules.IndexedRule;
import dev.llmadvisor.rules.RuleInfo;
import dev.llmadvisor.rules.RuleKind;
import dev.llmadvisor.rules.RuleMetadata;
import dev.llmadvisor.rules.Severity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The rule catalogue: {@code GET /api/v1/rules[/{id}]}, every rule's metadata and its place; and
 * {@code GET /api/v1/rules/status}, which ruleset serves and how the last reload went.
 */
@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {
  static final List<String> CATEGORIES = List.copyOf(new TreeSet<>(RuleMetadata.CATEGORIES));
  static final List<String> SEVERITIES = Stream.of(Severity.values()).map(Enum::name).toList();
  static final List<String> KINDS = Stream.of(RuleKind.values()).map(RuleKind::label).toList();

  private final Advisor advisor;

  public RuleResource(Advisor advisor) {
    this.advisor = advisor;
  }

  /**
   * The rules that matched, and the version of the rule set they belong to; each rule as {@link
   * RuleInfo} writes itself ({@code title} is the rule's name, as on the findings it raises).
   */
  public record RuleList(String version, int count, List<RuleInfo> rules) {}

  @GET
  @Operation(summary = "Every rule with its metadata and file:line, sorted by id")
  @APIResponse(responseCode = "200", description = "The ruleset version and the matching rules")
  @APIResponse(responseCode = "400", description = "A filter with a value it cannot take")
  public RuleList list(
      @Parameter(description = "Only this category: sizing, hardware, quantization, engine, …")
          @QueryParam("category")
          String category,
      @Parameter(description = "Only this severity: BLOCKER, ERROR, WARNING or INFO")
          @QueryParam("severity")
          String severity,
      @Parameter(description = "Only this kind: finding, verdict or derivation") @QueryParam("kind")
          String kind) {
    String c = oneOf("category", category, CATEGORIES);
    String s = oneOf("severity", severity, SEVERITIES);
    String k = oneOf("kind", kind, KINDS);
    Ruleset rs = advisor.ruleset();
    List<RuleInfo> rules =
        rs.rules().rules().stream()
            .filter(r -> c == null || c.equals(r.category()))
            .filter(r -> s == null || (r.severity() != null && s.equals(r.severity().name())))
            .filter(r -> k == null || k.equals(r.kind().label()))
            .toList();
    return new RuleList(rs.version(), rules.size(), rules);
  }

  /**
   * The serving ruleset and the last reload attempt. A literal segment, so JAX-RS matches it before
   * {@code {id}}; no rule id can be {@code status} without being shadowed here.
   */
  @GET
  @Path("status")
  @Operation(summary = "The serving ruleset's version and the last reload: when, why, its outcome")
  @APIResponse(
      responseCode = "200",
      description =
          "version, loadedAt and rule count of the serving ruleset; lastReload with at, trigger"
              + " (startup, watch, api), outcome (loaded, unchanged, failed) and errors (file, line,"
              + " column, message)")
  public RulesetHolder.Status status() {
    return advisor.rulesets().status();
  }

  /** One rule by id; ids match ignoring case, '-' and '_', like catalogue ids. */
  @GET
  @Path("{id}")
  @Operation(summary = "One rule, by id")
  @APIResponse(responseCode = "200", description = "The rule's metadata and file:line")
  @APIResponse(responseCode = "404", description = "No such rule; the nearest ids")
  public RuleInfo rule(@PathParam("id") String id) {
    List<RuleInfo> rules = advisor.ruleset().rules().rules();
    // Exact ids first: two ids that differ only in case or punctuation would share an index key.
    for (RuleInfo r : rules) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    // Built per request: a few dozen entries, and always the rule set that serves now.
    Lookup<IndexedRule> found = IndexedRule.index(rules).lookup(id);
    if (found instanceof Lookup.Found<IndexedRule> f) {
      return f.entry().rule();
    }
    List<String> nearest = found instanceof Lookup.Unknown<IndexedRule> u ? u.nearest() : List.of();
    throw new CatalogueNotFoundException(
        "'" + id + "' is not a rule id.", new FieldError("id", "unknown rule id", id, nearest));
  }

  /** The allowed value {@code given} names, ignoring case; null when not given. */
  static String oneOf(String parameter, String given, List<String> allowed) {
    if (given == null) {
      return null;
    }
    return allowed.stream()
        .filter(a -> a.equalsIgnoreCase(given.strip()))
        .findFirst()
        .orElseThrow(() -> new InvalidQueryException(parameter, given, allowed));
  }
}
