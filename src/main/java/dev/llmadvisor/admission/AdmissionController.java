package dev.llmadvisor.admission;

import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.governance.Admission;
import dev.llmadvisor.governance.Decision;
import dev.llmadvisor.governance.DecisionLog;
import dev.llmadvisor.governance.WaiverStore;
import dev.llmadvisor.importer.ImportException;
import dev.llmadvisor.importer.ImportResult;
import dev.llmadvisor.importer.KubernetesImporter;
import dev.llmadvisor.importer.NoModelServedException;
import dev.llmadvisor.importer.Overlay;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.report.Report;
import dev.llmadvisor.rules.Finding;
import dev.llmadvisor.rules.Severity;
import dev.llmadvisor.rules.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides one AdmissionReview (docs/admission.md): imports the workload as {@code advisor import
 * --from k8s} does, with the namespace's defaults and the workload's {@code llm-advisor/…}
 * annotations as its overlay, evaluates it under the stored waivers exactly as {@code POST
 * /api/v1/evaluations} does, answers from the verdict, and records the decision before answering.
 * The verdict is the rules'; this class only maps it onto the AdmissionReview's fields and applies
 * the configured fail-open / fail-closed and audit mode.
 */
@ApplicationScoped
public class AdmissionController {
  /** The workload kinds the webhook reviews: the importer's. */
  static final Set<String> KINDS = Set.of("Deployment", "StatefulSet", "LeaderWorkerSet");

  static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE");

  private final Advisor advisor;
  private final WaiverStore waivers;
  private final DecisionLog decisions;
  private final AdmissionConfig config;
  private final Map<String, Overlay> namespaceDefaults;
  private final List<Pattern> productionNamespaces;

  public AdmissionController(
      Advisor advisor, WaiverStore waivers, DecisionLog decisions, AdmissionConfig config) {
    this.advisor = advisor;
    this.waivers = waivers;
    this.decisions = decisions;
    this.config = config;
    this.namespaceDefaults = namespaceDefaults(config);
    this.productionNamespaces =
        config.productionNamespaces().stream().map(AdmissionController::glob).toList();
  }

  /** The namespace defaults, each read once at start; a wrong one stops the start, named. */
  static Map<String, Overlay> namespaceDefaults(AdmissionConfig config) {
    Map<String, Overlay> out = new LinkedHashMap<>();
    config
        .namespaces()
        .forEach(
            (ns, c) -> {
              List<String> settings = c.defaults().orElse(List.of());
              try {
                Overlay o = Overlay.settings(settings);
                if (o.fields().contains("name")) {
                  throw new IllegalStateException(
                      "advisor.admission.namespaces.\""
                          + ns
                          + "\".defaults: name is reserved (a workload's plan is named"
                          + " namespace/name)");
                }
                out.put(ns, o);
              } catch (ImportException e) {
                throw new IllegalStateException(
                    "advisor.admission.namespaces.\"" + ns + "\".defaults: " + e.getMessage(), e);
              }
            });
    return Map.copyOf(out);
  }

