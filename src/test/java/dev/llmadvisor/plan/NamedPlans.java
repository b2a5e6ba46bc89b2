package dev.llmadvisor.plan;

import dev.llmadvisor.fixtures.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The plans several tests send, each written once: in an example or a rule fixture where one holds
 * it, else here. A test that needs its own name (stores are shared by the whole run) takes the plan
 * under that name.
 */
public final class NamedPlans {
  private NamedPlans() {}

  /** The guide's "70B in FP8 fits on one 80 GB H100", rejected: an 8k context cannot start. */
  public static final Path LLAMA_70B_FP8_ONE_H100 = Path.of("examples/llama-70b-fp8-one-h100.yaml");

  /**
   * The fixture whose plan is a Llama 2 fine-tune for 900 M monthly users:
   * LICENCE-USER-THRESHOLD-EXCEEDED (ERROR, waivable) alone rejects it.
   */
  public static final Path SUPPORT_BOT_FIXTURE =
      Path.of("rules/tests/verdict/waiver-user-threshold-waived.yaml");

  /** The support-bot plan's name in its fixture. */
  public static final String SUPPORT_BOT = "support-bot-eu";

  /** Llama 3.1 8B on one H100 at 8k context for 32 users, APPROVED (the name is replaced). */
  private static final String LLAMA_8B_H100 =
      """
      name: support-assistant
      model: {id: meta-llama/Llama-3.1-8B-Instruct}
      hardware: {gpu: H100-SXM-80GB}
      engine: {maxModelLen: 8192}
      workload: {concurrentRequests: 32, promptTokens: 1500, outputTokens: 300}
      monitoring: {alerts: {ttftP99Ms: 500, kvCacheWastePct: 8, oomErrorRatePct: 0.5}}
      """;

  private static final String LLAMA_8B_H100_JSON =
      """
      {"name": "support-assistant",
       "model": {"id": "meta-llama/Llama-3.1-8B-Instruct"},
       "hardware": {"gpu": "H100-SXM-80GB"},
       "engine": {"maxModelLen": 8192},
       "workload": {"concurrentRequests": 32, "promptTokens": 1500, "outputTokens": 300},
       "monitoring": {"alerts": {"ttftP99Ms": 500, "kvCacheWastePct": 8, "oomErrorRatePct": 0.5}}}
      """;

  /** The 8B-on-an-H100 plan as YAML, named {@code name}. */
  public static String llama8bH100(String name) {
    return LLAMA_8B_H100.replace("support-assistant", name);
  }

  /** The same plan as JSON, named {@code name}. */
  public static String llama8bH100Json(String name) {
    return LLAMA_8B_H100_JSON.replace("support-assistant", name);
  }

  /** The support-bot plan of {@link #SUPPORT_BOT_FIXTURE} as YAML, named {@code name}. */
  public static String supportBot(String name) {
    String yaml = Fixtures.planYaml(Fixtures.read(SUPPORT_BOT_FIXTURE));
    if (!yaml.contains("name: \"" + SUPPORT_BOT + "\"") && !yaml.contains("name: " + SUPPORT_BOT)) {
      throw new AssertionError(SUPPORT_BOT_FIXTURE + " no longer names its plan " + SUPPORT_BOT);
    }
    return yaml.replace(SUPPORT_BOT, name);
  }

  /**
   * The vLLM command: Llama 3.1 8B in online FP8 at a 16k context, the same plan as the
   * YAML {@code model: {id: meta-llama/Llama-3.1-8B-Instruct}, quantization: {weights: fp8},
   * engine: {name: vllm, maxModelLen: 16384}} on the H100 an overlay adds.
   */
  public static final List<String> VLLM_8B_FP8_COMMAND =
      List.of(
          "vllm",
          "serve",
          "meta-llama/Llama-3.1-8B-Instruct",
          "--quantization",
          "fp8",
          "--max-model-len",
          "16384");

  /** The text of an example or fixture file. */
  public static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
