package dev.llmadvisor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code advisor} command line: {@code serve} (the default) starts the service; the other
 * commands run on their own, without Quarkus, and end with an exit code from {@link ExitCodes}.
 * Commands that evaluate share {@link RulesetOptions}; a new command is one more subcommand here.
 */
@Command(
    name = "advisor",
    mixinStandardHelpOptions = true,
    versionProvider = Cli.Version.class,
    description = {
      "LLM Deploy Advisor: evaluates LLM deployment plans against policy rules (rules/*.drl) and"
          + " catalogues (catalogues/*.yaml). Paths are relative to the working directory."
    },
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes (every command; see each command's --help):%n",
    exitCodeList = {
      "0:success: nothing at or above the gate",
      "1:findings at or above the gate; for test: a fixture failed or coverage is low",
      ExitCodes.INVALID_INPUT_LINE,
      ExitCodes.INVALID_RULES_LINE,
      ExitCodes.INTERNAL_ERROR_LINE
    })
public final class Cli implements Runnable {
  @Spec CommandSpec spec;

  private Cli() {}

  /** Without a command: the usage, as an error (main runs {@code serve} when given no argument). */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Name a command.");
  }

  /**
   * Runs one command line.
   *
   * @param serve what {@code serve} does; {@link ServeCommand#ran()} tells afterwards whether it
   *     ran
   * @return the exit code ({@link ExitCodes})
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err, ServeCommand serve) {
    CommandLine cli = commandLine(out, err, serve);
    int code = cli.execute(args.length == 0 ? new String[] {"serve"} : args);
    out.flush();
    err.flush();
    return code;
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err, ServeCommand serve) {
    CommandLine cli = new CommandLine(new Cli());
    cli.addSubcommand("serve", serve);
    cli.addSubcommand("validate", new ValidateCommand());
    cli.addSubcommand("test", new TestCommand());
    cli.addSubcommand("check", new CheckCommand());
    cli.addSubcommand("import", new ImportCommand());
    cli.addSubcommand("recommend", new RecommendCommand());
    cli.addSubcommand("export", new ExportCommand());
    cli.addSubcommand("help", new CommandLine.HelpCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine failed = e.getCommandLine();
          err.println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
          err.println("Usage: " + usage(failed) + " (--help for more)");
          return ExitCodes.INVALID_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (e, failed, parseResult) -> {
          err.println(
              failed.getCommandSpec().qualifiedName()
                  + ": internal error, please report it: "
                  + e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : ": " + e.getMessage()));
          return ExitCodes.INTERNAL_ERROR;
        });
    return cli;
  }

  /** The synopsis, one line. */
  private static String usage(CommandLine cli) {
    return cli.getHelp().synopsis(0).strip().replaceAll("\\s+", " ");
  }

  /** The project version, filtered into {@code advisor-version.properties} at build time. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Cli.class.getResourceAsStream("/advisor-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "advisor " + p.getProperty("version", "(unknown version)"),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.name")
            + ")"
      };
    }
  }
}
