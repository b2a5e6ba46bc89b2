package dev.llmadvisor.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.PlanReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The steps the advisor writes: the build step of a TensorRT-LLM plan (the plugins of the engines
 * its speed is measured on), and what a vLLM recipe starts from.
 */
class CommandsTest {
  static Advisor advisor;

  @BeforeAll
  static void load() {
    advisor = new Advisor(Path.of("rules"), Path.of("catalogues"));
  }

  static String build(String weights) {
    List<Commands.Step> steps =
        advisor
            .artefacts(
                PlanReader.read(
                    """
                    model: {id: meta-llama/Llama-3.1-8B-Instruct}
                    quantization: {weights: %s}
                    engine: {name: tensorrt-llm, maxModelLen: 8192, maxBatchSize: 64}
                    hardware: {gpu: H100-SXM-80GB}
                    """
                        .formatted(weights),
                    PlanReader.Format.YAML))
            .commands();
    assertThat(steps).hasSize(3);
    return steps.get(1).command();
  }

  @Test
  void anFp8EngineIsBuiltWithSeveralProfilesAndWithoutTheGemmPlugin() {
    // NVIDIA's tuning guide: several profiles "will only ever help performance" (its 70B decodes
    // at 19.6 ms a token with them, 31.3 without); the GEMM plugin is for 16-bit weights, "On
    // FP8, it's recommended to be disabled".
    assertThat(build("fp8"))
        .endsWith("--max_seq_len 8192 \\\n  --multiple_profiles enable")
        .doesNotContain("--gemm_plugin");
  }

  @Test
  void anInt4AwqEngineKeepsTheGemmPlugin() {
    assertThat(build("awq-int4"))
        .endsWith("--max_seq_len 8192 \\\n  --multiple_profiles enable --gemm_plugin auto");
  }

  static List<Commands.Step> vllm(String model, String weights) {
    return advisor
        .artefacts(
            PlanReader.read(
                """
                model: {id: %s}
                quantization: {weights: %s}
                engine: {name: vllm, maxModelLen: 8192}
                hardware: {gpu: A100-SXM-80GB, gpusPerNode: 8}
                parallelism: {tensor: 8}
                """
                    .formatted(model, weights),
                PlanReader.Format.YAML))
        .commands();
  }

  @Test
  void aCheckpointPublishedInFp8IsCopiedTo16BitsBeforeTheRecipeQuantizesIt() {
    // DeepSeek-V3's publisher gives FP8 weights only and a script for a BF16 copy (README §6);
    // llm-compressor's AWQ recipe quantizes 16-bit weights, so it runs on that copy.
    List<Commands.Step> steps = vllm("deepseek-ai/DeepSeek-V3", "awq-int4");
    assertThat(steps)
        .extracting(Commands.Step::purpose)
        .containsExactly(
            "Download the checkpoint as published (pip install huggingface_hub)",
            "Make the 16-bit copy the recipe quantizes, with the publisher's script",
            "Give the copy the checkpoint's tokenizer and code, and its config without"
                + " quantization_config",
            "Quantize the checkpoint with llm-compressor (pip install llmcompressor), once,"
                + " on a GPU machine",
            "Serve");
    assertThat(steps.get(1).command())
        .startsWith("ROOT=$PWD && git clone https://github.com/deepseek-ai/DeepSeek-V3")
        .contains("(cd ./DeepSeek-V3-code/inference && python -m venv .venv")
        .endsWith(
            "python fp8_cast_bf16.py --input-fp8-hf-path \"$ROOT/DeepSeek-V3\""
                + " --output-bf16-hf-path \"$ROOT/DeepSeek-V3-BF16\")");
    assertThat(steps.get(2).command())
        .contains("cp ./DeepSeek-V3/tokenizer.json ./DeepSeek-V3-BF16")
        .contains("c.pop(\"quantization_config\", None)");
    assertThat(steps.get(3).command()).contains("oneshot(model=\"./DeepSeek-V3-BF16\"");
    // A 16-bit checkpoint is quantized as it is.
    List<Commands.Step> llama = vllm("meta-llama/Llama-3.1-70B-Instruct", "awq-int4");
    assertThat(llama).hasSize(2);
    assertThat(llama.get(0).command())
        .contains("oneshot(model=\"meta-llama/Llama-3.1-70B-Instruct\"");
  }
}
