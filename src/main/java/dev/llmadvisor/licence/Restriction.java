package dev.llmadvisor.licence;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * A licence term that restricts the model at {@code at}, imposed by {@code licence} on the model at
 * {@code origin}. Rules create one where a licence imposes it and carry it to each parent, so the
 * one that reaches the served model shows the whole chain.
 *
 * @param kind what is restricted, e.g. {@code commercial-use}, {@code monthly-active-users}
 * @param detail the term in words, or the value it requires (a name prefix)
 * @param limit a numeric bound where the term has one (monthly active users), else null
 * @param chain model ids from the one that imposes the term up to the model at {@code at}
 */
public record Restriction(
    String kind,
    String licence,
    String detail,
    Long limit,
    String origin,
    String at,
    List<String> chain) {

  public Restriction {
    chain = List.copyOf(chain);
  }

  /** Where a component's licence first imposes a term. */
  public static Restriction imposedOn(
      Component component, String kind, String licence, String detail, Long limit) {
    return new Restriction(
        kind,
        licence,
        detail,
        limit,
        component.path(),
        component.path(),
        List.of(component.modelId()));
  }

  /** The same term, carried to the model built from this one. */
  public Restriction inheritedBy(Component parent) {
    List<String> longer = new ArrayList<>(chain);
    longer.add(parent.modelId());
    return new Restriction(kind, licence, detail, limit, origin, parent.path(), longer);
  }

  /** The origin model, the one whose licence imposes the term. */
  @JsonProperty("imposedBy")
  public String imposedBy() {
    return chain.get(0);
  }

  /** The chain in words: {@code a (cc-by-nc-4.0) → b → served}. */
  public String path() {
    String first = chain.get(0) + (licence == null ? "" : " (" + licence + ")");
    return chain.size() == 1
        ? first
        : first + " → " + String.join(" → ", chain.subList(1, chain.size()));
  }
}
