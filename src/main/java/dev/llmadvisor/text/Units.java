package dev.llmadvisor.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte units and the formatting used in messages, so every figure reads the same way.
 *
 * <p>Messages are built on every evaluation (sizing explanations, rule messages, each candidate of
 * the recommendation search), so the conversions messages use ({@code %s}, {@code %d}, {@code %,d},
 * {@code %.Nf}, {@code %%}, {@code %n}) are written here without {@link java.util.Formatter} and
 * its regular expressions, with the same output as {@code String.format(Locale.ROOT, …)}; anything
 * else is handed to {@code String.format}.
 */
public final class Units {
  public static final double GIB = 1024.0 * 1024 * 1024;
  public static final double KIB = 1024.0;

  private Units() {}

  /** "14.96 GiB". */
  public static String gib(double bytes) {
    return fixed(new StringBuilder(16), bytes / GIB, 2).append(" GiB").toString();
  }

  /** "128 KiB" (or with decimals when not whole). */
  public static String kib(double bytes) {
    double k = bytes / KIB;
    return fixed(new StringBuilder(16), k, k == Math.rint(k) ? 0 : 1).append(" KiB").toString();
  }

  /** "449,728". */
  public static String count(long n) {
    return grouped(new StringBuilder(16), n).toString();
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
    return fixed(new StringBuilder(16), ratio * 100, 1).append(" %").toString();
  }

  /** {@link String#format} in the root locale, so messages read the same on every machine. */
  public static String fmt(String format, Object... args) {
    Object[] spec = compiled(format);
    if (spec == null) {
      return String.format(Locale.ROOT, format, args);
    }
    StringBuilder b = new StringBuilder(format.length() + 16 * args.length);
    int next = 0;
    for (Object part : spec) {
      if (part instanceof String literal) {
        b.append(literal);
        continue;
      }
      int conversion = (Integer) part;
      if (next >= args.length) {
        return String.format(Locale.ROOT, format, args); // its MissingFormatArgumentException
      }
      Object arg = args[next++];
      if (!append(b, conversion, arg)) {
        return String.format(Locale.ROOT, format, args); // its exception, or its rendering
      }
    }
    return b.toString();
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
    StringBuilder b = fixed(new StringBuilder(16), v, 2);
    int dot = b.indexOf(".");
    if (dot >= 0) {
      int end = b.length();
      while (end > dot && b.charAt(end - 1) == '0') {
        end--;
      }
      if (end == dot + 1) {
        end = dot;
      }
      b.setLength(end);
    }
    return b.toString();
  }

  // ---- the conversions ----------------------------------------------------------------------

  /** Conversion codes in a compiled format: %s, %d, %,d and %.Nf as FIXED + N. */
  private static final int STRING = -1;

  private static final int DECIMAL = -2;
  private static final int GROUPED = -3;
  private static final int FIXED = 0;

  /** Compiled formats; {@link #UNSUPPORTED} for one with a conversion written here not. */
  private static final ConcurrentHashMap<String, Object[]> FORMATS = new ConcurrentHashMap<>();

  private static final Object[] UNSUPPORTED = new Object[0];

  /** Formats are literals in the code: a bound, should one ever be built at run time. */
  private static final int MAX_FORMATS = 4096;

  private static Object[] compiled(String format) {
    Object[] spec = FORMATS.get(format);
    if (spec == null) {
      spec = compile(format);
      if (FORMATS.size() < MAX_FORMATS) {
        FORMATS.putIfAbsent(format, spec);
      }
    }
    return spec == UNSUPPORTED ? null : spec;
  }

