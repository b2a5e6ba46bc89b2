package dev.llmadvisor.cli;

import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.whatif.Artefacts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code advisor export PLAN --kind KIND}: the artefacts that roll a plan out. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write what rolls a plan out: its engine commands (command), a Kubernetes Deployment, or a"
          + " LeaderWorkerSet when a replica spans nodes (deployment), or a PrometheusRule with"
          + " the SLI thresholds of rules/sli.drl over vLLM's metrics (prometheusrule). The plan"
          + " is evaluated first; a rejected plan gets none (docs/recommend.md)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the artefact is written",
      "1:the plan is rejected, or this artefact cannot be written for it",
      ExitCodes.INVALID_INPUT_LINE,
      ExitCodes.INVALID_RULES_LINE
    })
class ExportCommand implements Callable<Integer> {
  @Mixin RulesetOptions ruleset;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PLAN", description = "The plan (.yaml, .yml or .json)")
  Path plan;

  @Option(names = "--kind", required = true, description = "command, deployment or prometheusrule")
  String kind;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Artefacts.KINDS.contains(kind)) {
      err.println("--kind: unknown kind '" + kind + "'; one of " + Artefacts.KINDS);
      return ExitCodes.INVALID_INPUT;
    }
    String text;
    try {
      text = Files.readString(plan, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println(plan + ": cannot read: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    }
    Advisor advisor = ruleset.advisor(err);
    if (advisor == null) {
      return ExitCodes.INVALID_RULES;
    }
    try {
      PlanReader.Format f =
          plan.toString().endsWith(".json") ? PlanReader.Format.JSON : PlanReader.Format.YAML;
      out.print(Artefacts.render(kind, advisor.artefacts(PlanReader.read(text, f))));
      out.flush();
      return ExitCodes.OK;
    } catch (InvalidPlanException e) {
      CheckCommand.printErrors(err, plan + ": " + e.getMessage(), e.errors());
      return ExitCodes.INVALID_INPUT;
    } catch (Artefacts.NotAvailable e) {
      err.println(plan + ": " + e.getMessage());
      return ExitCodes.FINDINGS;
    }
  }
}
