package dev.llmadvisor.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Messages are written without {@link java.util.Formatter} on the hot path (issue 13); every report
 * must read exactly as before, so each conversion is checked against {@code
 * String.format(Locale.ROOT, …)}: worked values first, then ties and a seeded random sweep.
 */
class UnitsTest {
  @Test
  void workedValues() {
    // 16,063,135,744 B / 2^30 = 14.9599... GiB
    assertThat(Units.gib(16_063_135_744L)).isEqualTo("14.96 GiB");
    // 131,072 B / 1024 = 128 KiB exactly; 1,536.5 B / 1024 = 1.5005 → 1.5 KiB
    assertThat(Units.kib(131_072)).isEqualTo("128 KiB");
    assertThat(Units.kib(1_536.5)).isEqualTo("1.5 KiB");
    assertThat(Units.count(449_728)).isEqualTo("449,728");
    assertThat(Units.count(-1_234_567)).isEqualTo("-1,234,567");
    assertThat(Units.pct(0.173)).isEqualTo("17.3 %");
    assertThat(Units.num(0.9)).isEqualTo("0.9");
    assertThat(Units.num(2.0)).isEqualTo("2");
    assertThat(Units.num(1.005)).isEqualTo(trimmed(String.format(Locale.ROOT, "%.2f", 1.005)));
    assertThat(Units.fmt("%d of %d layers, %s, %.1f %% (%,d)%n", 40, 80, "fp8", 12.25, 1234567L))
        .isEqualTo(
            String.format(
                Locale.ROOT,
                "%d of %d layers, %s, %.1f %% (%,d)%n",
                40,
                80,
                "fp8",
                12.25,
                1234567L));
  }

  @Test
  void tiesSignsAndEdgesReadAsFormatterWritesThem() {
    double[] values = {
      0,
      -0.0,
      0.5,
      1.5,
      2.5,
      0.125,
      0.375,
      1.005,
      2.675,
      1.115,
      -0.001,
      -1.5,
      0.045,
      1e-9,
      999.995,
      123456789.125,
      1e12,
      4.35,
      0.285,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      5e-5
    };
    for (double v : values) {
      for (int decimals = 0; decimals <= 3; decimals++) {
        String f = "%." + decimals + "f";
        assertThat(Units.fmt(f, v))
            .as("%s of %s", f, v)
            .isEqualTo(String.format(Locale.ROOT, f, v));
      }
    }
  }

  @Test
  void aSeededSweepMatchesFormatter() {
    Random random = new Random(13);
    for (int i = 0; i < 50_000; i++) {
      double v =
          switch (i % 4) {
            case 0 -> random.nextDouble() * 100;
            case 1 -> Math.round(random.nextDouble() * 1e6) / 1000.0; // ties at three decimals
            case 2 -> random.nextLong() / 1e6;
            default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(14) - 4);
          };
      long n = random.nextLong() >> random.nextInt(63);
      String format = "%.2f GiB, %.1f, %.0f, %d, %,d, %s";
      assertThat(Units.fmt(format, v, v, v, n, n, v))
          .isEqualTo(String.format(Locale.ROOT, format, v, v, v, n, n, v));
      assertThat(Units.num(v)).isEqualTo(trimmed(String.format(Locale.ROOT, "%.2f", v)));
    }
  }

  @Test
  void formatsItDoesNotWriteAreLeftToFormatter() {
    assertThat(Units.fmt("%-7s|%5d|%.3g|%x", "a", 42, 1234.5, 255))
        .isEqualTo(String.format(Locale.ROOT, "%-7s|%5d|%.3g|%x", "a", 42, 1234.5, 255));
    // Formatter's own refusal, unchanged: %d of a double.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Units.fmt("%d", 1.5))
        .isInstanceOf(java.util.IllegalFormatConversionException.class);
  }

  private static String trimmed(String s) {
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }
}
