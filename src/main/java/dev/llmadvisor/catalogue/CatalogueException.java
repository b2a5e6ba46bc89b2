package dev.llmadvisor.catalogue;

import java.util.List;

/** A catalogue that cannot be used: each problem names the file and the entry. */
public class CatalogueException extends RuntimeException {
  private final List<String> problems;

  public CatalogueException(List<String> problems) {
    super("invalid catalogues:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
