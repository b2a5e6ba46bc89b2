package dev.llmadvisor.catalogue;

/**
 * One reason the catalogues cannot serve, placed where the loader found it.
 *
 * @param file the catalogue file ({@code gpus.yaml}), or null for none
 * @param line the 1-based line YAML gave for a field it could not map; null when not known
 * @param message what is wrong ({@code entry T4: bandwidthTBps must be positive})
 */
public record CatalogueProblem(String file, Integer line, String message) {
  public CatalogueProblem {
    line = line != null && line > 0 ? line : null;
  }

  /** {@code file: message}, as the command line and the exception's message show it. */
  @Override
  public String toString() {
    return file == null ? message : file + ": " + message;
  }
}
