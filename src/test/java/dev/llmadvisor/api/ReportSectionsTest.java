package dev.llmadvisor.api;

import static dev.llmadvisor.api.Api.postYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report's {@code licence} and {@code recommendation} sections as a reviewer reads them: which
 * ancestor of a merge blocks commercial use, and what the decision tree recommends with the
 * commands to run it.
 */
@QuarkusTest
class ReportSectionsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ALERTS =
      "monitoring: {alerts: {ttftP99Ms: 500, kvCacheWastePct: 8, oomErrorRatePct: 0.5}}\n";

  /** A merge of merges, declared llama3.1, with one CC BY-NC fine-tune two levels down. */
  static final String MERGE_OF_MERGES =
      """
      model:
        id: acme/Llama-3.1-Acme-Merge-8B
        architecture: {parameters: 8.03e+9, numHiddenLayers: 32, hiddenSize: 4096,
                       numAttentionHeads: 32, numKeyValueHeads: 8, headDim: 128,
                       intermediateSize: 14336, vocabSize: 128256, maxPositionEmbeddings: 131072,
                       tieWordEmbeddings: false}
        licence: llama3.1
        mergedFrom:
          - id: acme/Llama-3.1-Inner-Merge-8B
            licence: llama3.1
            mergedFrom:
              - {id: meta-llama/Llama-3.1-8B-Instruct}
              - {id: example-org/Llama-3.1-8B-RP-Finetune, licence: cc-by-nc-4.0}
          - {id: meta-llama/Llama-3.1-8B}
      hardware: {gpu: H100-SXM-80GB}
      engine: {maxModelLen: 8192}
      usage: {commercial: true}
      """
          + ALERTS;

  static final String LLAMA_70B_BF16_FOUR_A100 =
      """
      model: {id: meta-llama/Llama-3.1-70B-Instruct}
      hardware: {gpu: A100-SXM-80GB, gpusPerNode: 4}
      parallelism: {tensor: 4}
      engine: {maxModelLen: 8192}
      workload: {concurrentRequests: 16, promptTokens: 1500, outputTokens: 300}
      """
          + ALERTS;

  @Test
  void aMergeOfMergesNamesTheAncestorThatBlocksCommercialUse() {
    JsonPath report = postYaml(MERGE_OF_MERGES).statusCode(200).extract().jsonPath();

    assertThat(report.getString("verdict")).isEqualTo("REJECTED");
    assertThat(report.getString("licence.commercialUse")).isEqualTo("forbidden");
    assertThat(report.getList("licence.licences")).containsExactly("cc-by-nc-4.0", "llama3.1");
    List<Map<String, Object>> commercial =
        report.getList("licence.restrictions.findAll { it.kind == 'commercial-use' }");
    assertThat(commercial).hasSize(1);
    assertThat(commercial.get(0))
        .containsEntry("licence", "cc-by-nc-4.0")
        .containsEntry("imposedBy", "example-org/Llama-3.1-8B-RP-Finetune")
        .containsEntry("origin", "model.mergedFrom[0].mergedFrom[1]")
        .containsEntry(
            "chain",
            List.of(
                "example-org/Llama-3.1-8B-RP-Finetune",
                "acme/Llama-3.1-Inner-Merge-8B",
                "acme/Llama-3.1-Acme-Merge-8B"));
    assertThat(
            report.getString(
                "findings.find { it.ruleId == 'LICENCE-COMMERCIAL-USE-FORBIDDEN' }.message"))
        .contains(
            "cc-by-nc-4.0 forbids it",
            "example-org/Llama-3.1-8B-RP-Finetune (cc-by-nc-4.0) → acme/Llama-3.1-Inner-Merge-8B"
                + " → acme/Llama-3.1-Acme-Merge-8B");
    // The declared llama3.1 cannot lift it.
    assertThat(report.getList("findings.ruleId")).contains("LICENCE-DECLARED-LICENCE-OVERRIDDEN");
    // Every model of the lineage is listed, each with where it sits.
    assertThat(report.getList("licence.components.path"))
        .containsExactly(
            "model",
            "model.mergedFrom[0]",
            "model.mergedFrom[1]",
            "model.mergedFrom[0].mergedFrom[0]",
            "model.mergedFrom[0].mergedFrom[1]");
  }

  @Test
  void aCatalogueModelsBaseModelsBindItToo() {
    // DeepSeek-R1-Distill-Llama-70B is MIT, but its base is Llama 3.3
    // (huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Llama-70B): the "Llama"
    // name prefix and the 700 M user threshold still apply.
    postYaml(
            """
            model: {id: deepseek-ai/DeepSeek-R1-Distill-Llama-70B}
            quantization: {weights: fp8, kvCache: fp8}
            hardware: {gpu: H100-SXM-80GB, gpusPerNode: 2}
            parallelism: {tensor: 2}
            engine: {maxModelLen: 8192}
            usage: {monthlyActiveUsers: 800000000, publishedModelName: acme/R1-Distill-Acme-70B}
            """
                + ALERTS)
        .statusCode(200)
        .body("licence.licences", contains("llama3.3", "mit"))
        .body("licence.monthlyActiveUserLimit", equalTo(700000000))
        .body("licence.namePrefixes", contains("Llama"))
        .body(
            "findings.find { it.ruleId == 'LICENCE-USER-THRESHOLD-EXCEEDED' }.message",
            allOf(
                containsString(
                    "usage.monthlyActiveUsers is 800,000,000, over the 700,000,000 above which"
                        + " llama3.3 grants no rights without a separate licence"),
                // What the Llama 3.3 licence's §2 counts, so the reviewer can check the figure.
                containsString(
                    "by or for the licensee or its affiliates, in the calendar month before the"
                        + " Llama 3.3 release date (6 Dec 2024)"),
                containsString(
                    "through meta-llama/Llama-3.3-70B-Instruct (llama3.3) →"
                        + " deepseek-ai/DeepSeek-R1-Distill-Llama-70B")))
        .body("findings.ruleId", hasItem("LICENCE-NAME-PREFIX-MISSING"));
  }

  @Test
  void customTermsAreReadAndTheReviewerIsSentToThem() {
    // Hugging Face's "license: other" is not an unknown id (422): the plan is evaluated, and
    // rejected until the terms are known, as a model with no licence would be.
    JsonPath report =
        postYaml(
                """
                model:
                  id: mistralai/Mistral-7B-Instruct-v0.3
                  mergedFrom:
                    - id: example-org/Mistral-7B-Custom-Finetune
                      licence: other
                      licenceName: example-licence
                      licenceLink: https://example.org/LICENSE
                hardware: {gpu: L4-24GB}
                engine: {maxModelLen: 8192}
                """
                    + ALERTS)
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(report.getString("verdict")).isEqualTo("REJECTED");
    assertThat(report.getString("licence.commercialUse")).isEqualTo("unknown");
    assertThat(report.getString("findings.find { it.ruleId == 'LICENCE-CUSTOM-TERMS' }.message"))
        .contains(
            "example-org/Mistral-7B-Custom-Finetune declares licence: other, custom terms"
                + " 'example-licence' at https://example.org/LICENSE");
    assertThat(report.getList("findings.ruleId")).doesNotContain("LICENCE-UNKNOWN");
  }

  @Test
  void anA100PlanGetsSmoothQuantWithARunnableCommand() throws Exception {
    JsonPath report = postYaml(LLAMA_70B_BF16_FOUR_A100).statusCode(200).extract().jsonPath();

    assertThat(report.getString("recommendation.strategy")).isEqualTo("int8-smoothquant");
    assertThat(report.getString("recommendation.decidedBy"))
        .isEqualTo("STRATEGY-RECOMMEND-EIGHT-BIT");
    assertThat(report.getList("recommendation.changes.field"))
        .containsExactly("quantization.weights", "quantization.kvCache");
    assertThat(report.getList("recommendation.commands.command", String.class))
        .containsExactly(
            "python -c 'from llmcompressor import oneshot; from"
                + " llmcompressor.modifiers.smoothquant import SmoothQuantModifier; from"
                + " llmcompressor.modifiers.quantization import GPTQModifier;"
                + " oneshot(model=\"meta-llama/Llama-3.1-70B-Instruct\", dataset=\"open_platypus\","
                + " recipe=[SmoothQuantModifier(smoothing_strength=0.8),"
                + " GPTQModifier(targets=\"Linear\", scheme=\"W8A8\", ignore=[\"lm_head\"])],"
                + " output_dir=\"Llama-3.1-70B-Instruct-W8A8\", max_seq_length=2048,"
                + " num_calibration_samples=512)'",
            """
            vllm serve ./Llama-3.1-70B-Instruct-W8A8 \\
              --quantization compressed-tensors \\
              --kv-cache-dtype fp8 \\
              --max-model-len 8192 \\
              --tensor-parallel-size 4 \\
              --pipeline-parallel-size 1 \\
              --gpu-memory-utilization 0.9 \\
              --max-num-seqs 256"""
                .stripIndent());

    // INT8 W8A8 keeps embeddings, lm_head and norms in BF16
    // (NVIDIA/TensorRT-LLM:examples/quantization/quantize.py@059c97c). Llama 3.1 70B:
    //   linear 80 × (2 × 8,192² + 2 × 8,192 × 1,024 + 3 × 8,192 × 28,672) = 68,451,041,280 × 1 B
    //   embed + lm_head 2 × 128,256 × 8,192 = 2,101,346,304 × 2 B = 4,202,692,608 B
    //   norms (80 × 2 + 1) × 8,192 = 1,318,912 × 2 B = 2,637,824 B
    //   = 72,656,371,712 B over TP 4 ≈ 18,164,092,928 B per GPU (norms are replicated).
    long perGpu = report.getLong("recommendation.sizing.weightsBytesPerGpu");
    assertThat(perGpu).isBetween(18_164_092_928L, 18_164_092_928L + 3 * 2_637_824L / 4);

    // The recommended plan, posted as a plan, gets the same figures and follows the tree.
    JsonPath again =
        Api.postJson(JSON.writeValueAsString(report.getMap("recommendation.plan")))
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(again.getLong("sizing.weightsBytesPerGpu")).isEqualTo(perGpu);
    assertThat(again.getLong("sizing.kvCapacityTokens"))
        .isEqualTo(report.getLong("recommendation.sizing.kvCapacityTokens"));
    assertThat(again.getList("findings.ruleId")).contains("STRATEGY-PLAN-FOLLOWS-TREE");
  }

  @Test
  void aTensorRtLlmPlanGetsQuantizeBuildAndServeStepsWithItsOwnLimits() {
    postYaml(
            """
            model: {id: meta-llama/Llama-3.1-8B-Instruct}
            engine: {name: tensorrt-llm, maxModelLen: 8192, maxBatchSize: 64, maxInputLen: 6000}
            hardware: {gpu: H100-SXM-80GB}
            workload: {concurrentRequests: 32, promptTokens: 4000, outputTokens: 500}
            """
                + ALERTS)
        .statusCode(200)
        .body("recommendation.strategy", equalTo("fp8-w8a8"))
        .body("recommendation.plan.engine.name", equalTo("tensorrt-llm"))
        .body(
            "recommendation.commands.command",
            contains(
                "python examples/quantization/quantize.py --model_dir"
                    + " meta-llama/Llama-3.1-8B-Instruct \\\n"
                    + "  --dtype bfloat16 --qformat fp8 --kv_cache_dtype fp8 \\\n"
                    + "  --tp_size 1 --pp_size 1 --output_dir ./Llama-3.1-8B-Instruct-fp8-ckpt",
                "trtllm-build --checkpoint_dir ./Llama-3.1-8B-Instruct-fp8-ckpt --output_dir"
                    + " ./Llama-3.1-8B-Instruct-fp8-engine \\\n"
                    + "  --max_batch_size 64 --max_input_len 6000 --max_seq_len 8192 \\\n"
                    // FP8: several profiles, no GEMM plugin (NVIDIA's tuning guide)
                    + "  --multiple_profiles enable",
                "trtllm-serve ./Llama-3.1-8B-Instruct-fp8-engine --tokenizer"
                    + " meta-llama/Llama-3.1-8B-Instruct --backend tensorrt \\\n"
                    + "  --tp_size 1 --pp_size 1 --max_batch_size 64 --max_seq_len 8192 --host"
                    + " 0.0.0.0 --port 8000"));
  }

  @Test
  void aVoltaPlanHasNoRecommendation() {
    postYaml(
            """
            model: {id: meta-llama/Llama-3.1-8B-Instruct}
            quantization: {weights: fp16}
            hardware: {gpu: V100-SXM2-32GB}
            engine: {maxModelLen: 8192}
            """
                + ALERTS)
        .statusCode(200)
        .body("recommendation", equalTo(null))
        .body("findings.ruleId", hasItem("STRATEGY-NO-BRANCH-FOR-GPU"));
  }
}
