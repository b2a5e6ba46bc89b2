package dev.llmadvisor.cli;

import dev.llmadvisor.api.Problem;
import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.report.JsonReport;
import dev.llmadvisor.whatif.WhatIfFormat;
import dev.llmadvisor.whatif.WhatIfRequest;
import dev.llmadvisor.whatif.WhatIfResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code advisor recommend REQUEST.yaml}: the what-if search ({@code docs/recommend.md}). */
@Command(
    name = "recommend",
    mixinStandardHelpOptions = true,
    description = {
      "Search the catalogue for deployments of a model that pass the rules: GPU type and count,"
          + " nodes, weight format, KV-cache dtype, engine and layout. The request is a plan"
          + " without those parts, plus constraints (docs/recommend.md). Prints the Pareto front"
          + " over cost (or GPUs), throughput, TTFT and quality, each entry with its plan,"
          + " verdict, figures and commands, and the families that failed with the rules that"
          + " stopped them."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:at least one deployment passes",
      "1:no deployment passes",
      ExitCodes.INVALID_INPUT_LINE,
      ExitCodes.INVALID_RULES_LINE
    })
class RecommendCommand implements Callable<Integer> {
  @Mixin RulesetOptions ruleset;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "REQUEST",
      description = "The request (.yaml, .yml or .json)")
  Path request;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "json, markdown or text (default ${DEFAULT-VALUE})")
  String format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    WhatIfFormat wanted;
    try {
      wanted = WhatIfFormat.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      err.println("--format: unknown format '" + format + "'; one of " + WhatIfFormat.names());
      return ExitCodes.INVALID_INPUT;
    }
    String text;
    try {
      text = Files.readString(request, StandardCharsets.UTF_8);
    } catch (IOException e) {
      String detail = request + ": cannot read: " + e.getMessage();
      return CheckCommand.refused(
          out,
          err,
          wanted == WhatIfFormat.JSON,
          detail,
          List.of(),
          Problem.unreadableInput(detail));
    }
    Advisor advisor = ruleset.advisor(err);
    if (advisor == null) {
      return CheckCommand.rulesRefused(out, wanted == WhatIfFormat.JSON, ruleset);
    }
    WhatIfResult result;
    try {
      PlanReader.Format f =
          request.toString().endsWith(".json") ? PlanReader.Format.JSON : PlanReader.Format.YAML;
      result =
          advisor.recommend(
              PlanReader.read(text, f, WhatIfRequest.class, "request", "a what-if request"));
    } catch (InvalidPlanException e) {
      return CheckCommand.refused(
          out,
          err,
          wanted == WhatIfFormat.JSON,
          request + ": " + e.getMessage(),
          e.errors(),
          Problem.of(e, request.toString()));
    }
    out.print(wanted == WhatIfFormat.JSON ? JsonReport.write(result) : wanted.render(result));
    out.flush();
    return result.front().isEmpty() ? ExitCodes.FINDINGS : ExitCodes.OK;
  }
}