  /** Literal strings and conversion codes, in order; {@link #UNSUPPORTED} when not all known. */
  static Object[] compile(String format) {
    List<Object> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c != '%') {
        literal.append(c);
        i++;
        continue;
      }
      if (i + 1 >= format.length()) {
        return UNSUPPORTED;
      }
      char d = format.charAt(i + 1);
      Integer conversion = null;
      int length = 2;
      if (d == '%') {
        literal.append('%');
      } else if (d == 'n') {
        literal.append(System.lineSeparator());
      } else if (d == 's') {
        conversion = STRING;
      } else if (d == 'd') {
        conversion = DECIMAL;
      } else if (d == ',' && i + 2 < format.length() && format.charAt(i + 2) == 'd') {
        conversion = GROUPED;
        length = 3;
      } else if (d == '.'
          && i + 3 < format.length()
          && format.charAt(i + 2) >= '0'
          && format.charAt(i + 2) <= '9'
          && format.charAt(i + 3) == 'f') {
        conversion = FIXED + (format.charAt(i + 2) - '0');
        length = 4;
      } else {
        return UNSUPPORTED;
      }
      if (conversion != null) {
        if (literal.length() > 0) {
          parts.add(literal.toString());
          literal.setLength(0);
        }
        parts.add(conversion);
      }
      i += length;
    }
    if (literal.length() > 0) {
      parts.add(literal.toString());
    }
    return parts.toArray();
  }

  /** Appends one argument; false when Formatter would do something else with it. */
  private static boolean append(StringBuilder b, int conversion, Object arg) {
    if (conversion == STRING) {
      if (arg instanceof java.util.Formattable) {
        return false;
      }
      b.append(arg);
      return true;
    }
    if (arg == null) {
      b.append("null");
      return true;
    }
    if (conversion == DECIMAL || conversion == GROUPED) {
      if (!(arg instanceof Integer
          || arg instanceof Long
          || arg instanceof Short
          || arg instanceof Byte)) {
        return false;
      }
      long v = ((Number) arg).longValue();
      if (conversion == DECIMAL) {
        b.append(v);
      } else {
        grouped(b, v);
      }
      return true;
    }
    if (!(arg instanceof Double v)) {
      return false;
    }
    fixed(b, v, conversion - FIXED);
    return true;
  }

  /** {@code %,d} in the root locale: groups of three digits separated by commas. */
  private static StringBuilder grouped(StringBuilder b, long v) {
    if (v == Long.MIN_VALUE) {
      return b.append(String.format(Locale.ROOT, "%,d", v));
    }
    if (v < 0) {
      b.append('-');
      v = -v;
    }
    String digits = Long.toString(v);
    int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
    b.append(digits, 0, first);
    for (int i = first; i < digits.length(); i += 3) {
      b.append(',').append(digits, i, i + 3);
    }
    return b;
  }

  private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

  /**
   * {@code %.Nf} as Formatter writes it: the value's shortest decimal representation ({@link
   * Double#toString}) rounded half up to {@code decimals}, a minus sign for any negative value
   * (also when it rounds to zero). Computed directly when the value is below 10^9 units of the last
   * decimal and more than 10^-5 of a unit away from a rounding tie, where the shortest
   * representation and the double round alike; anything else is left to {@code String.format}.
   */
  static StringBuilder fixed(StringBuilder b, double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value) || decimals >= POWERS.length) {
      return b.append(String.format(Locale.ROOT, "%." + decimals + "f", value));
    }
    double v = Math.abs(value);
    long scale = POWERS[decimals];
    double scaled = v * scale;
    double fraction = scaled - Math.floor(scaled);
    if (scaled >= 1e9 || Math.abs(fraction - 0.5) <= 1e-5) {
      return b.append(String.format(Locale.ROOT, "%." + decimals + "f", value));
    }
    long units = Math.round(scaled);
    if (Double.compare(value, 0.0) < 0) {
      b.append('-');
    }
    b.append(units / scale);
    if (decimals > 0) {
      b.append('.');
      String frac = Long.toString(units % scale);
      for (int pad = decimals - frac.length(); pad > 0; pad--) {
        b.append('0');
      }
      b.append(frac);
    }
    return b;
  }
}
