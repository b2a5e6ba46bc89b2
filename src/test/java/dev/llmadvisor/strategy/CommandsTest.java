package dev.llmadvisor.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.PlanReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The build step of a TensorRT-LLM plan: the plugins of the engines its speed is measured on. */
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
}
