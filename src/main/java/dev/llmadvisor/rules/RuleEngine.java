package dev.llmadvisor.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.kie.api.KieServices;
import org.kie.api.command.Command;
import org.kie.api.command.KieCommands;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.ExecutionResults;

/**
 * Runs one stateless session over a set of facts and returns the findings and the verdict the rules
 * reached. The only class that touches the KIE session API.
 */
public final class RuleEngine {
  private RuleEngine() {}

  /** What the rules concluded about one set of facts. */
  public record Outcome(List<Finding> findings, Verdict verdict, String decidedBy) {}

  static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::severity)
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::message);

  public static Outcome evaluate(RuleBase rules, Collection<?> facts) {
    KieCommands commands = KieServices.Factory.get().getCommands();
    List<Command<?>> batch =
        List.of(
            commands.newInsertElements(facts),
            commands.newFireAllRules(),
            commands.newGetObjects(new ClassObjectFilter(Finding.class), "findings"),
            commands.newGetObjects(new ClassObjectFilter(VerdictDecision.class), "verdicts"));
    ExecutionResults results =
        rules.kieBase().newStatelessKieSession().execute(commands.newBatchExecution(batch));
    List<Finding> findings = new ArrayList<>();
    for (Object o : (Collection<?>) results.getValue("findings")) {
      findings.add((Finding) o);
    }
    findings.sort(ORDER);
    List<VerdictDecision> verdicts = new ArrayList<>();
    for (Object o : (Collection<?>) results.getValue("verdicts")) {
      verdicts.add((VerdictDecision) o);
    }
    if (verdicts.size() != 1) {
      throw new IllegalStateException(
          "the rule set must decide exactly one verdict, it decided "
              + verdicts
              + ": check rules/verdict.drl");
    }
    return new Outcome(
        List.copyOf(findings), verdicts.get(0).verdict(), verdicts.get(0).decidedBy());
  }
}
