package dev.llmadvisor.whatif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.llmadvisor.catalogue.GpuSpec;
import dev.llmadvisor.catalogue.MemoryModel;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.sizing.Sizing;
import dev.llmadvisor.strategy.Commands;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What rolls a plan out (issue 14, {@code docs/recommend.md}): its engine commands as a shell
 * script, a Kubernetes workload (a {@code Deployment}, or a {@code LeaderWorkerSet} when one
 * replica spans nodes) with the GPUs, node selector, probes and engine flags of the plan, and a
 * {@code PrometheusRule} whose alerts carry the SLI thresholds the rules declared ({@code
 * rules/sli.drl}, read from the evaluation's facts) over vLLM's own metric names.
 */
public final class Artefacts {
  private Artefacts() {}

  public static final List<String> KINDS = List.of("command", "deployment", "prometheusrule");

  /** One of the SLI thresholds a rule declared ({@code SliThreshold} of {@code rules/sli.drl}). */
  public record Threshold(String metric, double limit, String unit, String action) {}

  /**
   * A plan evaluated for its artefacts.
   *
   * @param thresholds the SLI thresholds the evaluation's rules derived
   */
  public record Input(
      ResolvedPlan resolved,
      Sizing sizing,
      List<Commands.Step> commands,
      List<Threshold> thresholds,
      String verdict,
      List<String> stoppedBy) {}

  /** An artefact the plan cannot have, and why (the API answers 409). */
  public static final class NotAvailable extends RuntimeException {
    public NotAvailable(String message) {
      super(message);
    }
  }

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

  public static String render(String kind, Input in) {
    if ("REJECTED".equals(in.verdict())) {
      throw new NotAvailable(
          "The plan is rejected (stopped by "
              + String.join(", ", in.stoppedBy())
              + "): the advisor writes no artefacts for a plan it rejects.");
    }
    return switch (kind) {
      case "command" -> command(in);
      case "deployment" -> yaml(workload(in));
      case "prometheusrule" -> yaml(prometheusRule(in));
      default ->
          throw new IllegalArgumentException("unknown artefact kind " + kind + "; one of " + KINDS);
    };
  }

  private static String yaml(Object o) {
    try {
      return YAML.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Commands.Step> steps(Input in) {
    if (in.commands().isEmpty()) {
      throw new NotAvailable(
          "The advisor writes commands for vLLM (16-bit, or a format of the decision tree's"
              + " strategies), TensorRT-LLM (the strategies' formats) and llama.cpp (GGUF); this"
              + " plan serves "
              + in.resolved().weights().id()
              + " on "
              + in.resolved().engine().id()
              + ".");
    }
    return in.commands();
  }

  /** The commands as a shell script, one commented step after the other. */
  static String command(Input in) {
    DeploymentPlan p = in.resolved().plan();
    StringBuilder b = new StringBuilder("#!/bin/sh\n");
    b.append("# ").append(p.name() == null ? p.model().id() : p.name()).append(": ");
    b.append(p.model().id()).append(" on ").append(in.resolved().engine().id());
    b.append(" (written by LLM Deploy Advisor; verdict ").append(in.verdict()).append(")\n");
    b.append("set -eu\n");
    for (Commands.Step s : steps(in)) {
      b.append("\n# ").append(s.purpose()).append('\n').append(s.command()).append('\n');
    }
    return b.toString();
  }

  /** A Kubernetes name from the plan's name (or the model's), lower case, at most 52 characters. */
  static String name(DeploymentPlan p) {
    String raw = p.name() != null ? p.name() : Commands.repoNameOf(p.model().id());
    String n = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-");
    n = n.replaceAll("^-|-$", "");
    if (n.length() > 52) {
      n = n.substring(0, 52).replaceAll("-$", "");
    }
    return n.isEmpty() ? "llm" : n;
  }

  /**
   * The label GPU Feature Discovery puts on a node: NVML's device name with spaces as dashes
   * ({@code nvidia.com/gpu.product}, NVIDIA/k8s-device-plugin internal/lm/resource.go@02f65cca
   * productLabel). The catalogue's alias with a space is NVML's name (what nvidia-smi shows); null
   * when the catalogue has none.
   */
  static String productLabel(GpuSpec g) {
    for (String a : g.aliases()) {
      if (a.contains(" ")) {
        return a.replace(' ', '-');
      }
    }
    return null;
  }

  /** The serve step as argv: continuation backslashes and indentation removed. */
  static List<String> argv(String command) {
    return new ArrayList<>(Arrays.asList(command.replace("\\\n", " ").trim().split("\\s+")));
  }

  private static final int VLLM_PORT = 8000;

  private record Serving(String image, int port, List<String> argv) {}

  private static Serving serving(Input in) {
    ResolvedPlan r = in.resolved();
    List<Commands.Step> steps = steps(in);
    List<String> argv = argv(steps.get(steps.size() - 1).command());
    String version = r.plan().engine().version();
    return switch (r.engine().memoryModel()) {
      case TENSORRT_LLM ->
          new Serving("nvcr.io/nvidia/tensorrt-llm/release:" + version, 8000, argv);
      case LLAMA_CPP ->
          new Serving("ghcr.io/ggml-org/llama.cpp:server-cuda-b" + version, 8080, argv);
      default -> new Serving("vllm/vllm-openai:v" + version, VLLM_PORT, argv);
    };
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        m.put((String) kv[i], kv[i + 1]);
      }
    }
    return m;
  }

  private static Map<String, Object> probe(int port, int period, int failures) {
    return map(
        "httpGet", map("path", "/health", "port", port),
        "periodSeconds", period,
        "failureThreshold", failures);
  }

  /** One pod's container: the engine's image, its flags, its GPUs, probes on /health. */
  private static Map<String, Object> container(
      String name, Serving s, List<String> command, List<String> args, int gpus, boolean probes) {
    Map<String, Object> c =
        map(
            "name",
            name,
            "image",
            s.image(),
            "command",
            command,
            "args",
            args,
            "workingDir",
            "/models",
            "ports",
            probes ? List.of(map("name", "http", "containerPort", s.port())) : null,
            "env",
            List.of(
                map(
                    "name",
                    "HF_TOKEN",
                    "valueFrom",
                    map(
                        "secretKeyRef",
                        map("name", "hf-token", "key", "token", "optional", true)))),
            "resources",
            map(
                "limits", map("nvidia.com/gpu", gpus),
                "requests", map("nvidia.com/gpu", gpus)),
            "volumeMounts",
            List.of(
                map("name", "models", "mountPath", "/models"),
                map("name", "shm", "mountPath", "/dev/shm")));
    if (probes) {
      // Loading the weights takes minutes: the startup probe allows 30, then readiness and
      // liveness take over. Every engine here answers GET /health once it serves.
      c.put("startupProbe", probe(s.port(), 10, 180));
      c.put("readinessProbe", probe(s.port(), 10, 3));
      c.put("livenessProbe", probe(s.port(), 30, 3));
    }
    return c;
  }

  /** A pod template of one container: the labels, the GPU node selector and the volumes. */
  private static Map<String, Object> podTemplate(
      Input in, String name, Map<String, Object> container) {
    String product = productLabel(in.resolved().gpu());
    return map(
        "metadata",
        map("labels", labels(name)),
        "spec",
        map(
            "nodeSelector",
            product == null ? null : map("nvidia.com/gpu.product", product),
            "containers",
            List.of(container),
            "volumes",
            List.of(
                map("name", "models", "persistentVolumeClaim", map("claimName", name + "-models")),
                map("name", "shm", "emptyDir", map("medium", "Memory")))));
  }

  /** A workload object: its kind, the plan's name, labels and annotations, and its spec. */
  private static Map<String, Object> object(
      String apiVersion,
      String kind,
      String name,
      Map<String, Object> annotations,
      Map<String, Object> spec) {
    return map(
        "apiVersion",
        apiVersion,
        "kind",
        kind,
        "metadata",
        map("name", name, "labels", labels(name), "annotations", annotations),
        "spec",
        spec);
  }

  private static Map<String, Object> labels(String name) {
    return map(
        "app.kubernetes.io/name", name, "app.kubernetes.io/managed-by", "llm-deploy-advisor");
  }

  /**
   * One pod per replica when a replica fits in a node (a Deployment); otherwise a LeaderWorkerSet
   * whose group is one replica over its nodes, vLLM over a Ray cluster the leader starts (only vLLM
   * is written for several nodes).
   */
  static Map<String, Object> workload(Input in) {
    ResolvedPlan r = in.resolved();
    DeploymentPlan p = r.plan();
    String name = name(p);
    Serving s = serving(in);
    int perNode = p.hardware().gpusPerNode();
    int perReplica = r.gpusPerReplica();
    Map<String, Object> annotations =
        map(
            "llm-deploy-advisor/plan",
            p.model().id()
                + " "
                + r.weights().id()
                + ", KV "
                + r.kvCache().id()
                + ", TP "
                + r.tensor()
                + " × PP "
                + r.pipeline()
                + " on "
                + r.gpu().id(),
            "llm-deploy-advisor/verdict",
            in.verdict(),
            "llm-deploy-advisor/models-volume",
            "the PVC "
                + name
                + "-models holds what the quantize/convert steps of the command artefact wrote");
    if (perReplica <= perNode) {
      List<String> argv = s.argv();
      List<String> command = List.of(argv.get(0));
      List<String> args = argv.subList(1, argv.size());
      if (r.engine().memoryModel() == MemoryModel.VLLM) {
        command = List.of(argv.get(0), argv.get(1)); // vllm serve
        args = argv.subList(2, argv.size());
      }
      return object(
          "apps/v1",
          "Deployment",
          name,
          annotations,
          map(
              "replicas",
              in.sizing().replicas(),
              "selector",
              map("matchLabels", map("app.kubernetes.io/name", name)),
              "template",
              podTemplate(
                  in,
                  name,
                  container(
                      r.engine().id().replace('.', '-'),
                      s,
                      command,
                      List.copyOf(args),
                      perReplica,
                      true))));
    }
    if (r.engine().memoryModel() != MemoryModel.VLLM) {
      throw new NotAvailable(
          "One replica spans "
              + perReplica / perNode
              + " nodes: the advisor writes multi-node workloads for vLLM (Ray in a"
              + " LeaderWorkerSet) only; this plan serves on "
              + r.engine().id()
              + ".");
    }
    // LeaderWorkerSet (leaderworkerset.x-k8s.io/v1): the leader starts the Ray head and vLLM,
    // the workers join it at LWS_LEADER_ADDRESS, which the LWS controller sets in every pod.
    String serve = String.join(" ", s.argv());
    String leader =
        "ray start --head --port=6379 && " + serve + " --distributed-executor-backend ray";
    String worker = "ray start --address=$(LWS_LEADER_ADDRESS):6379 --block";
    return object(
        "leaderworkerset.x-k8s.io/v1",
        "LeaderWorkerSet",
        name,
        annotations,
        map(
            "replicas",
            in.sizing().replicas(),
            "leaderWorkerTemplate",
            map(
                "size",
                perReplica / perNode,
                "leaderTemplate",
                podTemplate(
                    in,
                    name,
                    container(
                        "vllm-leader",
                        s,
                        List.of("/bin/sh", "-c"),
                        List.of(leader),
                        perNode,
                        true)),
                "workerTemplate",
                podTemplate(
                    in,
                    name,
                    container(
                        "vllm-worker",
                        s,
                        List.of("/bin/sh", "-c"),
                        List.of(worker),
                        perNode,
                        false)))));
  }

  /**
   * vLLM's metric for an SLI of {@code rules/sli.drl}, as PromQL over the limit; null where vLLM
   * exports nothing that measures it. Names read in vllm-project/vllm vllm/v1/metrics/loggers.py at
   * commit 005a810b (PrometheusStatLogger): the histogram {@code vllm:time_to_first_token_seconds}
   * and the counter {@code vllm:request_success} with its {@code finished_reason} label (stop,
   * length, abort), both labelled by {@code model_name}; the Python client adds {@code _bucket} and
   * {@code _total}.
   */
  static String expr(Threshold t, String model) {
    String sel = "model_name=\"" + model + "\"";
    return switch (t.metric()) {
      case "ttftP99Ms" ->
          "histogram_quantile(0.99, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket{"
              + sel
              + "}[5m]))) * 1000 > "
              + num(t.limit());
      case "oomErrorRatePct" ->
          "sum(rate(vllm:request_success_total{"
              + sel
              + ",finished_reason=\"abort\"}[5m])) / sum(rate(vllm:request_success_total{"
              + sel
              + "}[5m])) * 100 > "
              + num(t.limit());
      default -> null;
    };
  }

  private static String num(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static final Map<String, String> NOT_MEASURED =
      Map.of(
          "kvCacheWastePct",
          "vLLM exports no KV-cache waste figure (vllm:kv_cache_usage_perc is how full the cache"
              + " is, not how much of it is wasted); PagedAttention keeps waste under 4 %");

  /** The PrometheusRule (monitoring.coreos.com/v1) of the plan's SLI alerts. */
  static Map<String, Object> prometheusRule(Input in) {
    ResolvedPlan r = in.resolved();
    if (r.engine().memoryModel() != MemoryModel.VLLM
        || !Commands.VLLM_SERVE.equals(r.engine().id())) {
      throw new NotAvailable(
          "The alerts are written over vLLM's metric names; this plan serves on "
              + r.engine().id()
              + ", which exports others.");
    }
    DeploymentPlan p = r.plan();
    String name = name(p);
    String served = steps(in).get(steps(in).size() - 1).command();
    String model = argv(served).get(2);
    List<Map<String, Object>> rules = new ArrayList<>();
    Map<String, Object> notAlerted = new LinkedHashMap<>();
    for (Threshold t : in.thresholds()) {
      String expr = expr(t, model);
      if (expr == null) {
        notAlerted.put(
            "llm-deploy-advisor/not-alerted-" + t.metric(),
            num(t.limit())
                + " "
                + t.unit()
                + ": "
                + NOT_MEASURED.getOrDefault(t.metric(), "no vLLM metric measures it"));
        continue;
      }
      rules.add(
          map(
              "alert",
              "Llm" + Character.toUpperCase(t.metric().charAt(0)) + t.metric().substring(1),
              "expr",
              expr,
              "for",
              "5m",
              "labels",
              map("severity", "warning", "deployment", name),
              "annotations",
              map(
                  "summary",
                  t.metric() + " over " + num(t.limit()) + " " + t.unit() + " for " + model,
                  "description",
                  "The threshold of rules/sli.drl (SLI-DERIVE-THRESHOLDS): "
                      + num(t.limit())
                      + " "
                      + t.unit()
                      + ". Then: "
                      + t.action()
                      + ".")));
    }
    return map(
        "apiVersion",
        "monitoring.coreos.com/v1",
        "kind",
        "PrometheusRule",
        "metadata",
        map(
            "name",
            name + "-sli",
            "labels",
            labels(name),
            "annotations",
            notAlerted.isEmpty() ? null : notAlerted),
        "spec",
        map("groups", List.of(map("name", name + "-sli", "rules", rules))));
  }
}
