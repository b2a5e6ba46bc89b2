package dev.llmadvisor.api;

import static dev.llmadvisor.api.Api.YAML;
import static dev.llmadvisor.api.Api.postJson;
import static dev.llmadvisor.api.Api.postYaml;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.llmadvisor.plan.NamedPlans;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The evaluation API as a client sees it: plans in JSON and YAML, reports, and every kind of bad
 * input.
 */
@QuarkusTest
class EvaluationResourceTest {
  static final double GIB = 1024.0 * 1024 * 1024;

  static final String LLAMA_8B_H100_YAML = NamedPlans.llama8bH100("support-assistant");

  static final String LLAMA_8B_H100_JSON = NamedPlans.llama8bH100Json("support-assistant");

  @Test
  void reportCarriesVerdictSizingPerformanceDefaultsAndRuleset() {
    // Llama 3.1 8B, every parameter in BF16 (2 B), exactly from config.json:
    //   embed + lm_head 2 × 128,256 × 4,096 = 1,050,673,152
    //   per layer q, o 2 × 4,096² + k, v 2 × 4,096 × 8 × 128 + MLP 3 × 4,096 × 14,336 + 2 norms ×
    // 4,096
    //     = 218,112,000; × 32 layers = 6,979,584,000; + final norm 4,096
    //   = 8,030,261,248 params × 2 B = 16,060,522,496 B (14.96 GiB).
    // KV per token: 2 × 32 layers × 8 KV heads × 128 × 2 B = 131,072 B (128 KiB).
    postYaml(LLAMA_8B_H100_YAML)
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("verdict", equalTo("APPROVED"))
        .body("decisionId", notNullValue())
        .body("planName", equalTo("support-assistant"))
        .body("sizing.kvBytesPerTokenPerGpu", equalTo(131072))
        .body("sizing.weightsBytesPerGpu", equalTo(16060522496L))
        .body("sizing.totalMemoryBytesPerGpu", equalTo(Math.round(79.18 * GIB)))
        .body("sizing.fitsOneSequence", equalTo(true))
        .body(
            "sizing.explain.kvBytesPerTokenPerGpu",
            containsString("2 (K and V) × 32 layers × 8 KV heads"))
        .body("sizing.ruleOfThumb.weightsBytes", equalTo(16060000000L))
        .body("performance.ttftMs", notNullValue())
        // The H100 is family hopper: its bandwidth fraction is the calibrated 0.8223
        // (catalogues/roofline.yaml, docs/speed.md), no longer the 0.895 copy-bandwidth default.
        .body("performance.inputs.bandwidthEfficiency", equalTo(0.8223f))
        .body("performance.inputs.gpuFamily", equalTo("hopper"))
        .body("performance.ttftMsRange.high", notNullValue())
        .body("performance.decodeTokensPerSecondPerSequenceRange.low", notNullValue())
        .body("performance.outputTokensPerSecondAggregate", notNullValue())
        .body(
            "defaultsApplied.field",
            hasItems("engine.name", "engine.version", "quantization.weights"))
        .body("plan.engine.gpuMemoryUtilization", equalTo(0.9f))
        .body("ruleset.version", containsString("sha256:"));
  }

  @Test
  void jsonAndYamlOfTheSamePlanGiveTheSameReport() {
    String fromYaml =
        postYaml(LLAMA_8B_H100_YAML).statusCode(200).extract().path("sizing").toString();
    String fromJson =
        postJson(LLAMA_8B_H100_JSON).statusCode(200).extract().path("sizing").toString();
    assertThat(fromJson).isEqualTo(fromYaml);
  }

  @Test
  void findingsTakeTheirMetadataFromTheRuleAndTheirMessageFromThePlan() {
    postYaml(NamedPlans.text(NamedPlans.LLAMA_70B_FP8_ONE_H100))
        .statusCode(200)
        .body("verdict", equalTo("REJECTED"))
        .body("verdictDecidedBy", equalTo("VERDICT-REJECTED"))
        .body("findings[0].ruleId", equalTo("SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE"))
        .body("findings[0].severity", equalTo("BLOCKER"))
        .body("findings[0].category", equalTo("sizing"))
        .body("findings[0].source", equalTo("rules/sizing.drl"))
        .body("findings[0].field", equalTo("engine.maxModelLen"))
        .body("findings[0].remediation", containsString("FP8 KV cache"))
        .body("findings[0].references[0]", containsString("vLLM refuses to start"))
        .body("findings[0].message", containsString("fewer than maxModelLen 8,192"))
        .body("counts.BLOCKER", equalTo(1));
  }

