package dev.llmadvisor.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.report.Report;
import dev.llmadvisor.rules.Finding;
import dev.llmadvisor.strategy.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The what-if search on the shipped rules and catalogues: the space's arithmetic, that pruning
 * drops only plans the rules reject, and that every plan of the front gets, from the evaluation
 * {@code POST /api/v1/evaluations} runs, the verdict the answer shows.
 */
class WhatIfSearchTest {
  static Advisor advisor;

  @BeforeAll
  static void load() {
    advisor = new Advisor(Path.of("rules"), Path.of("catalogues"));
  }

  static WhatIfRequest request(String yaml) {
    return PlanReader.read(yaml, PlanReader.Format.YAML, WhatIfRequest.class, "request", "x");
  }

  static WhatIfRequest file(String name) throws IOException {
    return request(Files.readString(Path.of("requests", name)));
  }

  static final String SMALL =
      """
      name: small
      model: {id: meta-llama/Llama-3.1-70B-Instruct}
      maxModelLen: 8192
      workload: {concurrentRequests: 8, promptTokens: 2000, outputTokens: 400}
      monitoring:
        alerts: {ttftP99Ms: 500, kvCacheWastePct: 8, oomErrorRatePct: 0.5}
      constraints:
        gpus: [H100-SXM-80GB]
        maxGpus: 2
      """;

  @Test
  void theSpaceOfOneGpuTypeOnUpToEightGpusInOneNode() throws IOException {
    WhatIfSpace space = WhatIfSpace.of(file("llama-70b-h100.yaml"), advisor.ruleset().catalogues());
    List<WhatIfSpace.Point> points = new ArrayList<>();
    space.forEach(points::add);
    // Layouts per GPUs in the node (TP a power of two inside the node, TP × PP dividing it):
    // 1 GPU: 1; 2: TP2, TP1×PP1, TP1×PP2 = 3; 4: TP4; TP2×PP1,2; TP1×PP1,2,4 = 6;
    // 8: TP8; TP4×PP1,2; TP2×PP1,2,4; TP1×PP1,2,4,8 = 10. 20 layouts.
    // Engine × format × KV: vLLM 4 formats, TensorRT-LLM 3, llama.cpp 2 = 9, × 2 KV dtypes = 18.
    assertThat(points).hasSize(20 * 18);
    assertThat(points)
        .filteredOn(p -> p.gpusPerNode() == 8 && p.tensor() == 1 && p.pipeline() == 2)
        .allMatch(p -> p.gpus() == 8)
        .hasSize(18);
  }

  @Test
  void minQualityDropsTheFormatsBelowIt() {
    WhatIfSpace space =
        WhatIfSpace.of(
            request(SMALL.replace("maxGpus: 2", "maxGpus: 2\n  minQuality: 8-bit")),
            advisor.ruleset().catalogues());
    List<WhatIfSpace.Point> points = new ArrayList<>();
    space.forEach(points::add);
    // 4 layouts (1 GPU: 1, 2 GPUs: 3) × (vLLM bf16, fp8, int8-w8a8; TRT fp8, int8-w8a8; GGUF
    // Q8_0 = 6 formats of 8 bits or more) × 2 KV dtypes.
    assertThat(points).hasSize(4 * 6 * 2);
    assertThat(points).noneMatch(p -> p.weights().weightBits() < 8);
  }

