package dev.llmadvisor.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kie.api.KieServices;
import org.kie.api.command.Command;
import org.kie.api.command.KieCommands;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.ExecutionResults;
import org.kie.api.runtime.StatelessKieSession;

/**
 * Runs one stateless session over a set of facts and returns the findings and the verdict the rules
 * reached. The only class that touches the KIE session API.
 */
public final class RuleEngine {
  private static final KieCommands COMMANDS = KieServices.Factory.get().getCommands();

  private RuleEngine() {}

  /**
   * What the rules concluded about one set of facts.
   *
   * @param derived the facts of each requested type that the session held at the end
   * @param rulesFired ids of the rules that fired, sorted
   */
  public record Outcome(
      List<Finding> findings,
      Verdict verdict,
      String decidedBy,
      Map<Class<?>, List<?>> derived,
      List<String> rulesFired) {

    /** The session's facts of one of the requested types. */
    @SuppressWarnings("unchecked")
    public <T> List<T> derived(Class<T> type) {
      return (List<T>) derived.getOrDefault(type, List.of());
    }
  }

  static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::severity)
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::message);

  /**
   * Inserts {@code facts}, fires every rule, and returns findings, verdict and the derived facts of
   * each type in {@code collect}.
   */
  public static Outcome evaluate(
      RuleBase rules, Collection<?> facts, Collection<Class<?>> collect) {
    return evaluate(rules, facts, collect, Map.of());
  }

  /**
   * As above, with the rules' globals set first; a global the rules do not declare is skipped, so a
   * rule set without it still runs.
   */
  public static Outcome evaluate(
      RuleBase rules,
      Collection<?> facts,
      Collection<Class<?>> collect,
      Map<String, Object> globals) {
    KieCommands commands = COMMANDS;
    List<Command<?>> batch = new ArrayList<>(4 + collect.size());
    batch.add(commands.newInsertElements(facts));
    batch.add(commands.newFireAllRules());
    batch.add(commands.newGetObjects(new ClassObjectFilter(Finding.class), "findings"));
    batch.add(commands.newGetObjects(new ClassObjectFilter(VerdictDecision.class), "verdicts"));
    for (Class<?> type : collect) {
      batch.add(commands.newGetObjects(new ClassObjectFilter(type), type.getName()));
    }
    StatelessKieSession session = rules.newSession();
    globals.forEach(
        (name, value) -> {
          if (rules.globals().contains(name)) {
            session.setGlobal(name, value);
          }
        });
    Set<String> fired = new TreeSet<>();
    session.addEventListener(
        new DefaultAgendaEventListener() {
          @Override
          public void afterMatchFired(AfterMatchFiredEvent event) {
            fired.add(String.valueOf(event.getMatch().getRule().getMetaData().get("id")));
          }
        });
    ExecutionResults results = session.execute(commands.newBatchExecution(batch));
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
    Map<Class<?>, List<?>> derived = new LinkedHashMap<>();
    for (Class<?> type : collect) {
      derived.put(type, List.copyOf((Collection<?>) results.getValue(type.getName())));
    }
    return new Outcome(
        List.copyOf(findings),
        verdicts.get(0).verdict(),
        verdicts.get(0).decidedBy(),
        derived,
        List.copyOf(fired));
  }
}