  @Test
  void anSloMetOnlyAtTheOptimisticEndNamesTheRunsItsRangeComesFrom() {
    // rules/tests/sli/sli-predicted-ttft-slo-only-optimistic.yaml: 119.93 ms predicted, under the
    // 150 ms SLO; vLLM's 29 Hopper TTFT training runs give × 0.81 … × 1.36, so 97.14 … 163.11 ms.
    String plan =
        """
        model: {id: meta-llama/Llama-3.1-8B-Instruct}
        hardware: {gpu: H100-SXM-80GB}
        engine: {maxModelLen: 8192}
        workload: {concurrentRequests: 1, promptTokens: 4000, outputTokens: 300}
        slo: {ttftP99Ms: 150}
        """;
    String rule = "findings.find { it.ruleId == 'SLI-PREDICTED-TTFT-SLO-ONLY-OPTIMISTIC' }";
    postYaml(plan)
        .statusCode(200)
        .body("performance.ttftMs", equalTo(119.93f))
        .body("performance.ttftMsRange.high", equalTo(163.11f))
        .body(rule + ".message", containsString("between 97.14 and 163.11 ms"))
        .body(
            rule + ".message",
            containsString("on 29 calibration points: vllm on hopper, dense models)"))
        // The range's arithmetic is the report's own; the rule only quotes which runs it rests on.
        .body("performance.ttftMsRange.calibration", nullValue())
        .body(
            "performance.ttftMsRange.basis",
            containsString("on 29 calibration points: vllm on hopper, dense models"));
  }

  @Test
  void aliasesResolveAndAreListedAsAssumptions() {
    postYaml(
            """
            model: {id: meta-llama/Meta-Llama-3.1-8B-Instruct}
            hardware: {gpu: L40S}
            engine: {maxModelLen: 8192}
            """)
        .statusCode(200)
        .body("plan.model.id", equalTo("meta-llama/Llama-3.1-8B-Instruct"))
        .body("plan.hardware.gpu", equalTo("L40S-48GB"))
        .body("defaultsApplied.reason", hasItem("'L40S' resolved by unique prefix"));
  }

  @Test
  void aModelOutsideTheCatalogueIsSizedFromItsArchitecture() {
    // The Llama 3.1 8B numbers given by hand must size exactly like the catalogue entry.
    postYaml(
            """
            model:
              id: acme/llama-8b-finetune
              architecture: {parameters: 8.03e9, numHiddenLayers: 32, hiddenSize: 4096, numAttentionHeads: 32,
                             numKeyValueHeads: 8, headDim: 128, intermediateSize: 14336, vocabSize: 128256,
                             maxPositionEmbeddings: 131072, tieWordEmbeddings: false}
            hardware: {gpu: H100-SXM-80GB}
            engine: {maxModelLen: 8192}
            """)
        .statusCode(200)
        .body("sizing.kvBytesPerTokenPerGpu", equalTo(131072))
        .body("sizing.weightsBytesPerGpu", equalTo(16060522496L));
  }

  @Test
  void anArchitectureWithoutItsContextNeedsMaxModelLen() {
    String arch =
        """
        model:
          id: acme/llama-8b-finetune
          architecture: {parameters: 8.03e9, numHiddenLayers: 32, hiddenSize: 4096, numAttentionHeads: 32,
                         numKeyValueHeads: 8, headDim: 128, intermediateSize: 14336, vocabSize: 128256,
                         tieWordEmbeddings: false}
        hardware: {gpu: H100-SXM-80GB}
        """;
    // With engine.maxModelLen the engine's context is known: the plan is read, and the echoed
    // plan keeps the architecture the plan gave (a custom model posted back stays custom).
    postYaml(arch + "engine: {maxModelLen: 8192}\n")
        .statusCode(200)
        .body("plan.model.architecture.hiddenSize", equalTo(4096))
        .body("findings.ruleId", hasItem("ENGINE-CONTEXT-UNKNOWN"));
    // Without it nothing says how long a sequence may be: a 422 naming the missing field.
    postYaml(arch)
        .statusCode(422)
        .body("errors[0].field", equalTo("model.architecture.maxPositionEmbeddings"))
        .body("errors[0].message", containsString("required unless engine.maxModelLen is given"));
  }

  @Test
  void aCataloguedModelIsEchoedByIdAlone() {
    postYaml("model: {id: meta-llama/Llama-3.1-8B-Instruct}\nhardware: {gpu: H100-SXM-80GB}\n")
        .statusCode(200)
        .body("plan.model.id", equalTo("meta-llama/Llama-3.1-8B-Instruct"))
        .body("plan.model.architecture", equalTo(null));
  }

