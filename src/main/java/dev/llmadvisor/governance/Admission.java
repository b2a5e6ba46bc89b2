package dev.llmadvisor.governance;

import java.util.List;

/**
 * What a decision made at the cluster's door records beyond an evaluation (docs/admission.md): the
 * AdmissionReview, the workload and the answer. Null on decisions made through {@code POST
 * /api/v1/evaluations}.
 *
 * @param uid the AdmissionReview's {@code request.uid}, which the answer repeats
 * @param operation {@code CREATE} or {@code UPDATE}
 * @param outcome {@code evaluated}, {@code not-a-model} (no container serves a model the importer
 *     recognises), {@code incomplete} (the plan could not be built or evaluated) or {@code
 *     not-applicable} (an operation or kind the webhook does not review)
 * @param allowed the answer's {@code allowed}
 * @param enforced false in audit mode ({@code advisor.admission.enforce=false}): what would have
 *     been denied was allowed with a warning
 * @param dryRun the request's {@code dryRun}: the API server persists nothing
 * @param message the answer's {@code status.message} when denied, else why it was allowed
 * @param warnings the answer's {@code warnings}
 * @param kind the workload's kind ({@code Deployment}, {@code StatefulSet}, {@code
 *     LeaderWorkerSet})
 * @param namespace the workload's namespace
 * @param name the workload's name
 * @param workloadUid the workload's {@code metadata.uid}: null on CREATE (the API server assigns it
 *     after admission), the object's uid on UPDATE
 */
public record Admission(
    String uid,
    String operation,
    String outcome,
    boolean allowed,
    boolean enforced,
    boolean dryRun,
    String message,
    List<String> warnings,
    String kind,
    String namespace,
    String name,
    String workloadUid) {
  public static final String EVALUATED = "evaluated";
  public static final String NOT_A_MODEL = "not-a-model";
  public static final String INCOMPLETE = "incomplete";
  public static final String NOT_APPLICABLE = "not-applicable";

  /** The verdict column of a decision that was not evaluated (no report, no findings). */
  public static final String NOT_EVALUATED = "NOT_EVALUATED";

  public Admission {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
