package dev.llmadvisor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.llmadvisor.importer.ImportException;
import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.waiver.InvalidWaiversException;
import java.util.List;

/** An error answer as RFC 9457 problem details, with the fields at fault. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors) {
  public static final String MEDIA_TYPE = "application/problem+json";
  static final String TYPE_BASE = "https://llm-deploy-advisor.dev/problems/";

  /**
   * A plan that cannot be read (400) or that holds impossible values or unknown ids (422), as the
   * API answers it and {@code advisor check --format json} prints it; {@code where} (the plan's
   * file, or null) opens the detail.
   */
  public static Problem of(InvalidPlanException e, String where) {
    return new Problem(
        TYPE_BASE + (e.unreadable() ? "unreadable-plan" : "invalid-plan"),
        e.unreadable() ? "Unreadable deployment plan" : "Invalid deployment plan",
        e.unreadable() ? 400 : 422,
        at(where, e.getMessage()),
        e.errors());
  }

  /** Waivers with a field at fault (422). */
  public static Problem of(InvalidWaiversException e, String where) {
    return new Problem(
        TYPE_BASE + "invalid-waiver", "Invalid waiver", 422, at(where, e.getMessage()), e.errors());
  }

  /** A source an importer could not turn into a plan (422), each field it misses or refuses. */
  public static Problem of(ImportException e) {
    return new Problem(
        TYPE_BASE + "invalid-import",
        "Import failed",
        422,
        e.source() + ": the plan cannot be imported",
        e.errors());
  }

  /**
   * Rules or catalogues that do not load (422, as the rules status after a failed reload): the
   * command line's exit 3 under {@code --format json}.
   */
  public static Problem invalidRuleset(String detail, List<FieldError> errors) {
    return new Problem(
        TYPE_BASE + "invalid-ruleset", "The rules or catalogues do not load", 422, detail, errors);
  }

  /** Input the command line cannot read at all: a missing file, a plan over the size limit. */
  public static Problem unreadableInput(String detail) {
    return new Problem(TYPE_BASE + "unreadable-input", "Unreadable input", 400, detail, null);
  }

  private static String at(String where, String detail) {
    return where == null ? detail : where + ": " + detail;
  }
}