  @Test
  void malformedJsonIsA400ProblemWithTheLine() {
    postJson("{\"model\": {\"id\": \"x\"")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("title", equalTo("Unreadable deployment plan"))
        .body("detail", containsString("line 1"));
  }

  @Test
  void malformedYamlIsA400() {
    postYaml("model: {id: [unclosed\nhardware: gpu: x")
        .statusCode(400)
        .body("type", containsString("unreadable-plan"));
  }

  @Test
  void anUnknownFieldIsNamedWithTheKnownOnes() {
    postYaml(
            "model: {id: meta-llama/Llama-3.1-8B-Instruct}\nhardware: {gpu: H100-SXM-80GB, gpuz: 2}\n")
        .statusCode(400)
        .body("errors[0].field", equalTo("hardware.gpuz"))
        .body("errors[0].message", equalTo("unknown field 'gpuz'"))
        .body("errors[0].nearest", hasItems("gpu", "gpusPerNode", "nodes", "interconnect"));
  }

  @Test
  void aValueOutsideTheDeclaredOnesNamesTheFieldAndTheNearestDeclaredValues() {
    // catalogues/plan-values.yaml declares environment's and workload.task's values: "prodution"
    // is one edit from "production"; "cod" one from "code".
    postYaml(
            """
            environment: prodution
            model: {id: meta-llama/Llama-3.1-8B-Instruct}
            hardware: {gpu: H100-SXM-80GB}
            workload: {task: cod}
            """)
        .statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("errors.field", hasItems("environment", "workload.task"))
        .body(
            "errors.find { it.field == 'environment' }.message",
            equalTo("must be one of [production, research, staging]"))
        .body("errors.find { it.field == 'environment' }.nearest[0]", equalTo("production"))
        .body("errors.find { it.field == 'workload.task' }.nearest[0]", equalTo("code"));
  }

  @Test
  void aWrongTypeNamesTheFieldAndTheExpectedType() {
    postYaml(
            "model: {id: meta-llama/Llama-3.1-8B-Instruct}\nhardware: {gpu: H100-SXM-80GB, nodes: two}\n")
        .statusCode(400)
        .body("errors[0].field", equalTo("hardware.nodes"))
        .body("errors[0].message", equalTo("expected a whole number"));
  }

  @Test
  void aFractionWhereACountBelongsIsRefusedNotTruncated() {
    postYaml(
            "model: {id: meta-llama/Llama-3.1-8B-Instruct}\nhardware: {gpu: H100-SXM-80GB}\nparallelism: {tensor: 1.5}\n")
        .statusCode(400)
        .body("errors[0].field", equalTo("parallelism.tensor"));
  }

  @Test
  void anUnknownModelListsTheNearestKnownIds() {
    postYaml("model: {id: meta-llama/Llama-3.1-8B-Instrukt}\nhardware: {gpu: H100-SXM-80GB}\n")
        .statusCode(422)
        .body("title", equalTo("Invalid deployment plan"))
        .body("errors[0].field", equalTo("model.id"))
        .body("errors[0].rejectedValue", equalTo("meta-llama/Llama-3.1-8B-Instrukt"))
        .body("errors[0].nearest[0]", equalTo("meta-llama/Llama-3.1-8B-Instruct"));
  }

  @Test
  void anAmbiguousGpuListsTheCandidates() {
    postYaml("model: {id: meta-llama/Llama-3.1-8B-Instruct}\nhardware: {gpu: A100}\n")
        .statusCode(422)
        .body("errors[0].field", equalTo("hardware.gpu"))
        .body("errors[0].message", containsString("ambiguous"))
        .body(
            "errors[0].nearest",
            hasItems("A100-SXM-80GB", "A100-SXM-40GB", "A100-PCIE-80GB", "A100-PCIE-40GB"));
  }

  @Test
  void everyImpossibleValueIsReportedAtOnce() {
    postYaml(
            """
            environment: prod
            model: {id: meta-llama/Llama-3.1-8B-Instruct}
            quantization: {weights: int5}
            engine: {gpuMemoryUtilization: 1.5, maxModelLen: 0}
            hardware: {gpu: H100-SXM-80GB, interconnect: carrier-pigeon}
            workload: {concurrentRequests: -4, task: poetry}
            """)
        .statusCode(422)
        .body(
            "errors.field",
            hasItems(
                "environment",
                "quantization.weights",
                "engine.gpuMemoryUtilization",
                "engine.maxModelLen",
                "hardware.interconnect",
                "workload.concurrentRequests",
                "workload.task"))
        .body("detail", equalTo("The plan has 7 invalid values."));
  }

