package dev.llmadvisor.cli;

import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.rules.RuleInfo;
import dev.llmadvisor.rules.RuleKind;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code advisor validate}: what the service checks before it serves a rule set, without it. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check the rules and catalogues as the service does before serving them: every rule compiles"
          + " and carries its metadata (unique @id, valid @severity and @category, the keys of its"
          + " kind); every catalogue entry is complete and consistent (each model's licence"
          + " exists, each engine's formats exist …). Every problem is listed with its file."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the rules and catalogues are valid",
      ExitCodes.INVALID_INPUT_LINE,
      ExitCodes.INVALID_RULES_LINE,
      ExitCodes.INTERNAL_ERROR_LINE
    })
class ValidateCommand implements Callable<Integer> {
  @Mixin RulesetOptions ruleset;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RulesetOptions.Checked checked = ruleset.check();
    if (checked.ruleProblems().isEmpty()) {
      out.println("Rules in " + ruleset.rules + ": valid, " + describe(checked));
    }
    if (checked.catalogueProblems().isEmpty()) {
      out.println(
          "Catalogues in " + ruleset.catalogues + ": valid, " + describe(checked.catalogues()));
    }
    if (checked.valid()) {
      return ExitCodes.OK;
    }
    ruleset.printProblems(checked, err);
    return ExitCodes.INVALID_RULES;
  }

  private static String describe(RulesetOptions.Checked checked) {
    Map<RuleKind, Long> byKind =
        checked.rules().rules().stream()
            .collect(Collectors.groupingBy(RuleInfo::kind, Collectors.counting()));
    long files = checked.rules().rules().stream().map(RuleInfo::source).distinct().count();
    return checked.rules().rules().size()
        + " rules in "
        + files
        + " files ("
        + Stream.of(RuleKind.values())
            .map(k -> byKind.getOrDefault(k, 0L) + " " + k.label())
            .collect(Collectors.joining(", "))
        + ")";
  }

  private static String describe(Catalogues c) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("GPUs", c.gpus().ids().size());
    counts.put("models", c.models().ids().size());
    counts.put("weight formats", c.weightFormats().ids().size());
    counts.put("KV-cache dtypes", c.kvCacheDtypes().ids().size());
    counts.put("engines", c.engines().ids().size());
    counts.put("licences", c.licences().ids().size());
    counts.put("strategies", c.strategies().ids().size());
    return counts.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }
}
