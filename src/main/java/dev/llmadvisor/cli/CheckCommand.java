package dev.llmadvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmadvisor.api.Problem;
import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.fixtures.Fixture;
import dev.llmadvisor.fixtures.Fixtures;
import dev.llmadvisor.fixtures.InvalidFixtureException;
import dev.llmadvisor.importer.ImportException;
import dev.llmadvisor.importer.ImportResult;
import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.plan.PlanLines;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.report.Evaluated;
import dev.llmadvisor.report.JsonReport;
import dev.llmadvisor.report.Rendering;
import dev.llmadvisor.report.Report;
import dev.llmadvisor.report.ReportFormat;
import dev.llmadvisor.rules.Severity;
import dev.llmadvisor.waiver.InvalidWaiversException;
import dev.llmadvisor.waiver.Waiver;
import dev.llmadvisor.waiver.WaiverFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code advisor check}: evaluates plans (files, directories, {@code -} for standard input, or a
 * plan imported with {@code --from}) as a CI gate, without starting the service. The exit code says
 * whether any finding reached {@code --fail-on}.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate deployment plans and fail when a finding reaches --fail-on.",
      "PLAN is a plan file (.yaml, .yml, .json), a directory of them, or - for standard input. A"
          + " rule fixture (rules/tests/*/*.yaml) is checked by its plan, with the full report;"
          + " advisor test compares it with what it expects. With --from, PLAN is what to import:"
          + " the vLLM command words (after --), a Kubernetes manifest, or a config.json."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no finding at or above --fail-on",
      "1:findings at or above --fail-on",
      ExitCodes.INVALID_INPUT_LINE,
      ExitCodes.INVALID_RULES_LINE,
      ExitCodes.INTERNAL_ERROR_LINE
    })
