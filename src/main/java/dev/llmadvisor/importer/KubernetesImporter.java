package dev.llmadvisor.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.catalogue.GpuSpec;
import dev.llmadvisor.catalogue.IdIndex;
import dev.llmadvisor.catalogue.Lookup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Kubernetes Deployment, StatefulSet or LeaderWorkerSet whose container runs vLLM into a
 * plan: the container's command and args through {@link VllmCommandImporter} (a {@code
 * vllm/vllm-openai} image's args alone are engine arguments), its {@code nvidia.com/gpu} limit as
 * the GPUs per node, and the GPU model from the {@code nvidia.com/gpu.product} node label of its
 * node selector or required node affinity. A manifest may hold several documents; when more than
 * one container runs vLLM, a workload or container name picks one.
 *
 * <p>A LeaderWorkerSet ({@code leaderworkerset.x-k8s.io/v1}, kubernetes-sigs/lws {@code
 * api/leaderworkerset/v1/leaderworkerset_types.go}) runs vLLM in its leader template (its worker
 * template when it has none: "Defaults to the worker template if not specified"); each of the
 * group's {@code leaderWorkerTemplate.size} pods is one node of the plan.
 */
public final class KubernetesImporter {
  static final String SOURCE = "Kubernetes manifest";
  static final String GPU_PRODUCT = "nvidia.com/gpu.product";
  static final String GKE_ACCELERATOR = "cloud.google.com/gke-accelerator";
  private static final Set<String> WORKLOADS =
      Set.of("Deployment", "StatefulSet", LeaderWorkerSets.KIND);
  private static final Pattern VLLM_IMAGE =
      Pattern.compile("(?:.*/)?vllm/vllm-openai(?:-[a-z0-9]+)?(?::([^@]+))?(?:@.*)?");
  private static final Pattern K8S_VAR =
      Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");

  private static final ObjectMapper YAML = new YAMLMapper();

  private final Catalogues catalogues;
  private final VllmCommandImporter vllm;

  public KubernetesImporter(Catalogues catalogues) {
    this.catalogues = catalogues;
    this.vllm = new VllmCommandImporter(catalogues);
  }

  /**
   * A container that runs vLLM, where it is, and its engine arguments.
   *
   * @param pod the pod spec holding the container ({@code spec.template.spec}, or a LeaderWorkerSet
   *     template's {@code spec})
   * @param podPath where that pod spec is in the workload
   */
  private record Candidate(
      String kind,
      String name,
      int document,
      JsonNode workload,
      JsonNode pod,
      String podPath,
      JsonNode container,
      String path,
      VllmInvocation invocation) {
    String label() {
      return kind + "/" + name + " (container " + container.path("name").asText("?") + ")";
    }

    boolean matches(String select) {
      String c = container.path("name").asText("");
      return select.equals(name)
          || select.equals(c)
          || select.equals(name + "/" + c)
          || select.equals(kind + "/" + name)
          || select.equals(kind + "/" + name + "/" + c);
    }
  }

  /**
   * @param select a workload name, container name, {@code workload/container} or {@code
   *     Kind/workload}: required only when several containers run vLLM; null otherwise
   */
  public ImportResult fromManifest(String yaml, String select, Overlay overlay) {
    return fromDocuments(documents(yaml), select, overlay);
  }

