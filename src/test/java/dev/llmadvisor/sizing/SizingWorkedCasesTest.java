package dev.llmadvisor.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.text.Units;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sizing model against vLLM's own startup logs. Each case in {@code
 * worked-cases/vllm-startup-logs.yaml} is a published log (source in the file) with the plan that
 * describes the same setup; the advisor's weights, KV-cache memory and KV-cache tokens must agree
 * with what vLLM printed within a few percent.
 */
class SizingWorkedCasesTest {
  /**
   * Weights are arithmetic on the config: they must agree within 1 %, or within a case's own {@code
   * weightsTolerance} where the log shows memory the checkpoint does not hold (the case's notes say
   * what).
   */
  static final double WEIGHTS_TOLERANCE = 0.01;

  /**
   * The KV pool is what is left after estimates of activations and overhead: within 4 %, or within
   * 0.25 GiB where the pool is so small that 4 % of it is less (Qwen2.5 72B on two H100s keeps 3
   * GiB).
   */
  static final double KV_TOLERANCE = 0.04;

  static final double KV_FLOOR_BYTES = 0.25 * Units.GIB;

  record LoggedCase(String id, JsonNode log) {
    @Override
    public String toString() {
      return id;
    }
  }

  static Stream<LoggedCase> cases() throws IOException {
    ObjectMapper yaml = new YAMLMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    JsonNode root =
        yaml.readTree(new File("src/test/resources/worked-cases/vllm-startup-logs.yaml"));
    List<LoggedCase> cases = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      if (!c.get("advisor").isNull()) {
        cases.add(new LoggedCase(c.get("id").asText(), c));
      }
    }
    return cases.stream();
  }

  /** The plan that describes the logged setup, with the log's own engine settings. */
  static DeploymentPlan planFor(JsonNode log) {
    JsonNode advisor = log.get("advisor");
    String version = log.get("vllmVersion").isNull() ? "0.6.4" : log.get("vllmVersion").asText();
    String kv = log.get("kvCacheDtype").isNull() ? "auto" : log.get("kvCacheDtype").asText();
    int tp = log.get("tensorParallel").asInt();
    int pp = log.get("pipelineParallel").asInt();
    return VllmPlans.plan(
        advisor.get("model").asText(),
        advisor.get("weights").asText(),
        kv,
        advisor.get("gpu").asText(),
        tp,
        pp,
        new DeploymentPlan.Engine(
            "vllm",
            version,
            log.get("gpuMemoryUtilization").asDouble(),
            log.get("maxModelLen").isNull() ? 8192 : log.get("maxModelLen").asInt(),
            intOrNull(log.get("maxNumSeqs")),
            intOrNull(log.get("maxNumBatchedTokens")),
            null,
            null,
            null,
            null));
  }

  static Integer intOrNull(JsonNode n) {
    return n == null || n.isNull() ? null : n.asInt();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void weightsMatchWhatVllmLoaded(LoggedCase c) {
    Sizing s = VllmPlans.size(planFor(c.log()));
    double loggedWeights = c.log().get("weightsGib").asDouble() * Units.GIB;
    JsonNode own = c.log().get("weightsTolerance");
    double tolerance = own == null || own.isNull() ? WEIGHTS_TOLERANCE : own.asDouble();
    assertThat((double) s.weightsBytesPerGpu())
        .isCloseTo(loggedWeights, within(loggedWeights * tolerance));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void kvCacheMemoryAndTokensMatchWhatVllmReserved(LoggedCase c) {
    Sizing s = VllmPlans.size(planFor(c.log()));
    double loggedKv = c.log().get("kvCacheGib").asDouble() * Units.GIB;
    double allowedBytes = Math.max(loggedKv * KV_TOLERANCE, KV_FLOOR_BYTES);
    System.out.println(report(c, s));
    assertThat((double) s.kvCacheBytesPerGpu()).isCloseTo(loggedKv, within(allowedBytes));
    JsonNode tokens = c.log().get("kvCacheTokens");
    if (tokens != null && !tokens.isNull()) {
      double allowedTokens = allowedBytes / s.kvBytesPerTokenPerGpu();
      assertThat((double) s.kvCapacityTokens()).isCloseTo(tokens.asDouble(), within(allowedTokens));
    }
  }

  /** One line per case for the sizing documentation: logged against computed. */
  static String report(LoggedCase c, Sizing s) {
    JsonNode log = c.log();
    double kvLogged = log.get("kvCacheGib").asDouble();
    double kvComputed = s.kvCacheBytesPerGpu() / Units.GIB;
    JsonNode tokens = log.get("kvCacheTokens");
    String tokenPart =
        tokens == null || tokens.isNull()
            ? "tokens not logged"
            : String.format(
                Locale.ROOT,
                "tokens %d vs %d (%+.1f %%)",
                tokens.asLong(),
                s.kvCapacityTokens(),
                100.0 * (s.kvCapacityTokens() - tokens.asDouble()) / tokens.asDouble());
    return String.format(
        Locale.ROOT,
        "WORKED-CASE %s | weights %.2f vs %.2f GiB (%+.1f %%) | activation %.2f vs %.2f | KV %.2f vs %.2f GiB (%+.1f %%) | %s",
        c.id(),
        log.get("weightsGib").asDouble(),
        s.weightsBytesPerGpu() / Units.GIB,
        100.0
            * (s.weightsBytesPerGpu() / Units.GIB - log.get("weightsGib").asDouble())
            / log.get("weightsGib").asDouble(),
        log.get("activationPeakGib").asDouble(),
        s.activationBytesPerGpu() / Units.GIB,
        kvLogged,
        kvComputed,
        100.0 * (kvComputed - kvLogged) / kvLogged,
        tokenPart);
  }
}