  @Test
  void aModelPublishedInMxfp4IsSearchedInItOnVllmAndItsFrontServesItAsPublished() {
    WhatIfRequest gptOss =
        request(
            SMALL
                .replace("meta-llama/Llama-3.1-70B-Instruct", "openai/gpt-oss-120b")
                .replace("maxGpus: 2", "maxGpus: 1"));
    WhatIfSpace space = WhatIfSpace.of(gptOss, advisor.ruleset().catalogues());
    List<WhatIfSpace.Point> points = new ArrayList<>();
    space.forEach(points::add);
    // One layout × (vLLM mxfp4 + the 4 searched, TRT 3, GGUF 2 = 10 formats) × 2 KV dtypes.
    assertThat(points).hasSize(10 * 2);
    assertThat(points)
        .filteredOn(p -> p.weights().id().equals("mxfp4"))
        .extracting(p -> p.engine().id())
        .containsOnly("vllm");
    // gpt-oss-120b in MXFP4 on one H100: its vLLM entry is served as published (no --quantization),
    // and no vLLM entry re-quantizes it.
    WhatIfResult result = advisor.recommend(gptOss);
    assertThat(result.front())
        .filteredOn(e -> e.engine().equals("vllm"))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.weights()).isEqualTo("mxfp4"))
        .allSatisfy(
            e ->
                assertThat(e.commands())
                    .extracting(Commands.Step::command)
                    .noneMatch(c -> c.contains("--quantization")));
    // A model published in BF16 is not offered MXFP4: no checkpoint of it exists.
    WhatIfSpace llama = WhatIfSpace.of(request(SMALL), advisor.ruleset().catalogues());
    List<WhatIfSpace.Point> llamaPoints = new ArrayList<>();
    llama.forEach(llamaPoints::add);
    assertThat(llamaPoints).noneMatch(p -> p.weights().id().equals("mxfp4"));
  }

  @Test
  void prunedCandidatesAreRejectedByTheRuleThatPrunedThem() throws IOException {
    WhatIfSpace space = WhatIfSpace.of(file("llama-70b-a100.yaml"), advisor.ruleset().catalogues());
    List<WhatIfSearch.Sized> all = WhatIfSearch.candidates(space, advisor.ruleset().catalogues());
    for (String rule : List.of(WhatIfSearch.DOES_NOT_FIT, WhatIfSearch.NO_SEQUENCE)) {
      List<WhatIfSearch.Sized> pruned =
          all.stream().filter(s -> rule.equals(s.prunedBy())).toList();
      assertThat(pruned).as(rule).isNotEmpty();
      // A sample spread over the pruned ones: every 3rd, at most 8.
      for (int i = 0; i < pruned.size() && i < 24; i += 3) {
        Report r = advisor.evaluate(pruned.get(i).plan());
        assertThat(r.verdict().name()).as(pruned.get(i).point().toString()).isEqualTo("REJECTED");
        assertThat(r.findings()).extracting(Finding::ruleId).contains(rule);
      }
    }
  }

  @Test
  void everyFrontEntryGetsTheVerdictOfAnEvaluationOfItsPlan() {
    WhatIfResult r = advisor.recommend(request(SMALL));
    assertThat(r.candidatesConsidered()).isEqualTo(4 * 18);
    assertThat(r.candidatesEvaluated() + r.candidatesPruned() + r.candidatesInvalid())
        .isEqualTo(r.candidatesConsidered());
    assertThat(r.front()).isNotEmpty();
    for (WhatIfResult.Entry e : r.front()) {
      Report report = advisor.evaluate(e.plan());
      assertThat(report.verdict().name()).isEqualTo(e.verdict()).isNotEqualTo("REJECTED");
      assertThat(report.sizing().replicas()).isEqualTo(e.replicas());
      assertThat(report.performance().ttftMs()).isEqualTo(e.ttftMs());
      assertThat(e.commands()).isNotEmpty();
    }
    // The front is a front: no entry is beaten on every axis by another.
    for (WhatIfResult.Entry a : r.front()) {
      for (WhatIfResult.Entry b : r.front()) {
        if (a != b) {
          boolean dominates =
              b.usdPerHour() <= a.usdPerHour()
                  && b.decodeTokensPerSecondAggregate() >= a.decodeTokensPerSecondAggregate()
                  && b.ttftMs() <= a.ttftMs()
                  && QualityClass.byLabel(b.qualityClass())
                          .compareTo(QualityClass.byLabel(a.qualityClass()))
                      >= 0;
          assertThat(dominates).as(b.rank() + " dominates " + a.rank()).isFalse();
        }
      }
    }
  }

  @Test
  void thePriceCatalogueGivesCostPerHourAndPerMillionTokens() {
    WhatIfResult r = advisor.recommend(request(SMALL));
    assertThat(r.costAxis()).isEqualTo("usdPerHour");
    WhatIfResult.Entry e = r.front().get(0);
    // H100 SXM at $3.78 per GPU hour (catalogues/prices.yaml).
    assertThat(e.usdPerHour()).isEqualTo(Math.round(3.78 * e.gpus() * 10000) / 10000.0);
    double perMillion = e.usdPerHour() / (e.decodeTokensPerSecondAggregate() * 3600) * 1e6;
    assertThat(e.usdPerMillionOutputTokens())
        .isCloseTo(perMillion, org.assertj.core.data.Offset.offset(0.0001));
  }

  @Test
  void constraintsAreCheckedFieldByField() {
    String bad =
        SMALL
            .replace("gpus: [H100-SXM-80GB]", "gpus: [H100-SXM-8OGB]")
            .replace("maxGpus: 2", "maxGpus: 0\n  engines: [sglang]\n  minQuality: great");
    assertThatThrownBy(() -> advisor.recommend(request(bad)))
        .isInstanceOfSatisfying(
            InvalidPlanException.class,
            e -> {
              assertThat(e.unreadable()).isFalse();
              assertThat(e.errors())
                  .extracting(FieldError::field)
                  .containsExactlyInAnyOrder(
                      "constraints.gpus[0]",
                      "constraints.maxGpus",
                      "constraints.engines[0]",
                      "constraints.minQuality");
              assertThat(e.errors().get(0).nearest()).contains("H100-SXM-80GB");
            });
  }
}
