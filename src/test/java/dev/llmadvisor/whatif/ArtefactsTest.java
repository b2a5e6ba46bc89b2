package dev.llmadvisor.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.PlanReader;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artefacts parsed as Kubernetes objects by fabric8's model, and the PrometheusRule's groups
 * checked by {@code promtool check rules} (Debian's prometheus package; {@code .ci/run} installs
 * it, and with {@code CI=true} its absence fails the test instead of skipping it).
 */
class ArtefactsTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static Advisor advisor;

  @BeforeAll
  static void load() {
    advisor = new Advisor(Path.of("rules"), Path.of("catalogues"));
  }

  static Artefacts.Input input(Advisor a, String example) throws Exception {
    Path p = Path.of("examples", example);
    return a.artefacts(
        PlanReader.read(
            Files.readString(p),
            example.endsWith(".json") ? PlanReader.Format.JSON : PlanReader.Format.YAML));
  }

  @Test
  void aReplicaInOneNodeIsADeploymentWithItsGpusSelectorProbesAndFlags() throws Exception {
    Artefacts.Input in = input(advisor, "llama-70b-a100-smoothquant.json");
    Deployment d = YAML.readValue(Artefacts.render("deployment", in), Deployment.class);
    assertThat(d.getApiVersion()).isEqualTo("apps/v1");
    // TP 2 × PP 1 on one node of 2 A100s: one replica of 2 GPUs.
    assertThat(d.getSpec().getReplicas()).isEqualTo(in.sizing().replicas()).isEqualTo(1);
    Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("2"));
    assertThat(d.getSpec().getTemplate().getSpec().getNodeSelector())
        .containsEntry("nvidia.com/gpu.product", "NVIDIA-A100-SXM4-80GB");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
    assertThat(c.getStartupProbe().getHttpGet().getPort().getIntVal()).isEqualTo(8000);
    assertThat(c.getCommand()).containsExactly("vllm", "serve");
    // The serve step's flags, in order, after the model.
    List<String> serve = Artefacts.argv(in.commands().get(in.commands().size() - 1).command());
    assertThat(c.getArgs()).isEqualTo(serve.subList(2, serve.size()));
    assertThat(c.getArgs())
        .containsSubsequence("--quantization", "compressed-tensors")
        .containsSubsequence("--tensor-parallel-size", "2");
  }

  @Test
  void aReplicaOverTwoNodesIsALeaderWorkerSet() throws Exception {
    Artefacts.Input in = input(advisor, "llama-405b-two-nodes.yaml");
    GenericKubernetesResource lws =
        YAML.readValue(Artefacts.render("deployment", in), GenericKubernetesResource.class);
    assertThat(lws.getApiVersion()).isEqualTo("leaderworkerset.x-k8s.io/v1");
    assertThat(lws.getKind()).isEqualTo("LeaderWorkerSet");
    // TP 8 × PP 2 over nodes of 8: a group of 2 pods of 8 GPUs each.
    assertThat((Integer) lws.get("spec", "leaderWorkerTemplate", "size")).isEqualTo(2);
    Map<String, Object> leader =
        lws.get("spec", "leaderWorkerTemplate", "leaderTemplate", "spec", "containers", 0);
    Container c = YAML.convertValue(leader, Container.class);
    assertThat(c.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("8"));
    assertThat(c.getArgs().get(0))
        .startsWith("ray start --head")
        .contains("--tensor-parallel-size 8 --pipeline-parallel-size 2");
  }

  @Test
  void theCommandArtefactIsTheRecommendationsSteps() throws Exception {
    Artefacts.Input in = input(advisor, "llama-70b-a100-smoothquant.json");
    String script = Artefacts.render("command", in);
    assertThat(script).startsWith("#!/bin/sh\n").contains("llmcompressor").contains("vllm serve");
  }

  @Test
  void aRejectedPlanHasNoArtefacts() throws Exception {
    Artefacts.Input in = input(advisor, "llama-70b-fp8-one-h100.yaml");
    assertThat(in.verdict()).isEqualTo("REJECTED");
    assertThatThrownBy(() -> Artefacts.render("deployment", in))
        .isInstanceOf(Artefacts.NotAvailable.class)
        .hasMessageContaining("rejected");
  }

  @Test
  void theAlertsCarryTheRulesThresholdsAndPassPromtool(@TempDir Path tmp) throws Exception {
    // The thresholds are read from the rules' facts: a copy of the rules with another TTFT limit
    // gives an alert at that limit.
    Path rules = tmp.resolve("rules");
    Files.createDirectories(rules);
    try (var files = Files.list(Path.of("rules"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, rules.resolve(f.getFileName()));
      }
    }
    Path sli = rules.resolve("sli.drl");
    String drl = Files.readString(sli);
    assertThat(drl).contains("new SliThreshold(\"ttftP99Ms\", 500,");
    Files.writeString(
        sli,
        drl.replace(
            "new SliThreshold(\"ttftP99Ms\", 500,", "new SliThreshold(\"ttftP99Ms\", 350,"));
    Advisor edited = new Advisor(rules, Path.of("catalogues"));
    for (Advisor a : List.of(advisor, edited)) {
      String limit = a == advisor ? "500" : "350";
      String yaml = Artefacts.render("prometheusrule", input(a, "llama-405b-two-nodes.yaml"));
      GenericKubernetesResource rule = YAML.readValue(yaml, GenericKubernetesResource.class);
      assertThat(rule.getKind()).isEqualTo("PrometheusRule");
      List<Map<String, Object>> alerts = rule.get("spec", "groups", 0, "rules");
      assertThat(alerts)
          .extracting(m -> (String) m.get("expr"))
          .anySatisfy(
              e ->
                  assertThat(e)
                      .contains("vllm:time_to_first_token_seconds_bucket")
                      .endsWith("* 1000 > " + limit))
          .anySatisfy(
              e -> assertThat(e).contains("vllm:request_success_total").endsWith("* 100 > 0.5"));
      // promtool checks a rules file: the PrometheusRule's spec is one.
      File groups = tmp.resolve("groups-" + limit + ".yaml").toFile();
      YAML.writeValue(groups, Map.of("groups", rule.get("spec", "groups")));
      promtool(groups);
    }
  }

  static void promtool(File rules) throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    if (!Files.isExecutable(promtool)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("promtool is not installed (Debian package prometheus): .ci/run installs it");
      }
      Assumptions.abort("promtool is not installed (apt-get install prometheus)");
    }
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "rules", rules.getPath())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("SUCCESS: 2 rules found");
  }
}