  /**
   * @param productionRoute the request came to {@code /api/v1/admission/production}: the webhook
   *     configuration sends namespaces labelled production there (a webhook sees a namespace's
   *     name, not its labels)
   */
  public Answer review(ReviewRequest r, boolean productionRoute) {
    Instant now = Instant.now();
    AdmissionConfig.Namespace nsConfig = config.namespaces().get(r.namespace());
    boolean enforce =
        nsConfig == null ? config.enforce() : nsConfig.enforce().orElse(config.enforce());
    String planName = r.namespace() + "/" + r.name();
    String label = r.kind() + " " + planName;
    DeploymentPlan named =
        new DeploymentPlan(
            planName, null, null, null, null, null, null, null, null, null, null, null);

    if (!OPERATIONS.contains(r.operation()) || !KINDS.contains(r.kind())) {
      String why =
          "not reviewed: the webhook reviews CREATE and UPDATE of "
              + String.join(", ", KINDS.stream().sorted().toList())
              + ", not "
              + r.operation()
              + " of "
              + r.kind();
      return record(r, null, named, why, Admission.NOT_APPLICABLE, true, enforce, why, List.of());
    }

    WorkloadAnnotations.Read annotations = WorkloadAnnotations.read(r.object());
    Overlay defaults = namespaceDefaults.getOrDefault(r.namespace(), Overlay.NONE);
    Overlay overlay = defaults.then(annotations.overlay()).then(nameOverlay(planName));
    KubernetesImporter importer = new KubernetesImporter(advisor.ruleset().catalogues());
    boolean production = production(r, nsConfig, overlay, productionRoute);

    ImportResult imported;
    try {
      imported =
          importer.fromDocuments(
              List.of(r.object()),
              annotations.container(),
              // with a wrong annotation: the plan without the annotations, to record what is known
              annotations.errors().isEmpty() ? overlay : defaults.then(nameOverlay(planName)));
    } catch (NoModelServedException e) {
      String why =
          label
              + " serves no model the advisor recognises (no container runs vLLM): admitted"
              + " untouched";
      String submitted =
          "# "
              + why
              + "\n"
              + e.errors().stream()
                  .map(f -> "# " + f.field() + ": " + f.message() + " " + valueOf(f))
                  .collect(Collectors.joining("\n"))
              + "\n";
      return record(
          r, null, named, submitted, Admission.NOT_A_MODEL, true, enforce, why, List.of());
    } catch (ImportException e) {
      return incomplete(r, named, label, e.errors(), null, production, enforce);
    }
    if (!annotations.errors().isEmpty()) {
      return incomplete(
          r, imported.plan(), label, annotations.errors(), imported, production, enforce);
    }
    if (!imported.complete()) {
      List<FieldError> missing =
          imported.missing().stream()
              .map(
                  m ->
                      FieldError.of(
                          m.field(),
                          "missing: "
                              + m.why()
                              + " (annotation "
                              + WorkloadAnnotations.PREFIX
                              + m.field()
                              + ")",
                          null))
              .toList();
      return incomplete(r, imported.plan(), label, missing, imported, production, enforce);
    }
    Report report;
    try {
      report = advisor.evaluate(imported.plan(), waivers.all(), now);
    } catch (InvalidPlanException e) {
      return incomplete(r, imported.plan(), label, e.errors(), imported, production, enforce);
    }
    return evaluated(r, label, imported, report, enforce);
  }

  private static Overlay nameOverlay(String planName) {
    return Overlay.set("name", planName);
  }

  private Answer evaluated(
      ReviewRequest r, String label, ImportResult imported, Report report, boolean enforce) {
    List<Finding> rejecting =
        report.findings().stream()
            .filter(Finding::active)
            .filter(f -> f.severity() == Severity.BLOCKER || f.severity() == Severity.ERROR)
            .toList();
    boolean rejected = report.verdict() == Verdict.REJECTED;
    List<String> warnings = new ArrayList<>();
    String message;
    if (rejected) {
      message = Messages.denial(label, report, rejecting);
      if (!enforce) {
        warnings.add(Messages.auditMode(rejecting, report.decisionId()));
      }
    } else {
      message = label + " is " + report.verdict() + " (decision " + report.decisionId() + ")";
    }
    warnings.addAll(Messages.findingWarnings(report.findings()));
    boolean allowed = !rejected || !enforce;
    return record(
        r,
        report,
        imported.plan(),
        imported.annotatedYaml(),
        Admission.EVALUATED,
        allowed,
        enforce,
        message,
        Messages.fit(warnings, report.decisionId()));
  }

