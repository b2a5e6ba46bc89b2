package dev.llmadvisor.evaluation;

import dev.llmadvisor.catalogue.Architecture;
import dev.llmadvisor.catalogue.EngineSpec;
import dev.llmadvisor.catalogue.GpuSpec;
import dev.llmadvisor.catalogue.KvCacheDtype;
import dev.llmadvisor.catalogue.Licence;
import dev.llmadvisor.catalogue.ModelSpec;
import dev.llmadvisor.catalogue.WeightFormat;
import dev.llmadvisor.licence.Component;
import dev.llmadvisor.performance.Performance;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.sizing.Sizing;
import dev.llmadvisor.sli.ConfiguredAlert;
import dev.llmadvisor.sli.KvCacheWhatIf;
import dev.llmadvisor.strategy.SearchRequest;
import dev.llmadvisor.strategy.StrategyProfile;
import dev.llmadvisor.waiver.EvaluationTime;
import dev.llmadvisor.waiver.PlanIdentity;
import dev.llmadvisor.waiver.Waiver;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The facts an evaluation inserts into a rule session, as a typed list (the rule unit's data, in
 * Drools' terms): what a rule can match on. {@code docs/authoring.md}'s table of them is rendered
 * from this list by {@link #markdown()} and checked by a test, so the two cannot drift; {@link
 * Advisor} inserts only these types.
 */
public final class RuleFacts {
  private RuleFacts() {}

  /**
   * One type of fact.
   *
   * @param type the class a rule imports and matches
   * @param count how many an evaluation inserts ({@code one}, {@code one or none}, {@code one per
   *     …})
   * @param note what it holds, where the fields alone do not say
   */
  public record Fact(Class<?> type, String count, String note) {}

  public static final List<Fact> ALL =
      List.of(
          new Fact(
              DeploymentPlan.class,
              "one",
              "the plan, every default filled in ([plan.md](plan.md))"),
          new Fact(DeploymentPlan.Model.class, "one", "`licence` is a catalogue id or `other`"),
          new Fact(
              DeploymentPlan.Quantization.class, "one", "weight-format and KV-cache dtype ids"),
          new Fact(DeploymentPlan.Engine.class, "one", ""),
          new Fact(DeploymentPlan.Hardware.class, "one", ""),
          new Fact(DeploymentPlan.Parallelism.class, "one", ""),
          new Fact(DeploymentPlan.Workload.class, "one", ""),
          new Fact(DeploymentPlan.Usage.class, "one", ""),
          new Fact(DeploymentPlan.Slo.class, "one or none", "absent when the plan has no SLO"),
          new Fact(DeploymentPlan.Observed.class, "one or none", "production measurements"),
          new Fact(DeploymentPlan.Monitoring.class, "one or none", "the alert thresholds set"),
          new Fact(ModelSpec.class, "one", "the catalogued model (or the plan's own architecture)"),
          new Fact(Architecture.class, "one", "config.json numbers"),
          new Fact(GpuSpec.class, "one", ""),
          new Fact(WeightFormat.class, "one", ""),
          new Fact(KvCacheDtype.class, "one", ""),
          new Fact(EngineSpec.class, "one", ""),
          new Fact(
              EngineSpec.Release.class,
              "one",
              "the release entry governing the plan's engine version; null where not catalogued"),
          new Fact(Sizing.class, "one", "memory per GPU of the heaviest stage"),
          new Fact(Performance.class, "one", "roofline bounds"),
          new Fact(Waiver.class, "one per waiver", "none without waivers"),
          new Fact(EvaluationTime.class, "one", "when the evaluation happens, for waivers' expiry"),
          new Fact(PlanIdentity.class, "one", "`hash` is null in a candidate's verification"),
          new Fact(
              Component.class,
              "one per model in the lineage",
              "the served model, each `mergedFrom`, each catalogued base model"),
          new Fact(Licence.class, "one per licence in the lineage", ""),
          new Fact(ConfiguredAlert.class, "one per alert the plan sets", ""),
          new Fact(
              KvCacheWhatIf.class,
              "one",
              "the plan's sizing with an FP8 KV cache (the plan's own when that is not possible)"),
          new Fact(
              StrategyProfile.class,
              "one per strategy, only with `observed`",
              "the plan re-sized under each strategy of `catalogues/strategies.yaml`"),
          new Fact(
              SearchRequest.class,
              "one or none",
              "present for the plan evaluated, absent in the sessions that verify candidates"));

  /** The types of {@link #ALL}. */
  public static Set<Class<?>> types() {
    return ALL.stream().map(Fact::type).collect(Collectors.toSet());
  }

  /** How to regenerate the table in {@code docs/authoring.md}. */
  public static final String REGENERATE =
      "./mvnw -q test -Dtest=RuleFactsDocTest -Dadvisor.update-facts-doc=true";

  /**
   * The Markdown table of {@link #ALL}: type, how many, fields, methods without arguments, note.
   */
  public static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("<!-- generated from dev.llmadvisor.evaluation.RuleFacts: ")
        .append(REGENERATE)
        .append(" -->\n\n");
    md.append("| fact | how many | fields | methods | note |\n");
    md.append("| --- | --- | --- | --- | --- |\n");
    for (Fact f : ALL) {
      md.append("| `")
          .append(name(f.type()))
          .append("` | ")
          .append(f.count())
          .append(" | ")
          .append(codes(fields(f.type())))
          .append(" | ")
          .append(codes(methods(f.type())))
          .append(" | ")
          .append(f.note())
          .append(" |\n");
    }
    return md.toString();
  }

  /** {@code dev.llmadvisor.plan.DeploymentPlan.Model}: the name a rule imports. */
  private static String name(Class<?> type) {
    return type.getName().replace('$', '.');
  }

  private static List<String> fields(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    return components == null
        ? List.of()
        : Arrays.stream(components).map(RecordComponent::getName).toList();
  }

  /** Public methods without arguments the type declares besides its fields' accessors. */
  private static List<String> methods(Class<?> type) {
    Set<String> fields = Set.copyOf(fields(type));
    return Arrays.stream(type.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
        .filter(m -> m.getParameterCount() == 0 && m.getReturnType() != void.class)
        .map(Method::getName)
        .filter(n -> !fields.contains(n) && !Set.of("toString", "hashCode").contains(n))
        .distinct()
        .sorted(Comparator.naturalOrder())
        .map(n -> n + "()")
        .toList();
  }

  private static String codes(List<String> names) {
    return names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
  }
}
