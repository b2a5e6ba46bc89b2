package dev.llmadvisor.catalogue;

import java.util.List;
import java.util.Map;

/** What every catalogue entry has: an id, alternative spellings, and where its facts come from. */
public interface CatalogueEntry {
  String id();

  List<String> aliases();

  String status();

  String source();

  /**
   * The names other sources give this entry, by source (for example {@code vllmQuantization} →
   * {@code fbgemm_fp8}), each with the assumption an import records when it maps that name here
   * (null when the name means exactly this entry). The importers read these instead of tables of
   * their own.
   */
  default Map<String, Map<String, String>> importNames() {
    return Map.of();
  }
}
