package dev.llmadvisor.catalogue;

import java.util.regex.Pattern;

/**
 * Compares dotted version strings numerically ("0.10.0" &gt; "0.9.2"); suffixes like rc1 sort low.
 */
public final class Versions {
  private static final Pattern SEPARATORS = Pattern.compile("[.\\-+]");
  private static final Pattern PREFIXED = Pattern.compile("[bBvV]\\d.*");
  private static final Pattern VALID =
      Pattern.compile("[bBvV]?\\d+(\\.\\d+){0,3}([.\\-+]?[A-Za-z0-9]+)*");

  private Versions() {}

  public static int compare(String a, String b) {
    a = stripPrefix(a);
    b = stripPrefix(b);
    String[] x = SEPARATORS.split(a);
    String[] y = SEPARATORS.split(b);
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long p = i < x.length ? leadingNumber(x[i]) : 0;
      long q = i < y.length ? leadingNumber(y[i]) : 0;
      if (p != q) {
        return Long.compare(p, q);
      }
    }
    return 0;
  }

  /** llama.cpp builds are "b6000", tags are often "v0.19.0": the letter carries no order. */
  private static String stripPrefix(String v) {
    return PREFIXED.matcher(v).matches() ? v.substring(1) : v;
  }

  public static boolean isValid(String v) {
    return v != null && VALID.matcher(v).matches();
  }

  private static long leadingNumber(String part) {
    int end = 0;
    while (end < part.length() && Character.isDigit(part.charAt(end)) && end < 12) {
      end++;
    }
    return end == 0 ? 0 : Long.parseLong(part.substring(0, end));
  }
}
