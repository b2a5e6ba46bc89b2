package dev.llmadvisor.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The pages, type-checked at build time: src/main/resources/templates/NAME.html. */
@CheckedTemplate
public class Templates {
  private Templates() {}

  /** {@code GET /} and {@code GET /reviews}. */
  public static native TemplateInstance reviews(ReviewList list);

  /** {@code GET /reviews/new}, and the form again with its errors. */
  public static native TemplateInstance newReview(NewReviewForm form);

  /** {@code GET /reviews/{decisionId}}. */
  public static native TemplateInstance review(ReviewView page);

  /** A page for what went wrong: no such decision, no credentials, no role, a cross-site post. */
  public static native TemplateInstance error(ErrorView error);
}