  /**
   * The same for documents already parsed (an admission request's object, for instance).
   *
   * @throws NoModelServedException when no container of a workload runs vLLM
   */
  public ImportResult fromDocuments(List<JsonNode> documents, String select, Overlay overlay) {
    List<Candidate> candidates = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (int d = 0; d < documents.size(); d++) {
      JsonNode doc = documents.get(d);
      String kind = doc.path("kind").asText("");
      String name = doc.path("metadata").path("name").asText("?");
      if (!WORKLOADS.contains(kind)) {
        others.add(
            "document "
                + (d + 1)
                + ": "
                + (kind.isEmpty() ? "no kind" : kind)
                + "/"
                + name
                + ": not a Deployment, StatefulSet or LeaderWorkerSet");
        continue;
      }
      String podPath =
          kind.equals(LeaderWorkerSets.KIND)
              ? LeaderWorkerSets.vllmTemplate(doc) + ".spec"
              : "spec.template.spec";
      JsonNode pod = at(doc, podPath);
      JsonNode containers = pod.path("containers");
      for (int c = 0; c < containers.size(); c++) {
        JsonNode container = containers.get(c);
        String path = podPath + ".containers[" + c + "]";
        VllmInvocation inv = invocation(container, path, kind + "/" + name);
        if (inv != null) {
          candidates.add(new Candidate(kind, name, d + 1, doc, pod, podPath, container, path, inv));
        } else {
          others.add(
              kind
                  + "/"
                  + name
                  + " container "
                  + container.path("name").asText("?")
                  + ": does not run vLLM");
        }
      }
    }
    Candidate chosen = choose(candidates, select, others);
    Draft d =
        new Draft(chosen.label() + (documents.size() > 1 ? ", document " + chosen.document() : ""));
    d.name = chosen.name();
    d.from.put("name", "metadata.name");
    others.forEach(o -> d.ignored.add(o));
    vllm.apply(d, chosen.invocation());
    engineVersion(d, chosen);
    gpus(d, chosen);
    gpuModel(d, chosen);
    if (chosen.kind().equals(LeaderWorkerSets.KIND)) {
      LeaderWorkerSets.group(d, chosen.workload(), chosen.podPath(), GPU_LIMITS);
    }
    replicas(d, chosen);
    return d.finish(overlay);
  }

  /** The node at a dotted path of plain field names. */
  private static JsonNode at(JsonNode doc, String dotted) {
    JsonNode n = doc;
    for (String part : dotted.split("\\.")) {
      n = n.path(part);
    }
    return n;
  }

  private static final List<String> GPU_LIMITS = List.of("nvidia.com/gpu", "amd.com/gpu");

