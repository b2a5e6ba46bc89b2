package dev.llmadvisor.cli;

import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.importer.ImportException;
import dev.llmadvisor.importer.ImportResult;
import dev.llmadvisor.plan.InvalidPlanException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code advisor import}: prints the plan imported from a vLLM command line, a Kubernetes manifest
 * or a config.json, with what was assumed, ignored and is still missing as comments.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Print the plan imported from what you have, as YAML with its assumptions in comments.",
      "  advisor import --from vllm-cmd --set hardware.gpu=H100-SXM-80GB -- vllm serve MODEL …",
      "  advisor import --from k8s deployment.yaml",
      "  advisor import --from hf-config --set hardware.gpu=L40S-48GB path/to/config.json"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the plan was imported (fields still missing are listed in its comments)",
      ExitCodes.INVALID_INPUT_LINE,
      ExitCodes.INVALID_RULES_LINE,
      ExitCodes.INTERNAL_ERROR_LINE
    })
class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RulesetOptions ruleset;

  @Mixin ImportOptions imports;

  @Parameters(paramLabel = "INPUT", arity = "1..*", description = "The command words, or the file.")
  List<String> input;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (imports.from == null) {
      err.println("import: --from is required (" + String.join(", ", ImportOptions.SOURCES) + ")");
      return ExitCodes.INVALID_INPUT;
    }
    RulesetOptions.Checked checked = ruleset.check();
    Catalogues catalogues = checked.catalogues();
    if (catalogues == null) {
      ruleset.printProblems(checked, err);
      return ExitCodes.INVALID_RULES;
    }
    try {
      ImportResult r = imports.importPlan(catalogues, input);
      out.print(r.annotatedYaml());
      out.flush();
      return ExitCodes.OK;
    } catch (ImportException e) {
      CheckCommand.printErrors(err, e.source(), e.errors());
      return ExitCodes.INVALID_INPUT;
    } catch (InvalidPlanException e) {
      CheckCommand.printErrors(err, "overlay: " + e.getMessage(), e.errors());
      return ExitCodes.INVALID_INPUT;
    }
  }
}
