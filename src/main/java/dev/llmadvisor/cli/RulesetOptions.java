package dev.llmadvisor.cli;

import dev.llmadvisor.api.Problem;
import dev.llmadvisor.catalogue.CatalogueException;
import dev.llmadvisor.catalogue.CatalogueLoader;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.rules.RuleBase;
import dev.llmadvisor.rules.RuleProblem;
import dev.llmadvisor.rules.RuleSetException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the rules and catalogues are: the options every command that evaluates shares. */
public class RulesetOptions {
  @Option(
      names = "--rules",
      paramLabel = "DIR",
      defaultValue = "rules",
      description = "The rule files (*.drl). Default: ${DEFAULT-VALUE}")
  Path rules;

  @Option(
      names = "--catalogues",
      paramLabel = "DIR",
      defaultValue = "catalogues",
      description = "The catalogues (*.yaml). Default: ${DEFAULT-VALUE}")
  Path catalogues;

  /**
   * Both halves checked, each whether or not the other is valid, so that one run lists every
   * problem.
   *
   * @param rules null when {@code ruleProblems} is not empty
   * @param catalogues null when {@code catalogueProblems} is not empty
   */
  record Checked(
      RuleBase rules,
      Catalogues catalogues,
      List<String> ruleProblems,
      List<String> catalogueProblems) {
    boolean valid() {
      return ruleProblems.isEmpty() && catalogueProblems.isEmpty();
    }
  }

  Checked check() {
    RuleBase ruleBase = null;
    Catalogues loaded = null;
    List<String> ruleProblems = missing(rules);
    List<String> catalogueProblems = missing(catalogues);
    if (ruleProblems.isEmpty()) {
      try {
        ruleBase = RuleBase.compile(rules);
      } catch (RuleSetException e) {
        ruleProblems = texts(e);
      }
    }
    if (catalogueProblems.isEmpty()) {
      try {
        loaded = CatalogueLoader.load(catalogues);
      } catch (CatalogueException e) {
        catalogueProblems = e.problems();
      }
    }
    if (ruleBase != null && loaded != null) {
      // The literals the rules compare declared plan fields with, against the catalogue's values.
      ruleProblems =
          ruleBase.undeclaredValues(loaded.planValues().all()).stream()
              .map(RuleProblem::toString)
              .toList();
      if (!ruleProblems.isEmpty()) {
        ruleBase = null;
      }
    }
    return new Checked(ruleBase, loaded, ruleProblems, catalogueProblems);
  }

  /** Each rule problem as {@code file:line:column: message}, as far as known. */
  private static List<String> texts(RuleSetException e) {
    return e.problems().stream().map(RuleProblem::toString).toList();
  }

  /** A directory that is not there, said plainly rather than as the exception that follows. */
  private static List<String> missing(Path dir) {
    return Files.isDirectory(dir)
        ? List.of()
        : List.of(
            dir
                + ": no such directory (paths are relative to "
                + Path.of("").toAbsolutePath()
                + ")");
  }

  /** What stopped the last {@link #advisor} call, null when it gave an advisor. */
  Checked refused;

  /**
   * An advisor over these rules and catalogues, or null after printing every problem with them to
   * {@code err} (kept in {@link #refused}): the half that failed is not compiled twice, the other
   * half is checked too.
   */
  Advisor advisor(PrintWriter err) {
    refused = null;
    if (!Files.isDirectory(rules) || !Files.isDirectory(catalogues)) {
      printProblems(check(), err);
      return null;
    }
    try {
      return new Advisor(rules, catalogues);
    } catch (RuleSetException e) {
      List<String> catalogueProblems = List.of();
      try {
        CatalogueLoader.load(catalogues);
      } catch (CatalogueException c) {
        catalogueProblems = c.problems();
      }
      printProblems(new Checked(null, null, texts(e), catalogueProblems), err);
    } catch (CatalogueException e) {
      List<String> ruleProblems = List.of();
      try {
        RuleBase.compile(rules);
      } catch (RuleSetException r) {
        ruleProblems = texts(r);
      }
      printProblems(new Checked(null, null, ruleProblems, e.problems()), err);
    }
    return null;
  }

  void printProblems(Checked checked, PrintWriter err) {
    refused = checked;
    print(err, "rules", rules, checked.ruleProblems());
    print(err, "catalogues", catalogues, checked.catalogueProblems());
  }

  /**
   * The problem document of {@link #refused} for {@code --format json}: the one the service's rules
   * status answers with after a failed reload (type {@code invalid-ruleset}, 422), each problem
   * under the option that named its directory.
   */
  Problem refusedProblem() {
    List<FieldError> errors = new java.util.ArrayList<>();
    refused
        .ruleProblems()
        .forEach(p -> errors.add(FieldError.of("--rules", p.strip(), rules.toString())));
    refused
        .catalogueProblems()
        .forEach(p -> errors.add(FieldError.of("--catalogues", p.strip(), catalogues.toString())));
    return Problem.invalidRuleset(
        errors.size()
            + (errors.size() == 1 ? " problem" : " problems")
            + " in "
            + rules
            + " and "
            + catalogues
            + "; nothing was evaluated.",
        errors);
  }

  private static void print(PrintWriter err, String what, Path dir, List<String> problems) {
    if (problems.isEmpty()) {
      return;
    }
    err.println(
        "Invalid "
            + what
            + " in "
            + dir
            + " ("
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + "):");
    // Drools explains a compile error over several lines: keep them under their problem.
    problems.forEach(p -> err.println("  " + p.strip().replace("\n", "\n    ")));
  }
}
