package dev.llmadvisor.api;

import dev.llmadvisor.catalogue.CatalogueEntry;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.catalogue.IdIndex;
import dev.llmadvisor.catalogue.Lookup;
import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.FieldError;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Browse the catalogues the advisor evaluates against: {@code GET /api/v1/catalogues/...}. */
@Path("/api/v1/catalogues")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogueResource {
  private final Advisor advisor;

  public CatalogueResource(Advisor advisor) {
    this.advisor = advisor;
  }

  /** Catalogue name → its ids. */
  @GET
  @Operation(summary = "List the catalogues and the ids in each")
  public Map<String, List<String>> index() {
    Map<String, List<String>> index = new LinkedHashMap<>();
    catalogues().forEach((name, entries) -> index.put(name, entries.ids()));
    return index;
  }

  @GET
  @Path("{catalogue}")
  @Operation(summary = "Every entry of one catalogue")
  public List<? extends CatalogueEntry> entries(@PathParam("catalogue") String catalogue) {
    return catalogue(catalogue).all();
  }

  /** One entry by id or alias; model ids contain a slash. */
  @GET
  @Path("{catalogue}/{id: .+}")
  @Operation(summary = "One catalogue entry, by id or alias")
  public CatalogueEntry entry(
      @PathParam("catalogue") String catalogue, @PathParam("id") String id) {
    Lookup<? extends CatalogueEntry> found = catalogue(catalogue).lookup(id);
    if (found instanceof Lookup.Found<? extends CatalogueEntry> f) {
      return f.entry();
    }
    List<String> nearest =
        found instanceof Lookup.Ambiguous<? extends CatalogueEntry> a
            ? a.candidates()
            : ((Lookup.Unknown<? extends CatalogueEntry>) found).nearest();
    String what = found instanceof Lookup.Ambiguous ? "is ambiguous in" : "is not in";
    throw new CatalogueNotFoundException(
        "'" + id + "' " + what + " the " + catalogue + " catalogue.",
        new FieldError(
            "id", what.equals("is not in") ? "unknown id" : "ambiguous id", id, nearest));
  }

  private IdIndex<? extends CatalogueEntry> catalogue(String name) {
    IdIndex<? extends CatalogueEntry> index = catalogues().get(name);
    if (index == null) {
      List<String> names = List.copyOf(catalogues().keySet());
      throw new CatalogueNotFoundException(
          "There is no catalogue '" + name + "'.",
          new FieldError("catalogue", "unknown catalogue", name, names));
    }
    return index;
  }

  private Map<String, IdIndex<? extends CatalogueEntry>> catalogues() {
    Catalogues c = advisor.ruleset().catalogues();
    Map<String, IdIndex<? extends CatalogueEntry>> map = new LinkedHashMap<>();
    map.put("gpus", c.gpus());
    map.put("models", c.models());
    map.put("weight-formats", c.weightFormats());
    map.put("kv-cache-dtypes", c.kvCacheDtypes());
    map.put("engines", c.engines());
    map.put("licences", c.licences());
    map.put("strategies", c.strategies());
    map.put("plan-defaults", c.planDefaults());
    return map;
  }
}
