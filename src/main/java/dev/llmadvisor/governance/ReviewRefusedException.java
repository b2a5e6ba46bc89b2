package dev.llmadvisor.governance;

import dev.llmadvisor.plan.FieldError;
import java.util.List;

/**
 * A well-formed review the decision does not admit: its own submitter reviewing it ({@link
 * Reason#SELF_REVIEW}, 403) or an approval of a rejected decision with unwaived BLOCKER or ERROR
 * findings ({@link Reason#UNWAIVED_FINDINGS}, 409).
 */
public class ReviewRefusedException extends RuntimeException {
  /** Why the review is refused. */
  public enum Reason {
    SELF_REVIEW,
    UNWAIVED_FINDINGS
  }

  private final Reason reason;
  private final List<FieldError> errors;

  public ReviewRefusedException(Reason reason, String message, List<FieldError> errors) {
    super(message);
    this.reason = reason;
    this.errors = errors;
  }

  public Reason reason() {
    return reason;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
