package dev.llmadvisor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.catalogue.CatalogueLoader;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.report.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recommendation property of {@link RecommendationPropertyTest}, over plans no one wrote: each
 * catalogued model on each catalogued GPU, with an engine, a weight format, a KV-cache dtype, a
 * layout (one or two nodes) and a workload drawn from a fixed seed. A sweep of 3,000 such plans
 * found three whose recommendation, posted back, was recommended something else, where the examples
 * and fixtures had found none; the case is kept as fixture {@code
 * engines/trtllm-default-input-len-recommended-rebuilt}. The suite draws a few hundred plans; a
 * longer search is {@code ./mvnw test -Dtest=GeneratedPlansPropertyTest -Dplans=20000 -Dseed=7}.
 */
class GeneratedPlansPropertyTest {
  /** Plans per run: every model and GPU is drawn several times (48 models, 23 GPUs). */
  static final int PLANS = Integer.getInteger("plans", 400);

  static final long SEED = Long.getLong("seed", 20261129L);

  static final List<String> ENGINES = List.of("vllm", "sglang", "tensorrt-llm", "llama.cpp", "tgi");
  static final List<String> WEIGHTS =
      List.of("bf16", "fp8", "int8-w8a8", "awq-int4", "gguf-q4_k_m", "nvfp4", "mxfp4");
  static final List<String> KV_CACHES = List.of("auto", "fp8", "bf16");
  static final List<String> TASKS = List.of("chat", "code", "rag");
  static final int[] TENSOR = {1, 2, 4, 8};
  static final int[] CONCURRENCY = {1, 16, 64, 256, 1024};
  static final int[] PROMPT_TOKENS = {200, 2_000, 30_000, 120_000};

  static Catalogues catalogues;

  @BeforeAll
  static void load() {
    RecommendationPropertyTest.load();
    catalogues = CatalogueLoader.load(Path.of("catalogues"));
  }

  @Test
  void theSamePlanReadFromYamlOrPostedAsJsonGetsTheSameReport() {
    Random random = new Random(SEED + 1);
    for (int i = 0; i < PLANS / 4; i++) {
      String yaml = plan(random);
      DeploymentPlan plan = PlanReader.read(yaml, PlanReader.Format.YAML);
      Report once = RecommendationPropertyTest.advisor.evaluate(plan);
      Report again =
          RecommendationPropertyTest.advisor.evaluate(RecommendationPropertyTest.repost(plan));
      assertThat(again.findings()).as(yaml).isEqualTo(once.findings());
      assertThat(again.verdict()).as(yaml).isEqualTo(once.verdict());
      assertThat(again.sizing()).as(yaml).isEqualTo(once.sizing());
      assertThat(again.performance()).as(yaml).isEqualTo(once.performance());
    }
  }

  @Test
  void everyRecommendedPlanPostedBackPassesAndIsItsOwnRecommendation() {
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < PLANS; i++) {
      String yaml = plan(random);
      DeploymentPlan plan = PlanReader.read(yaml, PlanReader.Format.YAML);
      try {
        RecommendationPropertyTest.postedBack(yaml, plan);
      } catch (AssertionError e) {
        failures.add(e.getMessage());
      }
    }
    assertThat(failures).as("plans whose recommendation contradicts itself").isEmpty();
  }

  /** One plan drawn from the catalogues and the lists above, as YAML a user would write. */
  static String plan(Random random) {
    int tensor = pick(random, TENSOR);
    int nodes = random.nextInt(4) == 0 ? 2 : 1;
    String kvCache = pick(random, KV_CACHES);
    return String.join(
        "\n",
        "name: generated",
        "environment: production",
        "model: {id: " + pick(random, catalogues.models().ids()) + "}",
        "quantization: {weights: "
            + pick(random, WEIGHTS)
            + (kvCache.equals("auto") ? "" : ", kvCache: " + kvCache)
            + "}",
        "engine: {name: " + pick(random, ENGINES) + "}",
        "hardware: {gpu: "
            + pick(random, catalogues.gpus().ids())
            + ", gpusPerNode: "
            + tensor
            + ", nodes: "
            + nodes
            + "}",
        // Two nodes are two pipeline stages: tensor parallelism stays inside a node.
        "parallelism: {tensor: " + tensor + ", pipeline: " + nodes + "}",
        "workload: {concurrentRequests: "
            + pick(random, CONCURRENCY)
            + ", promptTokens: "
            + pick(random, PROMPT_TOKENS)
            + ", outputTokens: 400, task: "
            + pick(random, TASKS)
            + "}",
        "slo: {ttftP99Ms: 1000}",
        "");
  }

  static String pick(Random random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  static int pick(Random random, int[] values) {
    return values[random.nextInt(values.length)];
  }
}
