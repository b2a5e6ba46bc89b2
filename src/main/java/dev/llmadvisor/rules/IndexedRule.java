package dev.llmadvisor.rules;

import dev.llmadvisor.catalogue.CatalogueEntry;
import dev.llmadvisor.catalogue.IdIndex;
import java.util.Collection;
import java.util.List;

/**
 * A rule seen as a catalogue entry, so that {@link IdIndex} resolves rule ids the way it resolves
 * catalogue ids (case and separators ignored) and names the nearest ones for an unknown id.
 */
public record IndexedRule(RuleInfo rule) implements CatalogueEntry {

  public static IdIndex<IndexedRule> index(Collection<RuleInfo> rules) {
    return new IdIndex<>(rules.stream().map(IndexedRule::new).toList(), false);
  }

  @Override
  public String id() {
    return rule.id();
  }

  @Override
  public List<String> aliases() {
    return List.of();
  }

  /** Rules have no sourcing status (S, D …); IdIndex does not read it. */
  @Override
  public String status() {
    return null;
  }

  @Override
  public String source() {
    return rule.source();
  }
}
