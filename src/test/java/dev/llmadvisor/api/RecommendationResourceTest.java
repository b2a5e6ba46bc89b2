package dev.llmadvisor.api;

import static dev.llmadvisor.api.Api.postYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recommendation as a reviewer uses it: take {@code recommendation.plan}, post it back, and it
 * passes. Each plan here got, before the search verified candidates, a recommendation the advisor
 * itself rejected (or commands for a plan that did not fit).
 */
@QuarkusTest
class RecommendationResourceTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Qwen2.5-7B has 28 attention heads and 4 KV heads: TP 8 divides neither. */
  static final String QWEN_7B_TP8 =
      """
      model: {id: Qwen/Qwen2.5-7B-Instruct}
      engine: {maxModelLen: 8192}
      hardware: {gpu: H100-SXM-80GB, gpusPerNode: 8}
      parallelism: {tensor: 8}
      workload: {concurrentRequests: 32}
      monitoring: {alerts: {ttftP99Ms: 500, kvCacheWastePct: 8, oomErrorRatePct: 0.5}}
      """;

  /** Tensor parallelism of 16 over two 8-GPU nodes crosses the nodes' link. */
  static final String LLAMA_405B_TP16_TWO_NODES =
      """
      model: {id: meta-llama/Llama-3.1-405B-Instruct}
      quantization: {weights: fp8}
      engine: {maxModelLen: 8192}
      hardware: {gpu: H100-SXM-80GB, gpusPerNode: 8, nodes: 2, interconnect: infiniband}
      parallelism: {tensor: 16}
      workload: {concurrentRequests: 32}
      monitoring: {alerts: {ttftP99Ms: 500, kvCacheWastePct: 8, oomErrorRatePct: 0.5}}
      """;

  /** 70B in Q4_K_M (about 40 GiB) on one 24 GB RTX 4090: nothing of the tree fits either. */
  static final String LLAMA_70B_LLAMACPP_ONE_4090 =
      """
      model: {id: meta-llama/Llama-3.1-70B-Instruct}
      quantization: {weights: gguf-q4_k_m}
      engine: {name: llama.cpp, maxModelLen: 8192}
      hardware: {gpu: RTX-4090-24GB}
      environment: research
      usage: {commercial: false}
      """;

  @Test
  void theSeventyBillionFp8ExampleGetsARecommendationThatPassesWhenPostedBack() throws Exception {
    String example = Files.readString(Path.of("examples/llama-70b-fp8-one-h100.yaml"));
    JsonPath report = postYaml(example).statusCode(200).extract().jsonPath();
    assertThat(report.getBoolean("recommendation.passes")).isTrue();
    // The echoed plan names the catalogued model by id only (no architecture to make it "custom").
    assertThat(report.getMap("recommendation.plan.model")).doesNotContainKey("architecture");

    JsonPath again = postBack(report);
    assertThat(again.getString("verdict")).isNotEqualTo("REJECTED");
    assertThat(again.getList("findings.ruleId"))
        .doesNotContain("LICENCE-UNKNOWN", "SIZING-CONCURRENCY-AT-WORKLOAD")
        .contains("STRATEGY-PLAN-FOLLOWS-TREE");
    assertThat(again.getLong("sizing.kvCapacityTokens"))
        .isEqualTo(report.getLong("recommendation.sizing.kvCapacityTokens"));
  }

  @Test
  void aQwenPlanAtTensorEightIsRecommendedALayoutThatDividesItsHeads() throws Exception {
    JsonPath report = postYaml(QWEN_7B_TP8).statusCode(200).extract().jsonPath();
    assertThat(report.getList("findings.ruleId")).contains("PARALLELISM-TP-DIVIDES-HEADS");
    // The plan's own layout is tried first and stopped by the head rule; TP 1 (eight replicas of
    // one GPU) is the next layout and passes.
    assertThat(report.getList("recommendation.tried.stoppedBy").get(0))
        .isEqualTo(List.of("PARALLELISM-TP-DIVIDES-HEADS"));
    assertThat(report.getInt("recommendation.plan.parallelism.tensor")).isEqualTo(1);
    assertThat(report.getInt("recommendation.sizing.replicas")).isEqualTo(8);
    assertThat(postBack(report).getList("findings.ruleId"))
        .doesNotContain("PARALLELISM-TP-DIVIDES-HEADS");
  }

  @Test
  void aTwoNodePlanWithTensorSixteenIsRecommendedTensorParallelismInsideANode() throws Exception {
    JsonPath report = postYaml(LLAMA_405B_TP16_TWO_NODES).statusCode(200).extract().jsonPath();
    assertThat(report.getList("findings.ruleId")).contains("PARALLELISM-TP-ACROSS-NODES");
    assertThat(report.getInt("recommendation.plan.parallelism.tensor")).isEqualTo(8);
    assertThat(report.getList("recommendation.changes.field")).contains("parallelism.tensor");
    JsonPath again = postBack(report);
    assertThat(again.getList("findings.ruleId")).doesNotContain("PARALLELISM-TP-ACROSS-NODES");
    assertThat(again.getString("verdict")).isNotEqualTo("REJECTED");
  }

  @Test
  void whenNothingPassesOnThePlansGpusThereIsNoPlanAndNoCommand() {
    postYaml(LLAMA_70B_LLAMACPP_ONE_4090)
        .statusCode(200)
        .body("verdict", equalTo("REJECTED"))
        .body("recommendation.passes", equalTo(false))
        .body("recommendation.plan", nullValue())
        .body("recommendation.commands", empty())
        .body("recommendation.stoppedBy.fp8-w8a8", hasItem("SIZING-DOES-NOT-FIT"))
        .body("recommendation.stoppedBy.int4-awq", hasItem("SIZING-DOES-NOT-FIT"))
        .body("recommendation.tried.passes", everyItem(equalTo(false)))
        .body("recommendation.tried", not(empty()))
        .body("findings.ruleId", hasItem("STRATEGY-NOTHING-PASSES"));
  }

  private static JsonPath postBack(JsonPath report) throws Exception {
    return Api.postJson(JSON.writeValueAsString(report.getMap("recommendation.plan")))
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
