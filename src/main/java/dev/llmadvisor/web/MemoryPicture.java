package dev.llmadvisor.web;

import dev.llmadvisor.sizing.Sizing;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The memory picture of one replica (docs/governance.md, "The reviewer's page"): for each GPU a
 * stacked bar of weights, activation peak, engine overhead, KV cache and unused memory against the
 * driver-reported total, with the engine's budget line and the KV cache one sequence of {@code
 * maxModelLen} needs. Only geometry is computed here, from the report's own sizing figures; the
 * template draws it as inline SVG and as a table.
 *
 * <p>The bar's scale is the larger of the GPU's total and what the plan puts on it, so a plan whose
 * weights do not fit shows its overflow past the total line.
 *
 * @param gpus one row per GPU of one replica ({@code sizing.gpusPerReplica}); every row shows the
 *     figures of the heaviest pipeline stage, which are the ones the sizing reports
 * @param segments the five parts of one GPU's bar, left to right
 * @param scaleBytes the bytes the bar's full width stands for
 * @param totalX where the total ends, in SVG user units
 * @param budgetX where the engine's budget ends
 * @param oneSequenceX where the KV cache of one sequence would end, starting at the KV segment
 */
@TemplateData
public record MemoryPicture(
    String caption,
    long totalBytes,
    boolean totalIsEstimate,
    long budgetBytes,
    long oneSequenceKvBytes,
    int maxModelLen,
    List<Segment> segments,
    List<Row> gpus,
    long scaleBytes,
    double totalX,
    double budgetX,
    double oneSequenceX,
    double oneSequenceWidth,
    boolean overflows,
    int height) {

  /** Left edge of the bars, after the "GPU n" label. */
  public static final double X0 = 64;

  /** Width of the bar that stands for {@link #scaleBytes}. */
  public static final double BAR_WIDTH = 560;

  /** SVG width: label, bar and a little room for the line labels. */
  public static final int WIDTH = 640;

  static final int ROW_HEIGHT = 26;
  static final int ROW_GAP = 10;
  static final int TOP = 18;
  static final int AXIS = 22;

  /** One part of the bar. */
  @TemplateData
  public record Segment(String key, String label, long bytes, double x, double width) {
    public String gib() {
      return MemoryPicture.gib(bytes);
    }

    public String grouped() {
      return MemoryPicture.bytes(bytes);
    }

    public String xs() {
      return num(x);
    }

    public String widths() {
      return num(width);
    }
  }

  /** One GPU's row. */
  @TemplateData
  public record Row(int gpu, int y, int textY, int markY) {}

  /** The picture of a report's (or a recommendation's) sizing. */
  public static MemoryPicture of(String caption, Sizing s) {
    long weights = Math.max(0, s.weightsBytesPerGpu());
    long activation = Math.max(0, s.activationBytesPerGpu());
    long overhead = Math.max(0, s.overheadBytesPerGpu());
    long kv = Math.max(0, s.kvCacheBytesPerGpu());
    long used = weights + activation + overhead + kv;
    long total = s.totalMemoryBytesPerGpu();
    long unused = Math.max(0, total - used);
    long scale = Math.max(total, used);
    // Each edge from the bytes up to it, so that adjacent parts meet and the KV cache of a vLLM
    // plan ends exactly on the budget line (weights + activation + overhead + KV = budget).
    long[] bytes = {weights, activation, overhead, kv, unused};
    String[][] names = {
      {"weights", "Weights"},
      {"activation", "Activation peak"},
      {"overhead", "Engine overhead"},
      {"kv", "KV cache"},
      {"unused", "Unused"}
    };
    List<Segment> segments = new ArrayList<>();
    long before = 0;
    for (int i = 0; i < bytes.length; i++) {
      double start = px(before, scale);
      double end = px(before + bytes[i], scale);
      segments.add(new Segment(names[i][0], names[i][1], bytes[i], X0 + start, round(end - start)));
      before += bytes[i];
    }
    long oneSequence = s.kvBytesPerTokenPerGpu() * (long) s.maxModelLen();
    double kvX = segments.get(3).x();
    int gpus = Math.max(1, s.gpusPerReplica());
    List<Row> rows =
        IntStream.range(0, gpus)
            .mapToObj(
                i -> {
                  int y = TOP + i * (ROW_HEIGHT + ROW_GAP);
                  return new Row(i, y, y + 17, y + ROW_HEIGHT + 1);
                })
            .toList();
    return new MemoryPicture(
        caption,
        total,
        s.memoryIsEstimate(),
        s.usableBytesPerGpu(),
        oneSequence,
        s.maxModelLen(),
        List.copyOf(segments),
        rows,
        scale,
        round(X0 + px(total, scale)),
        round(X0 + px(s.usableBytesPerGpu(), scale)),
        round(kvX + px(oneSequence, scale)),
        px(oneSequence, scale),
        used > total,
        TOP + gpus * (ROW_HEIGHT + ROW_GAP) + AXIS);
  }

  /** The segment with this key. */
  public Segment segment(String key) {
    return segments.stream().filter(g -> g.key().equals(key)).findFirst().orElseThrow();
  }

  /** Whether the KV cache holds one sequence of {@code maxModelLen}. */
  public boolean holdsOneSequence() {
    return segment("kv").bytes() >= oneSequenceKvBytes;
  }

  public String totalGib() {
    return gib(totalBytes);
  }

  public String budgetGib() {
    return gib(budgetBytes);
  }

  public String oneSequenceGib() {
    return gib(oneSequenceKvBytes);
  }

  public String totalGrouped() {
    return bytes(totalBytes);
  }

  public String budgetGrouped() {
    return bytes(budgetBytes);
  }

  public String oneSequenceGrouped() {
    return bytes(oneSequenceKvBytes);
  }

  public String totalXs() {
    return num(totalX);
  }

  public String budgetXs() {
    return num(budgetX);
  }

  public String oneSequenceXs() {
    return num(segment("kv").x() + oneSequenceWidth);
  }

  public String oneSequenceWidths() {
    return num(oneSequenceWidth);
  }

  public String kvXs() {
    return num(segment("kv").x());
  }

  public int axisY() {
    return height - 6;
  }

  public int lineBottom() {
    return height - AXIS + 2;
  }

  public String x0s() {
    return num(X0);
  }

  /** Share of the total, in per cent, one decimal. */
  public String share(Segment g) {
    return totalBytes == 0
        ? "–"
        : String.format(Locale.ROOT, "%.1f %%", 100.0 * g.bytes() / totalBytes);
  }

  static double px(long bytes, long scale) {
    return scale <= 0 ? 0 : round(BAR_WIDTH * bytes / (double) scale);
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Bytes in GiB with two decimals, as the report's messages write them. */
  public static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
  }

  /** Bytes with thousands separators. */
  public static String bytes(long bytes) {
    return String.format(Locale.ROOT, "%,d", bytes);
  }
}