  private Answer incomplete(
      ReviewRequest r,
      DeploymentPlan plan,
      String label,
      List<FieldError> errors,
      ImportResult imported,
      boolean production,
      boolean enforce) {
    AdmissionConfig.Namespace nsConfig = config.namespaces().get(r.namespace());
    AdmissionConfig.OnIncomplete policy =
        nsConfig == null
            ? config.onIncomplete()
            : nsConfig.onIncomplete().orElse(config.onIncomplete());
    boolean closed =
        switch (policy) {
          case FAIL_CLOSED -> true;
          case FAIL_OPEN -> false;
          case CLOSED_IN_PRODUCTION -> production;
        };
    String message = Messages.incomplete(label, errors, policy, production, closed);
    List<String> warnings = new ArrayList<>();
    if (!closed || !enforce) {
      warnings.add(
          (closed ? "audit mode, not enforced: would deny: " : "not evaluated, admitted: ")
              + Messages.errorList(errors));
    }
    String submitted =
        imported != null
            ? imported.annotatedYaml()
            : "# "
                + label
                + ": the plan could not be imported\n"
                + errors.stream()
                    .map(f -> "# " + f.field() + ": " + f.message())
                    .collect(Collectors.joining("\n"))
                + "\n";
    return record(
        r,
        null,
        plan,
        submitted,
        Admission.INCOMPLETE,
        !closed || !enforce,
        enforce,
        message,
        Messages.fit(warnings, null));
  }

  private Answer record(
      ReviewRequest r,
      Report report,
      DeploymentPlan plan,
      String submitted,
      String outcome,
      boolean allowed,
      boolean enforce,
      String message,
      List<String> warnings) {
    Admission a =
        new Admission(
            r.uid(),
            r.operation(),
            outcome,
            allowed,
            enforce,
            r.dryRun(),
            message,
            warnings,
            r.kind(),
            r.namespace(),
            r.name(),
            r.object() == null ? null : textOrNull(r.object().path("metadata").path("uid")));
    // Committed before the answer is sent: every answer has its record.
    Decision d =
        decisions.recordAdmission(
            report, plan, submitted, advisor.ruleset().version(), r.username(), a, Instant.now());
    return new Answer(
        r.uid(), allowed, allowed ? null : message, warnings, d.decisionId(), d.verdict(), outcome);
  }

  /**
   * Whether the workload is a production one, for {@code closed-in-production}: sent to the
   * production route, or its namespace said to be production ({@code namespaces."ns".production}),
   * or named like one ({@code production-namespaces}), or the workload declares {@code environment:
   * production} (annotation or namespace default; the advisor's own default is not a declaration).
   */
  private boolean production(
      ReviewRequest r, AdmissionConfig.Namespace nsConfig, Overlay overlay, boolean route) {
    if (route) {
      return true;
    }
    if (nsConfig != null && nsConfig.production().isPresent()) {
      return nsConfig.production().get();
    }
    if (productionNamespaces.stream().anyMatch(p -> p.matcher(r.namespace()).matches())) {
      return true;
    }
    DeploymentPlan declared = overlay.fragment();
    return declared != null && "production".equals(declared.environment());
  }

  /** A namespace glob: {@code *} any run of characters, everything else itself. */
  static Pattern glob(String glob) {
    return Pattern.compile(
        java.util.Arrays.stream(glob.trim().split("\\*", -1))
            .map(Pattern::quote)
            .collect(Collectors.joining(".*")));
  }

  private static String textOrNull(com.fasterxml.jackson.databind.JsonNode n) {
    return n.isTextual() ? n.asText() : null;
  }

  private static String valueOf(FieldError f) {
    return f.rejectedValue() == null ? "" : String.valueOf(f.rejectedValue());
  }

  /**
   * What the webhook answers, before it is written as an AdmissionReview.
   *
   * @param message {@code status.message} when denied, else null
   */
  public record Answer(
      String uid,
      boolean allowed,
      String message,
      List<String> warnings,
      String decisionId,
      String verdict,
      String outcome) {}
}
