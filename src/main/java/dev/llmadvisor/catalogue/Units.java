package dev.llmadvisor.catalogue;

import java.util.Locale;

/** Byte units and the formatting used in messages, so every figure reads the same way. */
public final class Units {
  public static final double GIB = 1024.0 * 1024 * 1024;
  public static final double KIB = 1024.0;

  private Units() {}

  /** "14.96 GiB". */
  public static String gib(double bytes) {
    return String.format(Locale.ROOT, "%.2f GiB", bytes / GIB);
  }

  /** "128 KiB" (or with decimals when not whole). */
  public static String kib(double bytes) {
    double k = bytes / KIB;
    return k == Math.rint(k)
        ? String.format(Locale.ROOT, "%.0f KiB", k)
        : String.format(Locale.ROOT, "%.1f KiB", k);
  }

  /** "449,728". */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** "1 replica", "2 replicas": a count with its noun in the right number. */
  public static String count(long n, String singular) {
    return count(n, singular, singular + "s");
  }

  /**
   * "1 sequence of one batch", "3 sequences of one batch": the plural given when it is not an s.
   */
  public static String count(long n, String singular, String plural) {
    return count(n) + " " + (n == 1 ? singular : plural);
  }

  /** "17.3 %" for a ratio 0.173. */
  public static String pct(double ratio) {
    return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
  }

  /** {@link String#format} in the root locale, so messages read the same on every machine. */
  public static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  /**
   * A factor exactly as it was given or computed (0.895, 0.8, 0.1), for the inputs of a formula: a
   * rounded factor would not give the result the formula shows.
   */
  public static String factor(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** A number with at most two decimals, trailing zeros dropped. */
  public static String num(double v) {
    String s = String.format(Locale.ROOT, "%.2f", v);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }
}
