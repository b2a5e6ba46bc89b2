package dev.llmadvisor.catalogue;

import java.util.List;

/**
 * The outcome of resolving a user-given id against a catalogue: found (possibly through an alias or
 * a unique prefix), ambiguous between several entries, or unknown with the nearest known ids.
 */
public sealed interface Lookup<T extends CatalogueEntry> {

  record Found<T extends CatalogueEntry>(T entry, String matchedBy) implements Lookup<T> {}

  record Ambiguous<T extends CatalogueEntry>(List<String> candidates) implements Lookup<T> {}

  record Unknown<T extends CatalogueEntry>(List<String> nearest) implements Lookup<T> {}
}