  @Test
  void parallelismLargerThanTheGpusIsRefused() {
    postYaml(
            "model: {id: meta-llama/Llama-3.1-70B-Instruct}\nhardware: {gpu: H100-SXM-80GB, gpusPerNode: 4}\nparallelism: {tensor: 4, pipeline: 2}\n")
        .statusCode(422)
        .body("errors[0].field", equalTo("parallelism"))
        .body(
            "errors[0].message",
            containsString("4 × 2 = 8 GPUs, but the plan has 4 GPUs per node × 1 node = 4"));
  }

  @Test
  void nvlinkOnAGpuWithoutItIsRefused() {
    postYaml(
            "model: {id: meta-llama/Llama-3.1-8B-Instruct}\nhardware: {gpu: L40S-48GB, interconnect: nvlink}\n")
        .statusCode(422)
        .body("errors[0].field", equalTo("hardware.interconnect"))
        .body("errors[0].message", equalTo("L40S-48GB has no NVLink"));
  }

  @Test
  void anotherBoardsFabricIsRefusedAndABoardsOwnIsItsDefault() {
    // Infinity Fabric is the MI300X board's link (catalogues/gpus.yaml fabric), not an L40S's.
    postYaml(
            "model: {id: meta-llama/Llama-3.1-8B-Instruct}\nhardware: {gpu: L40S-48GB, interconnect: infinity-fabric}\n")
        .statusCode(422)
        .body("errors[0].field", equalTo("hardware.interconnect"))
        .body("errors[0].message", equalTo("L40S-48GB has no infinity-fabric"));
    postYaml(
            "model: {id: meta-llama/Llama-3.1-8B-Instruct}\nhardware: {gpu: MI300X-192GB, gpusPerNode: 8}\nparallelism: {tensor: 8}\n")
        .statusCode(200)
        .body("plan.hardware.interconnect", equalTo("infinity-fabric"));
  }

  @Test
  void missingRequiredFieldsAreNamed() {
    postYaml("name: nothing-else\n")
        .statusCode(422)
        .body("errors.field", hasItems("model", "hardware.gpu"));
  }

  @Test
  void anOversizedPlanIsRefusedBeforeParsing() {
    // 300,000 characters: over the 256 KiB plan limit, under the HTTP body limit of 512 KiB.
    String huge = "name: " + "x".repeat(300_000) + "\n";
    postYaml(huge).statusCode(400).body("detail", containsString("the limit is 262144"));
  }

  @Test
  void anEmptyBodyIsA400() {

    postYaml("").statusCode(400);
  }

  @Test
  void anUnsupportedMediaTypeIsA415Problem() {
    given()
        .contentType("text/plain")
        .body("x")
        .when()
        .post("/api/v1/evaluations")
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
  }

  @Test
  void noErrorAnswerCarriesAStackTrace() {
    String body =
        postJson("{\"model\": 12, \"hardware\": []}").statusCode(400).extract().asString();
    assertThat(body)
        .doesNotContain("at dev.")
        .doesNotContain("Exception")
        .doesNotContain("jackson");
  }

  @Test
  void everyExamplePlanEvaluates() throws Exception {
    try (var files = Files.list(Path.of("examples"))) {
      for (Path example : files.sorted().toList()) {
        String type = example.toString().endsWith(".json") ? Api.JSON : YAML;
        Api.evaluate(type, Files.readString(example))
            .statusCode(200)
            .body("verdict", notNullValue());
      }
    }
  }

  @Test
  void openApiHealthAndSwaggerAreServed() {
    given()
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/api/v1/evaluations"));
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.name", hasItem("ruleset"));
    given().when().get("/q/swagger-ui/").then().statusCode(200);
  }

  @Test
  void theDefaultsOfAMinimalPlanAreAllListed() {
    postYaml("model: {id: meta-llama/Llama-3.1-8B-Instruct}\nhardware: {gpu: H100-SXM-80GB}\n")
        .statusCode(200)
        .body(
            "defaultsApplied.field",
            hasItems(
                "environment",
                "quantization.weights",
                "quantization.kvCache",
                "engine.name",
                "engine.gpuMemoryUtilization",
                "engine.maxModelLen",
                "parallelism.tensor",
                "hardware.nodes",
                "hardware.interconnect",
                "workload.concurrentRequests",
                "usage.commercial"))
        .body("plan.engine.maxModelLen", equalTo(131072))
        .body("findings.ruleId", not(hasItem("SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE")));
  }
}
