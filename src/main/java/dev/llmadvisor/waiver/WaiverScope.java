package dev.llmadvisor.waiver;

import java.util.regex.Pattern;

/**
 * Which plans a waiver covers: by name ({@code planName}, exact or a glob where {@code *} is any
 * run of characters and {@code ?} one character), or one exact plan ({@code planHash}, see {@link
 * dev.llmadvisor.plan.PlanHash}). Exactly one of the two is set.
 */
public record WaiverScope(String planName, String planHash) {

  public static WaiverScope ofName(String planName) {
    return new WaiverScope(planName, null);
  }

  public static WaiverScope ofHash(String planHash) {
    return new WaiverScope(null, planHash);
  }

  /** Whether the plan is in the scope; a plan without a hash (a candidate) never is by hash. */
  public boolean covers(PlanIdentity plan) {
    if (planHash != null) {
      return planHash.equals(plan.hash());
    }
    return plan.name() != null && glob(planName).matcher(plan.name()).matches();
  }

  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          re.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        re.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      re.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
