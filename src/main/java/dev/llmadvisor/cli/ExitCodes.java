package dev.llmadvisor.cli;

/**
 * What the command line's exit status means, the same for every command (issue 5's table): CI reads
 * the number, people read the output.
 */
public final class ExitCodes {
  /** Nothing at or above the gate: valid rules, every fixture passed, no blocking finding. */
  public static final int OK = 0;

  /**
   * Findings at or above {@code --fail-on}; for {@code test}: a fixture failed or coverage is low.
   */
  public static final int FINDINGS = 1;

  /** Invalid input: bad arguments, an unreadable plan or fixture, unknown ids. */
  public static final int INVALID_INPUT = 2;

  /** The rules or catalogues cannot be used: compile errors, bad metadata, inconsistent entries. */
  public static final int INVALID_RULES = 3;

  /** A bug in the advisor itself, not in what it was given. */
  public static final int INTERNAL_ERROR = 70;

  private ExitCodes() {}

  /** The table as the help screens show it, after each command's own line for 0 and 1. */
  static final String INVALID_INPUT_LINE = "2:invalid input: bad arguments, unreadable files";

  static final String INVALID_RULES_LINE = "3:the rules or catalogues are invalid";

  static final String INTERNAL_ERROR_LINE = "70:a bug in the advisor: please report it";
}
