package dev.llmadvisor.cli;

import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.fixtures.FixtureRun;
import dev.llmadvisor.fixtures.FixtureRunJunit;
import dev.llmadvisor.fixtures.FixtureRunText;
import dev.llmadvisor.fixtures.FixtureRunner;
import dev.llmadvisor.fixtures.InvalidFixtureException;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code advisor test}: the fixture plans against the rules, and which rules no fixture fires. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Run the fixture plans: evaluate each plan and compare the verdict and the rules it raises"
          + " with what the fixture expects (verdict, raises, doesNotRaise). Then report coverage:"
          + " the rules no fixture fires, with where they are declared."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every fixture passed and coverage is at least the minimum",
      "1:a fixture failed, or coverage is under the minimum",
      "2:a fixture is unreadable or its plan invalid (it is also reported as failed); bad"
          + " arguments",
      ExitCodes.INVALID_RULES_LINE,
      ExitCodes.INTERNAL_ERROR_LINE
    })
class TestCommand implements Callable<Integer> {
  static final BigDecimal EVERY_RULE = BigDecimal.valueOf(100);

  @Mixin RulesetOptions ruleset;

  @Option(
      names = "--fixtures",
      paramLabel = "DIR",
      defaultValue = "rules/tests",
      description = "The fixture files (*.yaml). Default: ${DEFAULT-VALUE}")
  Path fixtures;

  @Option(
      names = "--min-coverage",
      paramLabel = "PERCENT",
      converter = PercentConverter.class,
      description =
          "Fail when fewer rules fire than this percentage, compared exactly (85 of 86 rules is"
              + " 98.83 %%, under 100). Default: 100; unchecked when NAMEs are given, unless set.")
  BigDecimal minCoverage;

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Also write JUnit XML: one test case per fixture, and one for coverage.")
  Path junit;

  @Parameters(
      paramLabel = "NAME",
      arity = "0..*",
      description =
          "Run only the fixtures whose file name contains NAME, or matches it as a glob"
              + " ('licence-*').")
  List<String> names = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FixtureRunner.Selection selection;
    try {
      selection = FixtureRunner.select(fixtures, names);
    } catch (InvalidFixtureException e) {
      err.println("advisor test: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    }
    Advisor advisor = ruleset.advisor(err);
    if (advisor == null) {
      return ExitCodes.INVALID_RULES;
    }
    FixtureRun run = new FixtureRunner(advisor).run(selection);
    BigDecimal minimum = minCoverage != null || !names.isEmpty() ? minCoverage : EVERY_RULE;
    out.print(FixtureRunText.render(run, minimum));
    if (junit != null) {
      try {
        FixtureRunJunit.write(run, minimum, junit);
        out.println("JUnit XML written to " + junit);
      } catch (IOException e) {
        err.println("advisor test: cannot write " + junit + ": " + why(e));
        return ExitCodes.INVALID_INPUT;
      }
    }
    if (run.invalid() > 0) {
      return ExitCodes.INVALID_INPUT;
    }
    if (run.failed() > 0 || (minimum != null && !run.coverage().meets(minimum))) {
      return ExitCodes.FINDINGS;
    }
    return ExitCodes.OK;
  }

  /** The file system's reason in words: its exceptions' messages are often just the path. */
  static String why(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return e.getMessage() + " is a file, not a directory";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** A percentage from 0 to 100, with or without a trailing {@code %}. */
  static class PercentConverter implements ITypeConverter<BigDecimal> {
    @Override
    public BigDecimal convert(String value) {
      String number = value.strip();
      if (number.endsWith("%")) {
        number = number.substring(0, number.length() - 1).strip();
      }
      BigDecimal percent;
      try {
        percent = new BigDecimal(number);
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a percentage");
      }
      if (percent.signum() < 0 || percent.compareTo(EVERY_RULE) > 0) {
        throw new TypeConversionException("'" + value + "' is not between 0 and 100");
      }
      return percent;
    }
  }
}
