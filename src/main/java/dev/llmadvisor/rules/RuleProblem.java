package dev.llmadvisor.rules;

/**
 * One reason the rules cannot serve, placed where Drools or the metadata check found it: {@code
 * file} is {@code rules/<name>.drl}, {@code line} and {@code column} count from 1 (as editors do).
 * A null field is unknown; never 0 or negative.
 */
public record RuleProblem(String file, Integer line, Integer column, String message) {
  public RuleProblem {
    line = line != null && line > 0 ? line : null;
    column = line != null && column != null && column > 0 ? column : null;
  }

  /** A problem that belongs to no file (a missing folder, files that kept changing). */
  public static RuleProblem of(String message) {
    return new RuleProblem(null, null, null, message);
  }

  /** {@code file:line:column: message}, as far as known. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    if (file != null) {
      s.append(file);
      if (line != null) {
        s.append(':').append(line);
        if (column != null) {
          s.append(':').append(column);
        }
      }
      s.append(": ");
    }
    return s.append(message).toString();
  }
}
