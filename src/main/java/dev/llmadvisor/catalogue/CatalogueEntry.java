package dev.llmadvisor.catalogue;

import java.util.List;

/** What every catalogue entry has: an id, alternative spellings, and where its facts come from. */
public interface CatalogueEntry {
  String id();

  List<String> aliases();

  String status();

  String source();
}
