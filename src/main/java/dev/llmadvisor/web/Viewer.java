package dev.llmadvisor.web;

import io.quarkus.qute.TemplateData;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is looking at a page: anonymous, or signed in (HTTP basic or an OIDC token) with or without
 * the reviewer's role.
 */
@TemplateData
public record Viewer(String name, boolean signedIn, boolean reviewer) {
  /** The role that reviews decisions and creates waivers (docs/governance.md, "Roles"). */
  public static final String REVIEWER_ROLE = "advisor-reviewer";

  static Viewer of(SecurityIdentity identity) {
    if (identity == null || identity.isAnonymous()) {
      return new Viewer(null, false, false);
    }
    return new Viewer(identity.getPrincipal().getName(), true, identity.hasRole(REVIEWER_ROLE));
  }
}