  private static List<JsonNode> documents(String yaml) {
    if (yaml == null || yaml.isBlank()) {
      throw ImportException.of(SOURCE, "$", "the manifest is empty", null);
    }
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
          continue;
        }
        if (doc.path("kind").asText("").equals("List") && doc.path("items").isArray()) {
          doc.path("items").forEach(out::add);
        } else {
          out.add(doc);
        }
      }
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "$" : "line " + e.getLocation().getLineNr();
      throw ImportException.of(SOURCE, where, "not valid YAML: " + e.getOriginalMessage(), null);
    } catch (IOException | RuntimeException e) {
      throw ImportException.of(SOURCE, "$", "not valid YAML: " + e.getMessage(), null);
    }
    return out;
  }

  /** The vLLM start of a container: command + args, a shell script, or a vLLM image's args. */
  private static VllmInvocation invocation(JsonNode container, String path, String workload) {
    Map<String, String> env = new LinkedHashMap<>();
    container
        .path("env")
        .forEach(
            e -> {
              if (e.hasNonNull("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
              }
            });
    List<String> command = words(container.path("command"), env);
    List<String> args = words(container.path("args"), env);
    String source = SOURCE + " " + workload;
    if (!command.isEmpty() && VllmInvocation.isShell(command.get(0))) {
      List<String> all = new ArrayList<>(command);
      all.addAll(args);
      int c = all.indexOf("-c");
      if (c < 0 || c + 1 >= all.size()) {
        return null;
      }
      String where =
          path
              + (command.indexOf("-c") >= 0 && command.size() > command.indexOf("-c") + 1
                  ? ".command"
                  : ".args");
      return VllmInvocation.findIn(all.get(c + 1), env, source, where, false);
    }
    if (!command.isEmpty()) {
      List<String> all = new ArrayList<>(command);
      all.addAll(args);
      return VllmInvocation.recognise(all);
    }
    Matcher image = VLLM_IMAGE.matcher(container.path("image").asText(""));
    if (image.matches()) {
      // The image's entrypoint starts the OpenAI API server; args are its engine arguments.
      return new VllmInvocation(
          "image " + container.path("image").asText() + " entrypoint", args, Map.of(), List.of());
    }
    return args.isEmpty() ? null : VllmInvocation.recognise(args);
  }

  /** A command or args list with Kubernetes' {@code $(VAR)} references expanded from env. */
  private static List<String> words(JsonNode list, Map<String, String> env) {
    List<String> out = new ArrayList<>();
    list.forEach(
        n -> {
          Matcher m = K8S_VAR.matcher(n.asText());
          StringBuilder b = new StringBuilder();
          while (m.find()) {
            String value = m.group(1) == null ? "$" : env.getOrDefault(m.group(1), m.group());
            m.appendReplacement(b, Matcher.quoteReplacement(value));
          }
          m.appendTail(b);
          out.add(b.toString());
        });
    return out;
  }

  private static Candidate choose(List<Candidate> candidates, String select, List<String> others) {
    if (candidates.isEmpty()) {
      throw new NoModelServedException(
          SOURCE,
          List.of(
              dev.llmadvisor.plan.FieldError.of(
                  "spec.template.spec.containers",
                  "no Deployment, StatefulSet or LeaderWorkerSet container runs vLLM (`vllm"
                      + " serve`, `python -m "
                      + VllmInvocation.API_SERVER
                      + "`, or a vllm/vllm-openai image)",
                  others)));
    }
    List<Candidate> picked =
        select == null ? candidates : candidates.stream().filter(c -> c.matches(select)).toList();
    if (picked.size() == 1) {
      return picked.get(0);
    }
    List<String> labels = candidates.stream().map(Candidate::label).toList();
    throw new ImportException(
        SOURCE,
        List.of(
            new dev.llmadvisor.plan.FieldError(
                "metadata.name",
                picked.isEmpty()
                    ? "no container running vLLM matches '" + select + "'"
                    : picked.size()
                        + " containers run vLLM: name one (workload, container or"
                        + " workload/container)",
                select,
                labels)));
  }

  private static void engineVersion(Draft d, Candidate c) {
    String image = c.container().path("image").asText("");
    Matcher m = VLLM_IMAGE.matcher(image);
    if (!m.matches()) {
      if (!image.isEmpty()) {
        d.notes.add(
            "image "
                + image
                + " is not vllm/vllm-openai: the vLLM version is not known, the advisor"
                + " assumes the catalogue's current one");
      }
      return;
    }
    String tag = m.group(1);
    if (tag != null && tag.matches("v?\\d+(\\.\\d+){1,3}")) {
      String version = tag.startsWith("v") ? tag.substring(1) : tag;
      d.engineVersion = version;
      d.from.put("engine.version", "image " + image);
      d.assume("engine.version", version, "the tag of image " + image);
    } else {
      d.notes.add(
          "image "
              + image
              + " has no version tag: the advisor assumes the catalogue's current vLLM version"
              + " (give engine.version in an overlay)");
    }
  }

  private static void gpus(Draft d, Candidate c) {
    JsonNode resources = c.container().path("resources");
    for (String vendor : GPU_LIMITS) {
      String section =
          resources.path("limits").has(vendor)
              ? "limits"
              : resources.path("requests").has(vendor) ? "requests" : null;
      if (section == null) {
        continue;
      }
      String where = c.path() + ".resources." + section + "[" + vendor + "]";
      String value = resources.path(section).path(vendor).asText();
      if (!value.matches("\\d+") || Integer.parseInt(value) <= 0) {
        d.error(where, "expected a positive whole number of GPUs", value);
        return;
      }
      d.gpusPerNode = Integer.parseInt(value);
      d.from.put("hardware.gpusPerNode", where + " = " + value);
      if (vendor.startsWith("amd")) {
        d.notes.add(where + ": AMD GPUs");
      }
      return;
    }
    d.notes.add(
        c.path()
            + ".resources has no nvidia.com/gpu limit: the pod gets no GPU as written; the plan"
            + " counts the GPUs tensor × pipeline needs");
  }

  /** The GPU model from node labels: required selectors first, preferred ones as an assumption. */
  private void gpuModel(Draft d, Candidate c) {
    JsonNode pod = c.pod();
    String podPath = c.podPath();
    Map<String, Set<String>> required = new LinkedHashMap<>();
    Map<String, Set<String>> preferred = new LinkedHashMap<>();
    for (String key : List.of(GPU_PRODUCT, GKE_ACCELERATOR)) {
      JsonNode selector = pod.path("nodeSelector").path(key);
      if (selector.isValueNode()) {
        required
            .computeIfAbsent(podPath + ".nodeSelector[" + key + "]", k -> new LinkedHashSet<>())
            .add(key + "=" + selector.asText());
      }
    }
    JsonNode affinity = pod.path("affinity").path("nodeAffinity");
    JsonNode terms =
        affinity.path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms");
    for (int t = 0; t < terms.size(); t++) {
      expressions(
          terms.get(t).path("matchExpressions"),
          podPath
              + ".affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms["
              + t
              + "]",
          required);
    }
    JsonNode prefs = affinity.path("preferredDuringSchedulingIgnoredDuringExecution");
    for (int t = 0; t < prefs.size(); t++) {
      expressions(
          prefs.get(t).path("preference").path("matchExpressions"),
          podPath
              + ".affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution["
              + t
              + "]",
          preferred);
    }
    boolean fromPreferred = required.isEmpty();
    Map<String, Set<String>> labels = fromPreferred ? preferred : required;
    if (labels.isEmpty()) {
      d.unresolved.put(
          "hardware.gpu",
          "the manifest does not pin a GPU model (no "
              + GPU_PRODUCT
              + " node selector or node affinity): give hardware.gpu");
      return;
    }
    Set<String> gpus = new LinkedHashSet<>();
    List<String> unmapped = new ArrayList<>();
    String where = null;
    for (Map.Entry<String, Set<String>> e : labels.entrySet()) {
      for (String label : e.getValue()) {
        String id = gpuId(label, d);
        if (id == null) {
          unmapped.add(label);
        } else {
          gpus.add(id);
          where = e.getKey() + " " + label;
        }
      }
    }
    if (!unmapped.isEmpty()) {
      d.unresolved.put(
          "hardware.gpu",
          "node label "
              + String.join(", ", unmapped)
              + " names no catalogue GPU (not guessed): give hardware.gpu");
      return;
    }
    if (gpus.isEmpty()) {
      d.unresolved.put(
          "hardware.gpu",
          "the node affinity on "
              + labels.keySet()
              + " lists no GPU model (its values are empty or not a list): give hardware.gpu");
      return;
    }
    if (gpus.size() > 1) {
      d.unresolved.put(
          "hardware.gpu",
          "the pod may run on any of "
              + gpus
              + " (node labels "
              + labels.values()
              + "): give hardware.gpu");
      return;
    }
    String gpu = gpus.iterator().next();
    d.gpu = gpu;
    d.from.put("hardware.gpu", where);
    if (fromPreferred) {
      d.assume(
          "hardware.gpu",
          gpu,
          "only a preferred node affinity names it (" + where + "): the pod may land elsewhere");
    }
  }

  private static void expressions(JsonNode list, String path, Map<String, Set<String>> out) {
    for (int i = 0; i < list.size(); i++) {
      JsonNode e = list.get(i);
      String key = e.path("key").asText();
      if ((key.equals(GPU_PRODUCT) || key.equals(GKE_ACCELERATOR))
          && e.path("operator").asText().equals("In")) {
        Set<String> values =
            out.computeIfAbsent(path + ".matchExpressions[" + i + "]", k -> new LinkedHashSet<>());
        e.path("values").forEach(v -> values.add(key + "=" + v.asText()));
      }
    }
  }

  /** A node label (key=value) as a GPU catalogue id, or null when it names none exactly. */
  private String gpuId(String label, Draft d) {
    String key = label.substring(0, label.indexOf('='));
    String value = label.substring(label.indexOf('=') + 1);
    if (key.equals(GKE_ACCELERATOR)) {
      // Only the values the catalogue gives a board (importNames.gkeAccelerator in gpus.yaml).
      IdIndex.Imported<GpuSpec> gpu = catalogues.gpus().fromSource("gkeAccelerator", value);
      return gpu == null ? null : gpu.entry().id();
    }
    String product = value;
    if (product.toUpperCase(Locale.ROOT).endsWith("-SHARED")) {
      product = product.substring(0, product.length() - "-SHARED".length());
      d.notes.add(
          label + ": GPUs shared by time-slicing; the plan assumes this pod has the whole GPU");
    }
    // Only an exact id or alias: a prefix would turn NVIDIA-L40 into an L40S.
    Lookup<GpuSpec> found = catalogues.gpus().lookup(product);
    if (found instanceof Lookup.Found<GpuSpec> f && !f.matchedBy().equals("unique prefix")) {
      return f.entry().id();
    }
    return null;
  }

  private static void replicas(Draft d, Candidate c) {
    JsonNode replicas = c.workload().path("spec").path("replicas");
    if (replicas.isMissingNode() || replicas.isNull() || replicas.asInt() == 1) {
      return;
    }
    boolean groups = c.kind().equals(LeaderWorkerSets.KIND);
    d.notes.add(
        "spec.replicas: "
            + replicas.asText()
            + (groups
                ? " leader-worker groups; the plan describes one group, so give"
                    + " workload.concurrentRequests as the load one group carries"
                : " pods; the plan describes one pod, so give workload.concurrentRequests as the"
                    + " load one pod carries"));
  }
}
