package dev.llmadvisor.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.report.Report;
import dev.llmadvisor.sizing.Sizing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The memory picture's geometry from real figures: the README's 70B FP8 plan on one H100 (vLLM at
 * its default 0.9 utilisation), and its recommended FP8-KV plan on TensorRT-LLM.
 */
class MemoryPictureTest {
  static Advisor advisor;
  static Report report;

  @BeforeAll
  static void evaluate() throws Exception {
    advisor = new Advisor(Path.of("rules"), Path.of("catalogues"));
    report =
        advisor.evaluate(
            Files.readString(Path.of("examples/llama-70b-fp8-one-h100.yaml")),
            PlanReader.Format.YAML);
  }

  @Test
  void the70bOnOneH100HasAKvCacheShorterThanOneSequenceEndingOnTheBudgetLine() {
    Sizing s = report.sizing();
    MemoryPicture m = MemoryPicture.of("The plan", s);

    // The report's figures per GPU, in bytes: the driver's 79.18 GiB total, vLLM's budget
    // 0.9 × total, and what the budget holds.
    long total = 85_018_877_624L; // 79.18 GiB × 2^30, rounded down
    long budget = 76_516_989_862L; // 0.9 × total = 71.26 GiB
    long weights = 72_656_371_712L; // 67.67 GiB
    long activation = 2_183_428_833L; // 2.03 GiB
    long overhead = 268_435_456L; // 0.25 GiB
    long kv = 1_408_753_861L; // 1.31 GiB = budget − weights − activation − overhead
    assertThat(m.totalBytes()).isEqualTo(total);
    assertThat(m.budgetBytes()).isEqualTo(budget);
    assertThat(budget - weights - activation - overhead).isEqualTo(kv);
    assertThat(m.segments())
        .extracting(MemoryPicture.Segment::bytes)
        .containsExactly(weights, activation, overhead, kv, total - budget); // unused 7.92 GiB

    // Nothing overflows: the scale is the total, 560 units for 85,018,877,624 bytes.
    assertThat(m.overflows()).isFalse();
    assertThat(m.scaleBytes()).isEqualTo(total);
    // Edges at 560 × (bytes up to here) ÷ total, one decimal, after the 64-unit label:
    //   weights     0        → 478.571 → 478.6
    //   activation  478.571  → 492.953 → 493.0
    //   overhead    492.953  → 494.721 → 494.7
    //   KV cache    494.721  → 504.000 → 504.0   (= 560 × 0.9: the budget)
    //   unused      504.000  → 560.000
    assertThat(m.segments())
        .extracting(MemoryPicture.Segment::x)
        .containsExactly(64.0, 542.6, 557.0, 558.7, 568.0);
    assertThat(m.segments())
        .extracting(MemoryPicture.Segment::width)
        .containsExactly(478.6, 14.4, 1.7, 9.3, 56.0);
    assertThat(m.budgetX()).isEqualTo(568.0); // 64 + 504.0: the KV cache ends on the line
    assertThat(m.totalX()).isEqualTo(624.0); // 64 + 560

    // One sequence of 8,192 tokens at 320 KiB per token (80 layers × 8 KV heads × 128 × 2 (K
    // and V) × 2 bytes) needs 2,684,354,560 bytes = 2.50 GiB: 560 × that ÷ total = 17.68 units,
    // against 9.3 for the 1.31 GiB the cache holds.
    assertThat(s.kvBytesPerTokenPerGpu()).isEqualTo(80L * 8 * 128 * 2 * 2);
    assertThat(m.oneSequenceKvBytes()).isEqualTo(8192L * 327_680);
    assertThat(m.oneSequenceWidth()).isEqualTo(17.7);
    assertThat(m.segment("kv").width()).isLessThan(m.oneSequenceWidth());
    assertThat(m.holdsOneSequence()).isFalse();

    // One row: the replica is one GPU.
    assertThat(m.gpus()).hasSize(1);
    assertThat(m.share(m.segment("weights"))).isEqualTo("85.5 %"); // 72.66 ÷ 85.02 GB
    assertThat(m.segment("kv").gib()).isEqualTo("1.31 GiB");
    assertThat(m.budgetGib()).isEqualTo("71.26 GiB");
  }

  @Test
  void theRecommendedPlanHoldsTheSequenceInAnFp8Cache() {
    Sizing r = report.recommendation().sizing();
    MemoryPicture m = MemoryPicture.of("The recommended plan", r);
    // TensorRT-LLM: the whole GPU is the budget; the FP8 KV cache halves the bytes per token
    // (163,840), so one sequence needs 8,192 × 163,840 = 1.25 GiB, and the cache holds 8.67 GiB.
    assertThat(m.budgetBytes()).isEqualTo(m.totalBytes());
    assertThat(m.oneSequenceKvBytes()).isEqualTo(8192L * 163_840);
    assertThat(m.segment("kv").bytes()).isEqualTo(9_304_878_809L);
    assertThat(m.segment("kv").gib()).isEqualTo("8.67 GiB");
    assertThat(m.holdsOneSequence()).isTrue();
    assertThat(m.segment("kv").width()).isGreaterThan(m.oneSequenceWidth());
    assertThat(m.budgetX()).isEqualTo(m.totalX());
    // The five parts fill the bar exactly: their widths add up to the 560 units of the total.
    double sum = m.segments().stream().mapToDouble(MemoryPicture.Segment::width).sum();
    assertThat(sum).isCloseTo(560.0, org.assertj.core.api.Assertions.within(0.25));
  }

  @Test
  void aPlanWhoseWeightsDoNotFitOverflowsPastTheTotal() {
    // Llama 3.1 70B in BF16 on one H100: 131.4 GiB of weights on a 79.18 GiB GPU.
    Report bf16 =
        advisor.evaluate(
            "name: bf16\nmodel: {id: meta-llama/Llama-3.1-70B-Instruct}\n"
                + "quantization: {weights: bf16}\nhardware: {gpu: H100-SXM-80GB}\n",
            PlanReader.Format.YAML);
    MemoryPicture m = MemoryPicture.of("The plan", bf16.sizing());
    assertThat(m.overflows()).isTrue();
    long used = m.segments().stream().mapToLong(MemoryPicture.Segment::bytes).sum();
    assertThat(m.scaleBytes()).isEqualTo(used); // the scale stretches to what the plan puts there
    assertThat(m.segment("unused").bytes()).isZero();
    assertThat(m.segment("kv").bytes()).isZero(); // no room left: drawn empty, never negative
    assertThat(m.totalX()).isLessThan(MemoryPicture.X0 + MemoryPicture.BAR_WIDTH);
  }

  @Test
  void everyGpuOfOneReplicaHasItsRow() throws Exception {
    // Qwen 72B AWQ at TP 2 on two L40S: one replica of two GPUs, two rows 36 units apart.
    Report tp2 =
        advisor.evaluate(
            Files.readString(Path.of("examples/qwen-72b-awq-two-l40s.yaml")),
            PlanReader.Format.YAML);
    assertThat(tp2.sizing().gpusPerReplica()).isEqualTo(2);
    MemoryPicture m = MemoryPicture.of("The plan", tp2.sizing());
    assertThat(m.gpus()).extracting(MemoryPicture.Row::y).isEqualTo(List.of(18, 54));
    assertThat(m.height()).isEqualTo(18 + 2 * 36 + 22);
  }
}
