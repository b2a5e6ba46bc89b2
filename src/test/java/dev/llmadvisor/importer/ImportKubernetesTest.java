package dev.llmadvisor.importer;

import static dev.llmadvisor.importer.ImportVllmCommandTest.CATALOGUES;
import static dev.llmadvisor.importer.ImportVllmCommandTest.assumedFields;
import static dev.llmadvisor.importer.ImportVllmCommandTest.failure;
import static dev.llmadvisor.importer.ImportVllmCommandTest.field;
import static dev.llmadvisor.importer.ImportVllmCommandTest.missingFields;
import static dev.llmadvisor.importer.ImportVllmCommandTest.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.plan.PlanReader;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Deployments and StatefulSets running vLLM to plans. */
class ImportKubernetesTest {
  static final KubernetesImporter IMPORTER = new KubernetesImporter(CATALOGUES);

  static ImportResult manifest(String file, String select) throws IOException {
    return IMPORTER.fromManifest(ImportEquivalenceTest.resource(file), select, Overlay.NONE);
  }

  /** A one-container Deployment with the given pod-spec lines (indented for the pod spec). */
  static String deployment(String podSpec, String args, String gpus) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: llm}
        spec:
          template:
            spec:
        %s
              containers:
                - name: vllm
                  image: vllm/vllm-openai:v0.19.0
                  args: %s
                  resources:
                    limits: {nvidia.com/gpu: %s}
        """
        .formatted(podSpec.indent(6).stripTrailing(), args, gpus);
  }

  static String selector(String product) {
    return "nodeSelector: {nvidia.com/gpu.product: " + product + "}";
  }

  @Test
  void aDeploymentWithNodeSelectorGpuLimitAndArgs() throws IOException {
    ImportResult r = manifest("deployment.yaml", null);
    assertThat(r.source()).isEqualTo("Deployment/llama-8b-chat (container vllm)");
    assertThat(r.plan().name()).isEqualTo("llama-8b-chat");
    assertThat(field(r, "model.id")).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
    assertThat(field(r, "quantization.weights")).isEqualTo("fp8");
    assertThat(field(r, "engine.maxModelLen")).isEqualTo(16384);
    assertThat(field(r, "engine.gpuMemoryUtilization")).isEqualTo(0.92);
    assertThat(field(r, "engine.version")).isEqualTo("0.8.5");
    assertThat(field(r, "parallelism.tensor")).as("$(TP_SIZE) from env").isEqualTo(2);
    assertThat(field(r, "hardware.gpu")).isEqualTo("H100-SXM-80GB");
    assertThat(field(r, "hardware.gpusPerNode")).isEqualTo(2);
    assertThat(r.complete()).isTrue();
    assertThat(assumedFields(r)).containsExactly("engine.version");
    assertThat(r.ignored())
        .containsExactly(
            "Deployment/llama-8b-chat container metrics-sidecar: does not run vLLM",
            "--port 8000: " + VllmFlags.SERVING_WHY);
    assertThat(r.notes()).anyMatch(n -> n.startsWith("spec.replicas: 3 pods"));
    assertThat(PlanReader.read(r.planYaml(), PlanReader.Format.YAML)).isEqualTo(r.plan());
  }

  @Test
  void aStatefulSetWithRequiredNodeAffinityAndACommand() throws IOException {
    ImportResult r = manifest("statefulset.yaml", null);
    assertThat(r.source()).isEqualTo("StatefulSet/qwen-72b-awq (container server)");
    assertThat(field(r, "model.id")).isEqualTo("Qwen/Qwen2.5-72B-Instruct");
    assertThat(field(r, "quantization.weights")).isEqualTo("awq-int4");
    assertThat(field(r, "quantization.kvCache")).isEqualTo("fp8");
    assertThat(field(r, "engine.maxNumSeqs")).isEqualTo(64);
    assertThat(field(r, "engine.version")).isNull();
    assertThat(field(r, "hardware.gpu")).isEqualTo("A100-SXM-80GB");
    assertThat(field(r, "hardware.gpusPerNode")).isEqualTo(2);
    assertThat(field(r, "parallelism.tensor")).isEqualTo(2);
    assertThat(r.assumed()).isEmpty();
    assertThat(r.notes()).anyMatch(n -> n.contains("is not vllm/vllm-openai"));
    assertThat(r.complete()).isTrue();
  }

  @Test
  void aMultiDocumentManifestWithTwoVllmWorkloadsNeedsAName() throws IOException {
    ImportException e = failure(() -> uncheck(() -> manifest("multi-doc.yaml", null)));
    assertThat(e.getMessage()).contains("2 containers run vLLM");
    assertThat(e.errors().get(0).nearest())
        .containsExactly(
            "Deployment/mistral-7b (container vllm)", "Deployment/llama-70b (container vllm)");

    ImportResult mistral = manifest("multi-doc.yaml", "mistral-7b");
    assertThat(mistral.source()).isEqualTo("Deployment/mistral-7b (container vllm), document 3");
    assertThat(field(mistral, "model.id")).isEqualTo("mistralai/Mistral-7B-Instruct-v0.3");
    assertThat(field(mistral, "engine.maxModelLen")).isEqualTo(8192);
    assertThat(field(mistral, "quantization.weights")).as("--dtype half").isEqualTo("fp16");
    assertThat(field(mistral, "hardware.gpu")).isEqualTo("L4-24GB");
    assertThat(field(mistral, "engine.version")).isNull();
    assertThat(mistral.ignored())
        .contains(
            "document 1: Service/llm: not a Deployment, StatefulSet or LeaderWorkerSet",
            "Deployment/gateway container envoy: does not run vLLM",
            "command `pip list`: does not start vLLM");
    assertThat(mistral.notes()).anyMatch(n -> n.contains("has no version tag"));

    ImportResult llama = manifest("multi-doc.yaml", "llama-70b/vllm");
    assertThat(field(llama, "model.id")).isEqualTo("meta-llama/Llama-3.1-70B-Instruct");
    assertThat(field(llama, "parallelism.tensor")).isEqualTo(4);
    assertThat(field(llama, "hardware.gpusPerNode")).isEqualTo(4);
    assertThat(field(llama, "engine.version")).isEqualTo("0.19.0");

    ImportException none = failure(() -> uncheck(() -> manifest("multi-doc.yaml", "nothing")));
    assertThat(none.getMessage()).contains("no container running vLLM matches 'nothing'");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "NVIDIA-H100-80GB-HBM3, H100-SXM-80GB",
    "NVIDIA-H100-PCIe, H100-PCIE-80GB",
    "NVIDIA-A100-SXM4-80GB, A100-SXM-80GB",
    "NVIDIA-A100-SXM4-40GB, A100-SXM-40GB",
    "NVIDIA-A100-80GB-PCIe, A100-PCIE-80GB",
    "Tesla-T4, T4-16GB",
    "NVIDIA-L40S, L40S-48GB",
    "NVIDIA-A10G, A10G-24GB",
    "NVIDIA-L4, L4-24GB",
    "NVIDIA-L4-SHARED, L4-24GB"
  })
  void gpuProductLabelsMapToCatalogueIds(String label, String gpu) {
    ImportResult r =
        IMPORTER.fromManifest(
            deployment(selector(label), "[meta-llama/Llama-3.1-8B-Instruct]", "1"),
            null,
            Overlay.NONE);
    assertThat(field(r, "hardware.gpu")).isEqualTo(gpu);
    assertThat(r.assumed()).extracting(Assumption::field).doesNotContain("hardware.gpu");
  }

  @ParameterizedTest(name = "{0} is reported, not guessed")
  @CsvSource({"NVIDIA-L40", "NVIDIA-A100-SXM4-40GB-MIG-1g.5gb", "NVIDIA-B300", "H100"})
  void labelsThatNameNoCatalogueGpuAreReported(String label) {
    ImportResult r =
        IMPORTER.fromManifest(
            deployment(selector(label), "[meta-llama/Llama-3.1-8B-Instruct]", "1"),
            null,
            Overlay.NONE);
    assertThat(field(r, "hardware.gpu")).isNull();
    assertThat(missingFields(r)).containsExactly("hardware.gpu");
    assertThat(r.missing().get(0).why()).contains(label).contains("not guessed");
    ImportResult given =
        IMPORTER.fromManifest(
            deployment(selector(label), "[meta-llama/Llama-3.1-8B-Instruct]", "1"),
            null,
            Overlay.set("hardware.gpu", "L40S"));
    assertThat(given.complete()).isTrue();
  }

  @Test
  void aPodThatMayLandOnSeveralGpusIsNotGuessed() {
    ImportResult r = requiredGpuProduct("[NVIDIA-L4, NVIDIA-L40S]");
    assertThat(missingFields(r)).containsExactly("hardware.gpu");
    assertThat(r.missing().get(0).why()).contains("L4-24GB", "L40S-48GB");
  }

  @Test
  void anAffinityWithoutValuesLeavesTheGpuToTheOverlay() {
    // Found by ImportMutationsTest: an empty value list used to end in NoSuchElementException.
    ImportResult r = requiredGpuProduct("[]");
    assertThat(missingFields(r)).containsExactly("hardware.gpu");
    assertThat(r.missing().get(0).why()).contains("lists no GPU model");
  }

  /** A Deployment whose pod requires a node whose GPU product is one of {@code values}. */
  static ImportResult requiredGpuProduct(String values) {
    String affinity =
        """
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
                - matchExpressions:
                    - {key: nvidia.com/gpu.product, operator: In, values: %s}
        """
            .formatted(values);
    return IMPORTER.fromManifest(
        deployment(affinity, "[meta-llama/Llama-3.1-8B-Instruct]", "1"), null, Overlay.NONE);
  }

  @Test
  void aPreferredAffinityIsAnAssumption() {
    String affinity =
        """
        affinity:
          nodeAffinity:
            preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 1
                preference:
                  matchExpressions:
                    - {key: nvidia.com/gpu.product, operator: In, values: [NVIDIA-A10G]}
        """;
    ImportResult r =
        IMPORTER.fromManifest(
            deployment(affinity, "[meta-llama/Llama-3.1-8B-Instruct]", "1"), null, Overlay.NONE);
    assertThat(field(r, "hardware.gpu")).isEqualTo("A10G-24GB");
    assertThat(assumedFields(r)).contains("hardware.gpu");
  }

  @Test
  void theGkeAcceleratorLabelMapsToo() {
    ImportResult r =
        IMPORTER.fromManifest(
            deployment(
                "nodeSelector: {cloud.google.com/gke-accelerator: nvidia-l4}",
                "[meta-llama/Llama-3.1-8B-Instruct]",
                "1"),
            null,
            Overlay.NONE);
    assertThat(field(r, "hardware.gpu")).isEqualTo("L4-24GB");
  }

  @Test
  void aManifestWithoutAGpuLabelLeavesTheGpuToTheOverlay() {
    ImportResult r =
        IMPORTER.fromManifest(
            deployment("restartPolicy: Always", "[meta-llama/Llama-3.1-8B-Instruct]", "1"),
            null,
            Overlay.NONE);
    assertThat(missingFields(r)).containsExactly("hardware.gpu");
    assertThat(r.missing().get(0).why()).contains("does not pin a GPU model");
  }

  @Test
  void tensorParallelismMustFitTheGpuLimit() {
    String manifest =
        deployment(
            selector("NVIDIA-L40S"),
            "[meta-llama/Llama-3.1-70B-Instruct, --tensor-parallel-size, '4']",
            "2");
    ImportException e = failure(() -> IMPORTER.fromManifest(manifest, null, Overlay.NONE));
    assertThat(where(e)).containsExactly("parallelism");
    assertThat(e.getMessage())
        .contains("--tensor-parallel-size 4")
        .contains("spec.template.spec.containers[0].resources.limits[nvidia.com/gpu] = 2");
    // Two such pods as one replica across nodes: the overlay says so.
    ImportResult twoNodes =
        IMPORTER.fromManifest(manifest, null, Overlay.set("hardware.nodes", "2"));
    assertThat(field(twoNodes, "hardware.nodes")).isEqualTo(2);
  }

  @Test
  void spareGpusInThePodAreNoted() {
    ImportResult r =
        IMPORTER.fromManifest(
            deployment(selector("NVIDIA-L40S"), "[meta-llama/Llama-3.1-8B-Instruct]", "4"),
            null,
            Overlay.NONE);
    assertThat(field(r, "hardware.gpusPerNode")).isEqualTo(4);
    assertThat(r.notes()).anyMatch(n -> n.contains("spare GPUs"));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'kind: Deployment\nmetadata: {name: x}\nspec: {template: {spec: {containers: [{name: web,"
            + " image: nginx}]}}}' | no Deployment, StatefulSet or LeaderWorkerSet container runs vLLM",
        "'kind: Deployment\nspec: [unclosed' | not valid YAML",
        "' ' | the manifest is empty"
      })
  void manifestsWithoutVllmAreRefused(String yaml, String message) {
    ImportException e = failure(() -> IMPORTER.fromManifest(yaml, null, Overlay.NONE));
    assertThat(e.getMessage()).contains(message);
  }

  @Test
  void aGpuLimitMustBeACount() {
    ImportException e =
        failure(
            () ->
                IMPORTER.fromManifest(
                    deployment(selector("NVIDIA-L4"), "[m]", "'two'"), null, Overlay.NONE));
    assertThat(where(e))
        .containsExactly("spec.template.spec.containers[0].resources.limits[nvidia.com/gpu]");
  }

  @Test
  void aBadFlagInTheArgsIsNamed() {
    ImportException e =
        failure(
            () ->
                IMPORTER.fromManifest(
                    deployment(selector("NVIDIA-L4"), "[m, --max-model-len, lots]", "1"),
                    null,
                    Overlay.NONE));
    assertThat(where(e)).containsExactly("--max-model-len");
    assertThat(e.source()).isEqualTo("Deployment/llm (container vllm)");
  }

  @Test
  void theListKindIsRead() {
    String list =
        "apiVersion: v1\nkind: List\nitems:\n"
            + deployment(selector("NVIDIA-L4"), "[meta-llama/Llama-3.1-8B-Instruct]", "1")
                .replaceFirst("^", "- ")
                .replace("\n", "\n  ");
    ImportResult r = IMPORTER.fromManifest(list, null, Overlay.NONE);
    assertThat(field(r, "hardware.gpu")).isEqualTo("L4-24GB");
  }

  /**
   * kubernetes-sigs/lws's vLLM example: the leader template's {@code sh -c} script starts Ray, then
   * the API server; size 2 pods of 8 GPUs are 2 nodes of 8, which TP 8 × PP 2 = 16 fills.
   */
  @Test
  void aLeaderWorkerSetIsTheLeadersVllmOverSizeNodes() throws IOException {
    ImportResult r = manifest("leaderworkerset.yaml", null);
    assertThat(r.source()).isEqualTo("LeaderWorkerSet/vllm (container vllm-leader)");
    assertThat(field(r, "model.id")).isEqualTo("meta-llama/Llama-3.1-405B-Instruct");
    assertThat(field(r, "quantization.weights")).isEqualTo("fp8");
    assertThat(field(r, "parallelism.tensor")).isEqualTo(8);
    assertThat(field(r, "parallelism.pipeline")).isEqualTo(2);
    assertThat(field(r, "hardware.gpusPerNode")).isEqualTo(8);
    assertThat(field(r, "hardware.nodes")).isEqualTo(2);
    assertThat(field(r, "hardware.gpu")).isEqualTo("H100-SXM-80GB");
    assertThat(field(r, "engine.version")).isEqualTo("0.8.5");
    assertThat(r.complete()).isTrue();
    assertThat(r.ignored())
        .anyMatch(i -> i.startsWith("command `bash /vllm-workspace/examples/online_serving"))
        .contains(
            "spec.leaderWorkerTemplate.workerTemplate: the group's 1 worker pod(s) join the"
                + " leader's vLLM; counted as nodes, their containers are not read as a server");
    assertThat(r.notes()).anyMatch(n -> n.startsWith("spec.replicas: 2 leader-worker groups"));
    // 16 GPUs used of 2 × 8: no spare-GPU note
    assertThat(r.notes()).noneMatch(n -> n.contains("spare GPUs"));
  }

  @Test
  void aLeaderWorkerSetWithoutSizeIsOnePodAndCannotHoldSixteenGpus() throws IOException {
    String yaml = ImportEquivalenceTest.resource("leaderworkerset.yaml").replace("size: 2", "");
    ImportException e = failure(() -> IMPORTER.fromManifest(yaml, null, Overlay.NONE));
    // size defaults to 1 (+kubebuilder:default=1): 8 GPUs on one node, 8 × 2 = 16 needed
    assertThat(e.getMessage()).contains("tensor × pipeline = 8 × 2 = 16 GPUs").contains("has 8");
  }

  @Test
  void aLeaderWorkerSetWithoutLeaderTemplateRunsTheWorkerTemplate() {
    String yaml =
        """
        apiVersion: leaderworkerset.x-k8s.io/v1
        kind: LeaderWorkerSet
        metadata: {name: small}
        spec:
          leaderWorkerTemplate:
            workerTemplate:
              spec:
                nodeSelector: {nvidia.com/gpu.product: NVIDIA-L4}
                containers:
                  - name: vllm
                    image: vllm/vllm-openai:v0.19.0
                    args: [meta-llama/Llama-3.1-8B-Instruct]
                    resources: {limits: {nvidia.com/gpu: 1}}
        """;
    ImportResult r = IMPORTER.fromManifest(yaml, null, Overlay.NONE);
    assertThat(r.source()).isEqualTo("LeaderWorkerSet/small (container vllm)");
    assertThat(field(r, "hardware.gpu")).isEqualTo("L4-24GB");
    assertThat(field(r, "hardware.nodes")).isNull();
  }

  @Test
  void aLeaderWorkerSetSizeMustBeAPositiveWholeNumber() throws IOException {
    String yaml =
        ImportEquivalenceTest.resource("leaderworkerset.yaml").replace("size: 2", "size: 0");
    ImportException e = failure(() -> IMPORTER.fromManifest(yaml, null, Overlay.NONE));
    assertThat(e.errors().get(0).field()).isEqualTo("spec.leaderWorkerTemplate.size");
  }

  @Test
  void noVllmContainerIsNoModelServed() {
    String yaml =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n"
            + "    spec:\n      containers: [{name: nginx, image: 'nginx:1.27'}]\n";
    ImportException e = failure(() -> IMPORTER.fromManifest(yaml, null, Overlay.NONE));
    assertThat(e).isInstanceOf(NoModelServedException.class);
    assertThat(e.getMessage()).contains("no Deployment, StatefulSet or LeaderWorkerSet container");
  }

  interface IoCall {
    ImportResult call() throws IOException;
  }

  static ImportResult uncheck(IoCall c) {
    try {
      return c.call();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
