package dev.llmadvisor.catalogue;

import java.util.List;

/** The catalogues are invalid: every problem found, each placed where the loader found it. */
public class CatalogueException extends RuntimeException {
  private final List<CatalogueProblem> problems;

  public CatalogueException(List<CatalogueProblem> problems) {
    super(
        "invalid catalogues:\n  "
            + String.join("\n  ", problems.stream().map(CatalogueProblem::toString).toList()));
    this.problems = List.copyOf(problems);
  }

  /** Each problem as {@code file: message}. */
  public List<String> problems() {
    return problems.stream().map(CatalogueProblem::toString).toList();
  }

  /** Each problem with its file and line. */
  public List<CatalogueProblem> placed() {
    return problems;
  }
}