class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RulesetOptions ruleset;

  @Mixin ImportOptions imports;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "error",
      description =
          "blocker, error or warning (info fails on any finding). Default: ${DEFAULT-VALUE}")
  String failOn;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text, json, markdown, sarif or junit, on standard output. Default: ${DEFAULT-VALUE}")
  String format;

  @Option(
      names = "--output",
      paramLabel = "FORMAT=FILE",
      description =
          "Also write FORMAT to FILE; repeat for several (e.g. --output sarif=advisor.sarif).")
  List<String> outputs = new ArrayList<>();

  @Option(
      names = "--waivers",
      paramLabel = "FILE",
      description =
          "Apply the waivers of FILE (YAML, the list GET /api/v1/waivers exports) as the server"
              + " does: a waived finding stays in the report, marked, and neither fails --fail-on"
              + " nor counts towards the verdict.")
  Path waiversFile;

  @Parameters(
      paramLabel = "PLAN",
      arity = "1..*",
      description = "Plans, directories, - or import input.")
  List<String> plans;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Severity gate = severity(failOn, "--fail-on");
    ReportFormat primary = format(format, "--format");
    boolean json = primary == ReportFormat.JSON;
    Map<ReportFormat, Path> files = new LinkedHashMap<>();
    for (String o : outputs) {
      int eq = o.indexOf('=');
      if (eq <= 0 || eq == o.length() - 1) {
        throw new ParameterException(
            spec.commandLine(), "--output wants FORMAT=FILE, got '" + o + "'");
      }
      files.put(format(o.substring(0, eq), "--output"), Path.of(o.substring(eq + 1)));
    }
    Advisor advisor = ruleset.advisor(err);
    if (advisor == null) {
      return rulesRefused(out, json, ruleset);
    }
    List<Waiver> waivers = List.of();
    if (waiversFile != null) {
      try {
        waivers =
            WaiverFile.read(
                read(waiversFile).text(),
                waiversFile.toString(),
                advisor.ruleset().rules().rules());
      } catch (UnreadableInput e) {
        return refused(
            out, err, json, e.getMessage(), List.of(), Problem.unreadableInput(e.getMessage()));
      } catch (InvalidWaiversException e) {
        return refused(
            out, err, json, e.getMessage(), e.errors(), Problem.of(e, waiversFile.toString()));
      }
    }
    // One instant for every plan of the run: a waiver expires for all of them or for none.
    Instant now = Instant.now();
    List<PlanText> inputs;
    try {
      inputs = imports.from == null ? planTexts(plans) : List.of(imported(advisor, err));
    } catch (ImportException e) {
      return refused(out, err, json, e.source(), e.errors(), Problem.of(e));
    } catch (UnreadableInput e) {
      return refused(
          out, err, json, e.getMessage(), List.of(), Problem.unreadableInput(e.getMessage()));
    } catch (InvalidPlanException e) {
      return refused(
          out, err, json, "overlay: " + e.getMessage(), e.errors(), Problem.of(e, "overlay"));
    }
    List<Evaluated> evaluated = new ArrayList<>();
    List<Problem> invalid = new ArrayList<>();
    for (PlanText p : inputs) {
      try {
        Report report = advisor.evaluate(p.text(), p.format(), waivers, now);
        evaluated.add(new Evaluated(report, p.uri(), p.lines()));
      } catch (InvalidPlanException e) {
        invalid.add(Problem.of(e, p.uri()));
        printErrors(err, p.uri() + ": " + e.getMessage(), e.errors());
      }
    }
    Rendering how = new Rendering(advisor.ruleset().rules().rules(), gate);
    // JSON answers a plan that cannot be read with its problem, as the API does, not with the
    // reports of the others (or an empty list); the other formats report the plans that were read.
    out.print(
        invalid.isEmpty() || !json
            ? render(primary, evaluated, how)
            : JsonReport.write(invalid.size() == 1 ? invalid.get(0) : invalid));
    out.flush();
    for (Map.Entry<ReportFormat, Path> f : files.entrySet()) {
      Files.writeString(f.getValue(), render(f.getKey(), evaluated, how), StandardCharsets.UTF_8);
    }
    if (!invalid.isEmpty()) {
      return ExitCodes.INVALID_INPUT;
    }
    boolean fails =
        evaluated.stream().flatMap(e -> e.report().findings().stream()).anyMatch(how::fails);
    return fails ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  /**
   * Exit 2. The errors are on stderr ({@code head}, then each field's), as for every format; {@code
   * --format json} also prints the problem document the API would answer, so that a reader of
   * stdout gets one.
   */
  static int refused(
      PrintWriter out,
      PrintWriter err,
      boolean json,
      String head,
      List<FieldError> errors,
      Problem problem) {
    printErrors(err, head, errors);
    if (json) {
      out.print(JsonReport.write(problem));
      out.flush();
    }
    return ExitCodes.INVALID_INPUT;
  }

  /**
   * Exit 3. The problems are on stderr; {@code --format json} also prints them as a problem
   * document, so that a reader of stdout gets one here too.
   */
  static int rulesRefused(PrintWriter out, boolean json, RulesetOptions ruleset) {
    if (json) {
      out.print(JsonReport.write(ruleset.refusedProblem()));
      out.flush();
    }
    return ExitCodes.INVALID_RULES;
  }

  static String render(ReportFormat f, List<Evaluated> evaluated, Rendering how) {
    return f.render(evaluated, how);
  }

  /** A plan's text, its format, and the name findings point at. */
  record PlanText(String uri, String text, PlanReader.Format format, PlanLines lines) {
    PlanText(String uri, String text, PlanReader.Format format) {
      this(uri, text, format, PlanLines.of(text, format));
    }
  }

  /** An input that cannot be read: said in one line, exit 2. */
  static final class UnreadableInput extends RuntimeException {
    UnreadableInput(String message) {
      super(message);
    }
  }

  PlanText imported(Advisor advisor, PrintWriter err) {
    ImportResult r = imports.importPlan(advisor.ruleset().catalogues(), plans);
    imports.explain(r, err);
    if (!r.complete()) {
      throw new ImportException(
          r.source(),
          r.missing().stream()
              .map(m -> FieldError.of(m.field(), "missing: " + m.why(), null))
              .toList());
    }
    return new PlanText(r.source(), r.planYaml(), PlanReader.Format.YAML);
  }

  static List<PlanText> planTexts(List<String> args) {
    List<PlanText> texts = new ArrayList<>();
    for (String a : args) {
      if (a.equals("-")) {
        String text = readStdin();
        texts.add(
            new PlanText(
                "stdin",
                text,
                text.stripLeading().startsWith("{")
                    ? PlanReader.Format.JSON
                    : PlanReader.Format.YAML));
        continue;
      }
      Path p = Path.of(a);
      if (Files.isDirectory(p)) {
        try (Stream<Path> listing = Files.list(p)) {
          List<Path> found = listing.filter(CheckCommand::isPlanFile).sorted().toList();
          if (found.isEmpty()) {
            throw new UnreadableInput(
                a + ": no plan files (*.yaml, *.yml, *.json) in this directory");
          }
          found.forEach(f -> texts.add(read(f)));
        } catch (IOException e) {
          throw new UnreadableInput(a + ": cannot list: " + e.getMessage());
        }
      } else {
        texts.add(read(p));
      }
    }
    return texts;
  }

  static boolean isPlanFile(Path p) {
    String n = p.getFileName().toString();
    return Files.isRegularFile(p)
        && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json"));
  }

  static PlanText read(Path p) {
    String text;
    try {
      text = Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UnreadableInput(
          p + ": cannot read: " + (Files.exists(p) ? e.getMessage() : "no such file"));
    }
    PlanReader.Format format =
        p.toString().endsWith(".json") ? PlanReader.Format.JSON : PlanReader.Format.YAML;
    if (format == PlanReader.Format.YAML && isFixture(text)) {
      // A rule fixture: its plan, with findings pointing at the plan's lines in the fixture file.
      Fixture fixture;
      try {
        fixture = Fixtures.read(p);
      } catch (InvalidFixtureException e) {
        throw new UnreadableInput(p + ": invalid fixture: " + e.getMessage());
      }
      return new PlanText(
          p.toString(),
          Fixtures.planYaml(fixture),
          format,
          PlanLines.of(text, format).under("plan"));
    }
    return new PlanText(p.toString(), text, format);
  }

  /**
   * A fixture has a {@code plan} at the top; a plan never does (it has a {@code model}, required).
   */
  static boolean isFixture(String yaml) {
    try {
      JsonNode top = YAML.readTree(yaml);
      return top != null && top.isObject() && top.has("plan") && !top.has("model");
    } catch (IOException e) {
      return false; // not YAML at all: the plan reader says why
    }
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static String readStdin() {
    try {
      return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UnreadableInput("stdin: cannot read: " + e.getMessage());
    }
  }

  static void printErrors(PrintWriter err, String head, List<FieldError> errors) {
    err.println(head);
    for (FieldError e : errors) {
      err.println(
          "  "
              + e.field()
              + ": "
              + e.message()
              + got(e)
              + (e.nearest() == null || e.nearest().isEmpty()
                  ? ""
                  : "; nearest: " + String.join(", ", e.nearest())));
    }
  }

  /** " (got 7)", unless the message already quotes the value ("unknown id 'H1000'"). */
  private static String got(FieldError e) {
    if (e.rejectedValue() == null || e.message().contains("'" + e.rejectedValue() + "'")) {
      return "";
    }
    return " (got " + e.rejectedValue() + ")";
  }

  /** The fail-on gate, read by the parser the API's {@code failOn} uses too. */
  Severity severity(String name, String option) {
    Severity gate = Severity.gate(name);
    if (gate == null) {
      throw new ParameterException(
          spec.commandLine(),
          option + " must be blocker, error, warning or info, got '" + name + "'");
    }
    return gate;
  }

  ReportFormat format(String name, String option) {
    ReportFormat f = ReportFormat.named(name);
    if (f == null) {
      throw new ParameterException(
          spec.commandLine(),
          option
              + " must be one of "
              + String.join(", ", ReportFormat.names())
              + ", got '"
              + name
              + "'");
    }
    return f;
  }
}
