package dev.llmadvisor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.api.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quantization-quality findings quote the plan: the format, its bits, the task, the GPU's own
 * 8-bit choice, and the catalogue's quality figure. Which rules fire is tested by the fixtures.
 */
@QuarkusTest
class QualityMessagesTest {

  static String message(String plan, String ruleId) {
    List<Map<String, Object>> findings =
        Api.postYaml(plan).statusCode(200).extract().jsonPath().getList("findings");
    return findings.stream()
        .filter(f -> ruleId.equals(f.get("ruleId")))
        .map(f -> (String) f.get("message"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(ruleId + " not raised"));
  }

  @Test
  void aFourBitCodePlanNamesTheTaskAndTheGpusEightBitChoice() {
    String plan =
        """
        model: {id: meta-llama/Llama-3.1-8B-Instruct}
        quantization: {weights: awq-int4}
        hardware: {gpu: H100-SXM-80GB}
        workload: {task: code}
        """;
    assertThat(message(plan, "QUANTIZATION-LOW-BIT-CODE-MATHS"))
        .contains("awq-int4 at 4.16 bits per weight stores 4-bit weights for a code workload")
        .contains("On H100-SXM-80GB with vLLM, the 8-bit choice is fp8 (FP8 W8A8)");
  }

  @Test
  void withoutFp8TensorCoresTheEightBitChoiceIsInt8SmoothQuant() {
    String plan =
        """
        model: {id: meta-llama/Llama-3.1-8B-Instruct}
        quantization: {weights: gptq-int4}
        hardware: {gpu: A100-SXM-80GB}
        workload: {criticality: critical}
        """;
    assertThat(message(plan, "QUANTIZATION-LOW-BIT-CRITICAL-WORKLOAD"))
        .contains("workload marked critical")
        .contains("the 8-bit choice is int8-w8a8 (INT8 SmoothQuant W8A8)");
  }

  @Test
  void anEngineWithoutThatEightBitFormatIsToldToGoTo16Bit() {
    String plan =
        """
        model: {id: meta-llama/Llama-3.1-8B-Instruct}
        quantization: {weights: bnb-nf4}
        engine: {name: tgi}
        hardware: {gpu: A100-SXM-80GB}
        workload: {task: maths}
        """;
    assertThat(message(plan, "QUANTIZATION-LOW-BIT-CODE-MATHS"))
        .contains("for a maths workload")
        .contains("does not load int8-w8a8, this GPU's 8-bit choice, so the step up is 16-bit");
  }

  @Test
  void ggufFindingsQuoteTheCataloguesPerplexityFigure() {
    String q3 =
        """
        model: {id: meta-llama/Llama-3.1-8B-Instruct}
        quantization: {weights: gguf-q3_k_s}
        engine: {name: llama.cpp}
        hardware: {gpu: RTX-4090-24GB}
        """;
    assertThat(message(q3, "QUANTIZATION-3-BIT-OR-FEWER"))
        .contains("gguf-q3_k_s at 3.64 bits per weight quantizes its weights to 3 bits")
        .contains("Perplexity +1.6321 on Llama-3-8B");
    String q4 = q3.replace("gguf-q3_k_s", "gguf-q4_k_m");
    assertThat(message(q4, "QUANTIZATION-GGUF-QUALITY-NOTE"))
        .isEqualTo(
            "gguf-q4_k_m at 4.89 bits per weight. Perplexity +0.1754 on Llama-3-8B (llama.cpp's"
                + " quantize table).");
  }
}
