package dev.llmadvisor.plan;

import static dev.llmadvisor.text.Units.num;

import dev.llmadvisor.catalogue.ArchitectureCheck;
import dev.llmadvisor.catalogue.CatalogueEntry;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.catalogue.EngineSpec;
import dev.llmadvisor.catalogue.GpuSpec;
import dev.llmadvisor.catalogue.IdIndex;
import dev.llmadvisor.catalogue.KvCacheDtype;
import dev.llmadvisor.catalogue.Lookup;
import dev.llmadvisor.catalogue.ModelSpec;
import dev.llmadvisor.catalogue.PlanDefault;
import dev.llmadvisor.catalogue.PlanValues;
import dev.llmadvisor.catalogue.Versions;
import dev.llmadvisor.catalogue.WeightFormat;
import dev.llmadvisor.plan.DeploymentPlan.Engine;
import dev.llmadvisor.plan.DeploymentPlan.Hardware;
import dev.llmadvisor.plan.DeploymentPlan.Model;
import dev.llmadvisor.plan.DeploymentPlan.Parallelism;
import dev.llmadvisor.plan.DeploymentPlan.Quantization;
import dev.llmadvisor.plan.DeploymentPlan.Usage;
import dev.llmadvisor.plan.DeploymentPlan.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a plan against the catalogues and fills in its documented defaults (docs/plan.md,
 * "Defaults"), listing each default it applied. Every problem is collected and reported at once,
 * each naming its field. Values are only checked for being possible; whether they are wise is for
 * the rules.
 */
public final class PlanResolver {
  /** llama.cpp's {@code --flash-attn} values (common/arg.cpp: on, off, auto). */
  public static final Set<String> FLASH_ATTENTION = Set.of("on", "off", "auto");

  static final int DEFAULT_PROMPT_TOKENS = 1024;
  static final int DEFAULT_OUTPUT_TOKENS = 256;
  static final int MAX_MERGE_DEPTH = 16;

  private final Catalogues catalogues;
  private final List<FieldError> errors = new ArrayList<>();
  private final List<AppliedDefault> defaults = new ArrayList<>();

  private PlanResolver(Catalogues catalogues) {
    this.catalogues = catalogues;
  }

  /**
   * @throws InvalidPlanException (422) listing every field that is impossible or unknown
   */
  public static ResolvedPlan resolve(DeploymentPlan plan, Catalogues catalogues) {
    return new PlanResolver(catalogues).resolve(plan);
  }

  private ResolvedPlan resolve(DeploymentPlan p) {
    String environment = oneOf("environment", p.environment());
    ModelSpec model = model(p.model());
    GpuSpec gpu = gpu(p.hardware());
    Quantization q = p.quantization() == null ? new Quantization(null, null) : p.quantization();
    WeightFormat weights =
        q.weights() == null
            ? null
            : lookup("quantization.weights", q.weights(), catalogues.weightFormats(), null, null);
    KvCacheDtype kv =
        lookup(
            "quantization.kvCache",
            q.kvCache(),
            catalogues.kvCacheDtypes(),
            "auto",
            "the engine's default: the KV cache takes the model's dtype");
    Engine e =
        p.engine() == null
            ? new Engine(null, null, null, null, null, null, null, null, null, null)
            : p.engine();
    EngineSpec engine =
        lookup("engine.name", e.name(), catalogues.engines(), "vllm", "the default engine");
    Parallelism parallelism = parallelism(p.parallelism());
    checkPlanValues(p);
    if (!errors.isEmpty()) {
      throw invalid();
    }
    String version = e.version();
    if (version == null) {
      version = engine.defaultVersion();
      defaulted("engine.version", version, "the catalogue's current " + engine.name() + " version");
    } else if (!Versions.isValid(version)) {
      errors.add(
          FieldError.of("engine.version", "not a version number (like \"0.19.0\")", version));
      throw invalid();
    }
    EngineSpec.Release release = engine.releaseFor(version);
    if (model.architecture().maxPositionEmbeddings() == null && e.maxModelLen() == null) {
      errors.add(
          FieldError.of(
              "model.architecture.maxPositionEmbeddings",
              "required unless engine.maxModelLen is given: the engine derives its context from it",
              null));
      throw invalid();
    }
    if (weights == null) {
      weights = autoDtype(model, gpu, engine, release, version);
    }
    Engine resolvedEngine = engineSettings(e, engine, release, version, model, gpu);
    Hardware hardware = hardware(p.hardware(), gpu, parallelism);
    Workload workload = workload(p.workload(), resolvedEngine.maxModelLen());
    Usage usage = usage(p.usage());
    if (!errors.isEmpty()) {
      throw invalid();
    }
    boolean custom = p.model().architecture() != null;
    DeploymentPlan completed =
        new DeploymentPlan(
            p.name() == null ? "unnamed-plan" : p.name(),
            environment,
            // The architecture only when the plan gave it: echoed for a catalogued model, it would
            // make the plan, posted back, a model outside the catalogue.
            new Model(
                model.id(),
                custom ? model.architecture() : null,
                p.model().licence(),
                p.model().licenceName(),
                p.model().licenceLink(),
                p.model().mergedFrom()),
            new Quantization(weights.id(), kv.id()),
            resolvedEngine,
            hardware,
            parallelism,
            workload,
            usage,
            p.slo(),
            p.observed(),
            p.monitoring());
    return new ResolvedPlan(
        completed, model, custom, gpu, weights, kv, engine, release, List.copyOf(defaults));
  }

  private InvalidPlanException invalid() {
    return new InvalidPlanException(
        false,
        errors.size() == 1
            ? "The plan has an invalid value: " + errors.get(0).field() + "."
            : "The plan has " + errors.size() + " invalid values.",
        errors);
  }

  private void defaulted(String field, Object value, String reason) {
    defaults.add(new AppliedDefault(field, value, reason));
  }

  /** What the plan gives; where it gives nothing, the release's default, recorded as applied. */
  private <T> T orDefault(String field, T given, T byDefault, String reason) {
    if (given == null && byDefault != null) {
      defaulted(field, byDefault, reason);
      return byDefault;
    }
    return given;
  }

  /**
   * A setting the plan gives for an engine release that has no default for it, i.e. no such
   * setting: an error naming the field. Returns what the plan gave.
   */
  private <T> T onlyWhereTheEngineHasIt(String field, T given, T releaseDefault, String message) {
    if (given != null && releaseDefault == null) {
      errors.add(FieldError.of(field, message, given));
    }
    return given;
  }

  private ModelSpec model(Model m) {
    if (m == null) {
      errors.add(
          FieldError.of(
              "model", "required: give model.id (a catalogue id) or model.architecture", null));
      return null;
    }
    licence("model", m);
    checkComponents("model.mergedFrom", m.mergedFrom(), 1);
    if (m.architecture() != null) {
      List<ArchitectureCheck.Problem> problems =
          ArchitectureCheck.problems(m.architecture(), false);
      problems.forEach(
          pr -> errors.add(FieldError.of("model.architecture." + pr.field(), pr.message(), null)));
      if (!problems.isEmpty()) {
        return null;
      }
      String id = m.id() == null ? "custom-model" : m.id();
      if (m.id() == null) {
        defaulted("model.id", id, "the plan gives an architecture without an id");
      }
      // A plan's own architecture wins over the catalogue's; its licence is only what the plan
      // says.
      return new ModelSpec(
          id,
          List.of(),
          "custom",
          null,
          m.licence(),
          "bf16",
          List.of(),
          m.architecture(),
          null,
          "U",
          "the plan's model.architecture");
    }
    if (m.id() == null) {
      errors.add(FieldError.of("model.id", "required unless model.architecture is given", null));
      return null;
    }
    return lookup("model.id", m.id(), catalogues.models(), null, null);
  }

  private void checkComponents(String field, List<Model> components, int depth) {
    if (components == null) {
      return;
    }
    if (depth > MAX_MERGE_DEPTH) {
      errors.add(
          FieldError.of(field, "merges nested deeper than " + MAX_MERGE_DEPTH + " levels", null));
      return;
    }
    for (int i = 0; i < components.size(); i++) {
      Model c = components.get(i);
      String at = field + "[" + i + "]";
      if (c == null || c.id() == null || c.id().isBlank()) {
        errors.add(
            FieldError.of(at + ".id", "required: each merged component names its model", null));
        continue;
      }
      licence(at, c);
      checkComponents(at + ".mergedFrom", c.mergedFrom(), depth + 1);
    }
  }

  private GpuSpec gpu(Hardware h) {
    if (h == null || h.gpu() == null) {
      errors.add(
          FieldError.of(
              "hardware.gpu", "required: a GPU catalogue id such as H100-SXM-80GB", null));
      return null;
    }
    return lookup("hardware.gpu", h.gpu(), catalogues.gpus(), null, null);
  }

  /**
   * The weights when the plan gives none: what the engine's {@code dtype=auto} loads. That is the
   * model's native dtype, unless the GPU cannot compute in it (BF16 on a GPU whose catalogue entry
   * has no BF16 rate) and the engine release falls back (its {@code autoDtypeFallback}, read in
   * vLLM's {@code _resolve_auto_dtype}): then FP16, or FP32 for a model type the release refuses in
   * float16. Without a fallback the native dtype stays, and the rules say what the engine does with
   * it.
   */
  private WeightFormat autoDtype(
      ModelSpec model, GpuSpec gpu, EngineSpec engine, EngineSpec.Release release, String version) {
    String dtype = model.nativeDtype();
    String reason = "the model's native dtype";
    boolean gpuLacksBf16 = gpu.denseTflops() != null && gpu.denseTflops().bf16() == null;
    if ("bf16".equals(dtype) && gpuLacksBf16 && Boolean.TRUE.equals(release.autoDtypeFallback())) {
      dtype = release.refusesFloat16(model.modelType()) ? "fp32" : "fp16";
      reason =
          engine.name()
              + " "
              + version
              + " resolves dtype=auto to "
              + dtype.toUpperCase(java.util.Locale.ROOT)
              + ": "
              + gpu.id()
              + " has no BF16, the model's native dtype"
              + ("fp32".equals(dtype)
                  ? ", and " + engine.name() + " refuses float16 for " + model.modelType()
                  : "");
    }
    defaulted("quantization.weights", dtype, reason);
    return catalogues.weightFormats().get(dtype);
  }

  /** Resolves an id; a null id takes {@code fallback} (listed as a default) or is an error. */
  private <T extends CatalogueEntry> T lookup(
      String field, String given, IdIndex<T> index, String fallback, String reason) {
    if (given == null) {
      if (fallback == null) {
        errors.add(FieldError.of(field, "required", null));
        return null;
      }
      defaulted(field, fallback, reason);
      return index.get(fallback);
    }
    Lookup<T> found = index.lookup(given);
    if (found instanceof Lookup.Found<T> f) {
      if (!f.entry().id().equals(given)) {
        defaulted(field, f.entry().id(), "'" + given + "' resolved by " + f.matchedBy());
      }
      return f.entry();
    }
    errors.add(FieldError.ofLookup(field, given, found));
    return null;
  }

  /** The plan's value, or the catalogued default for {@code field} (listed as applied). */
  private String oneOf(String field, String given) {
    if (given == null) {
      return catalogued(field).text();
    }
    return declared(field, given) ? given : catalogues.planDefault(field).text();
  }

  /**
   * True when {@code given} is absent or one of the values {@code catalogues/plan-values.yaml}
   * declares for {@code field}; otherwise records an error listing them, the nearest first.
   */
  private boolean declared(String field, String given) {
    PlanValues declared = catalogues.planValues(field);
    if (given == null || declared.values().contains(given)) {
      return true;
    }
    errors.add(
        new FieldError(
            field,
            "must be one of " + new TreeSet<>(declared.values()),
            given,
            declared.nearest(given)));
    return false;
  }

  /** The default {@code catalogues/plan-defaults.yaml} gives for {@code id}, listed as applied. */
  private PlanDefault catalogued(String id) {
    PlanDefault d = catalogues.planDefault(id);
    defaulted(
        id.startsWith("hardware.interconnect") ? "hardware.interconnect" : id,
        d.value(),
        d.reason());
    return d;
  }

  private Parallelism parallelism(Parallelism p) {
    Integer tensor = p == null ? null : p.tensor();
    Integer pipeline = p == null ? null : p.pipeline();
    if (tensor == null) {
      tensor = 1;
      defaulted("parallelism.tensor", 1, "no tensor parallelism unless the plan asks for it");
    }
    if (pipeline == null) {
      pipeline = 1;
      defaulted("parallelism.pipeline", 1, "no pipeline parallelism unless the plan asks for it");
    }
    positive("parallelism.tensor", tensor);
    positive("parallelism.pipeline", pipeline);
    // Expert parallelism: no default (absent means none); whether the engine accepts the size is
    // for the rules (rules/parallelism.drl, MOE-…).
    positive("parallelism.expert", p == null ? null : p.expert());
    return new Parallelism(tensor, pipeline, p == null ? null : p.expert());
  }

  /** Range checks of the numbers that need no catalogue. */
  private void checkPlanValues(DeploymentPlan p) {
    if (p.engine() != null) {
      Engine e = p.engine();
      if (e.gpuMemoryUtilization() != null
          && !(e.gpuMemoryUtilization() > 0 && e.gpuMemoryUtilization() <= 1)) {
        errors.add(
            FieldError.of(
                "engine.gpuMemoryUtilization", "must be in (0, 1]", e.gpuMemoryUtilization()));
      }
      positive("engine.maxModelLen", e.maxModelLen());
      positive("engine.maxNumSeqs", e.maxNumSeqs());
      positive("engine.maxNumBatchedTokens", e.maxNumBatchedTokens());
      positive("engine.maxBatchSize", e.maxBatchSize());
      positive("engine.maxInputLen", e.maxInputLen());
      if (e.gpuLayers() != null && e.gpuLayers() < 0) {
        errors.add(
            FieldError.of(
                "engine.gpuLayers",
                "must be 0 or more (llama.cpp's -ngl; the model's layers + 1 offloads all of it)",
                e.gpuLayers()));
      }
      member("engine.flashAttention", e.flashAttention(), FLASH_ATTENTION);
    }
    if (p.hardware() != null) {
      positive("hardware.gpusPerNode", p.hardware().gpusPerNode());
      positive("hardware.nodes", p.hardware().nodes());
      declared("hardware.interconnect", p.hardware().interconnect());
    }
    if (p.workload() != null) {
      Workload w = p.workload();
      positive("workload.concurrentRequests", w.concurrentRequests());
      positive("workload.promptTokens", w.promptTokens());
      positive("workload.outputTokens", w.outputTokens());
      declared("workload.task", w.task());
      declared("workload.criticality", w.criticality());
    }
    if (p.usage() != null
        && p.usage().monthlyActiveUsers() != null
        && p.usage().monthlyActiveUsers() < 0) {
      errors.add(
          FieldError.of(
              "usage.monthlyActiveUsers", "must not be negative", p.usage().monthlyActiveUsers()));
    }
    if (p.slo() != null) {
      positive("slo.ttftP99Ms", p.slo().ttftP99Ms());
    }
    if (p.observed() != null) {
      positive("observed.ttftP99Ms", p.observed().ttftP99Ms());
      percent("observed.kvCacheWastePct", p.observed().kvCacheWastePct());
      percent("observed.oomErrorRatePct", p.observed().oomErrorRatePct());
    }
    if (p.monitoring() != null && p.monitoring().alerts() != null) {
      positive("monitoring.alerts.ttftP99Ms", p.monitoring().alerts().ttftP99Ms());
      percent("monitoring.alerts.kvCacheWastePct", p.monitoring().alerts().kvCacheWastePct());
      percent("monitoring.alerts.oomErrorRatePct", p.monitoring().alerts().oomErrorRatePct());
    }
  }

  /**
   * True when {@code given} is absent or allowed; otherwise records an error listing the values.
   */
  private boolean member(String field, String given, Set<String> allowed) {
    if (given == null || allowed.contains(given)) {
      return true;
    }
    List<String> values = List.copyOf(new TreeSet<>(allowed));
    errors.add(new FieldError(field, "must be one of " + values, given, values));
    return false;
  }

  private void positive(String field, Number value) {
    if (value != null && !(value.doubleValue() > 0)) {
      errors.add(FieldError.of(field, "must be greater than zero", value));
    }
  }

  private void percent(String field, Double value) {
    if (value != null && !(value >= 0 && value <= 100)) {
      errors.add(FieldError.of(field, "must be a percentage between 0 and 100", value));
    }
  }

  private Engine engineSettings(
      Engine e,
      EngineSpec engine,
      EngineSpec.Release release,
      String version,
      ModelSpec model,
      GpuSpec gpu) {
    EngineSpec.Defaults d = release.defaults();
    String from = engine.name() + " " + version + " default";
    Double util =
        orDefault(
            "engine.gpuMemoryUtilization",
            e.gpuMemoryUtilization(),
            d.gpuMemoryUtilization(),
            from);
    Integer maxModelLen = e.maxModelLen();
    if (maxModelLen == null) {
      maxModelLen = model.architecture().maxPositionEmbeddings();
      defaulted(
          "engine.maxModelLen",
          maxModelLen,
          "the model's maxPositionEmbeddings, as the engine derives it");
    }
    EngineSpec.LargeGpuDefaults large =
        d.largeGpu() != null && d.largeGpu().appliesTo(gpu) ? d.largeGpu() : null;
    String fromLarge =
        large == null ? from : from + " on a GPU of " + num(large.minMemoryGib()) + " GiB or more";
    Integer maxNumSeqs = e.maxNumSeqs();
    if (maxNumSeqs == null) {
      maxNumSeqs = large != null ? large.maxNumSeqs() : d.maxNumSeqs();
      if (maxNumSeqs != null) {
        defaulted("engine.maxNumSeqs", maxNumSeqs, fromLarge);
      }
    }
    Integer batched = e.maxNumBatchedTokens();
    if (batched == null) {
      boolean chunked = Boolean.TRUE.equals(release.chunkedPrefill());
      Integer byDefault = large != null ? large.maxNumBatchedTokens() : d.maxNumBatchedTokens();
      // Without chunked prefill a whole prompt of maxModelLen is one batch.
      batched =
          chunked && byDefault != null
              ? byDefault
              : Math.max(maxModelLen, byDefault == null ? 0 : byDefault);
      defaulted(
          "engine.maxNumBatchedTokens",
          batched,
          chunked
              ? fromLarge + " (chunked prefill)"
              : "maxModelLen: without chunked prefill one prompt is one batch");
    }
    Integer maxBatchSize =
        orDefault(
            "engine.maxBatchSize",
            e.maxBatchSize(),
            d.maxBatchSize(),
            from + " engine build limit");
    Integer maxInputLen =
        orDefault(
            "engine.maxInputLen", e.maxInputLen(), d.maxInputLen(), from + " engine build limit");
    // llama.cpp's -ngl and --flash-attn: the release's defaults; no other engine has them.
    Integer gpuLayers =
        onlyWhereTheEngineHasIt(
            "engine.gpuLayers",
            e.gpuLayers(),
            d.gpuLayers(),
            engine.name() + " has no layer offload setting (llama.cpp's -ngl)");
    if (gpuLayers == null && d.gpuLayers() != null) {
      // llama.cpp: a negative -ngl offloads every layer and the output layer (layers + 1).
      int all = model.architecture().numHiddenLayers() + 1;
      gpuLayers = d.gpuLayers() < 0 ? all : d.gpuLayers();
      defaulted(
          "engine.gpuLayers",
          gpuLayers,
          d.gpuLayers() < 0
              ? from + ": every layer and the output layer (" + all + ")"
              : from + " (-ngl " + d.gpuLayers() + ")");
    }
    String flashAttention =
        orDefault(
            "engine.flashAttention",
            onlyWhereTheEngineHasIt(
                "engine.flashAttention",
                e.flashAttention(),
                d.flashAttention(),
                engine.name() + " has no flash-attention setting (llama.cpp's --flash-attn)"),
            d.flashAttention(),
            from + " (--flash-attn)");
    return new Engine(
        engine.id(),
        version,
        util,
        maxModelLen,
        maxNumSeqs,
        batched,
        maxBatchSize,
        maxInputLen,
        gpuLayers,
        flashAttention);
  }

  private Hardware hardware(Hardware h, GpuSpec gpu, Parallelism par) {
    int perReplica = par.tensor() * par.pipeline();
    Integer nodes = h.nodes();
    if (nodes == null) {
      nodes = 1;
      defaulted("hardware.nodes", 1, "one node unless the plan says otherwise");
    }
    Integer perNode = h.gpusPerNode();
    if (perNode == null) {
      perNode = (perReplica + nodes - 1) / nodes;
      defaulted("hardware.gpusPerNode", perNode, "as many GPUs as tensor × pipeline needs");
    }
    if (par.expert() != null && par.expert() > 0 && (long) perNode * nodes < par.expert()) {
      errors.add(
          FieldError.of(
              "parallelism.expert",
              "an expert-parallel group of " + par.expert() + gpusTheNodesHave(perNode, nodes),
              par.expert()));
    }
    if ((long) perNode * nodes < perReplica) {
      errors.add(
          FieldError.of(
              "parallelism",
              "tensor × pipeline = "
                  + par.tensor()
                  + " × "
                  + par.pipeline()
                  + " = "
                  + perReplica
                  + gpusTheNodesHave(perNode, nodes),
              perReplica));
    }
    String interconnect = h.interconnect();
    if (interconnect == null && nodes > 1) {
      interconnect = catalogued("hardware.interconnect.betweenNodes").text();
    } else if (interconnect == null) {
      // Inside a node the link is a fact of the GPU's board, not a policy.
      interconnect = gpu.boardLink();
      defaulted(
          "hardware.interconnect",
          interconnect,
          "pcie".equals(interconnect)
              ? "no NVLink switch on " + gpu.id()
              : gpu.id()
                  + " boards link their GPUs by "
                  + (gpu.hasNvlinkSwitch() ? "NVLink" : interconnect));
    } else if ("nvlink".equals(interconnect) && !gpu.hasNvlink()) {
      errors.add(FieldError.of("hardware.interconnect", gpu.id() + " has no NVLink", interconnect));
    } else if (nodes == 1
        && GpuSpec.FABRICS.contains(interconnect)
        && !interconnect.equals(gpu.boardLink())) {
      errors.add(
          FieldError.of(
              "hardware.interconnect", gpu.id() + " has no " + interconnect, interconnect));
    }
    return new Hardware(gpu.id(), perNode, nodes, interconnect);
  }

  /** The end of a message that asks for more GPUs than the nodes have. */
  private static String gpusTheNodesHave(int perNode, int nodes) {
    return " GPUs, but the plan has "
        + perNode
        + " GPUs per node × "
        + nodes
        + (nodes == 1 ? " node = " : " nodes = ")
        + (perNode * nodes);
  }

  private Workload workload(Workload w, int maxModelLen) {
    if (w == null) {
      w = new Workload(null, null, null, null, null);
    }
    Integer concurrent = w.concurrentRequests();
    if (concurrent == null) {
      concurrent = 1;
      defaulted("workload.concurrentRequests", 1, "no concurrency target given");
    }
    Integer prompt = w.promptTokens();
    if (prompt == null) {
      prompt = Math.min(DEFAULT_PROMPT_TOKENS, Math.max(1, maxModelLen / 2));
      defaulted(
          "workload.promptTokens", prompt, "a typical chat prompt, at most half of maxModelLen");
    }
    Integer output = w.outputTokens();
    if (output == null) {
      output = Math.min(DEFAULT_OUTPUT_TOKENS, Math.max(1, maxModelLen / 4));
      defaulted(
          "workload.outputTokens",
          output,
          "a typical chat answer, at most a quarter of maxModelLen");
    }
    String task = w.task() == null ? catalogued("workload.task").text() : w.task();
    String criticality =
        w.criticality() == null ? catalogued("workload.criticality").text() : w.criticality();
    return new Workload(concurrent, prompt, output, task, criticality);
  }

  /**
   * A model's declared licence: a catalogue id or alias, or Hugging Face's {@code other} (custom
   * terms, which {@code licenceName} and {@code licenceLink} describe and only it takes).
   */
  private void licence(String at, Model m) {
    boolean custom = Model.CUSTOM_TERMS.equals(m.licence());
    if (m.licence() != null && !custom) {
      if (lookup(at + ".licence", m.licence(), catalogues.licences(), null, null) == null) {
        FieldError e = errors.remove(errors.size() - 1);
        errors.add(
            new FieldError(
                e.field(),
                e.message()
                    + "; for terms the catalogue does not hold, give licence: "
                    + Model.CUSTOM_TERMS
                    + " with licenceName and licenceLink",
                e.rejectedValue(),
                e.nearest()));
      }
    }
    for (String[] f :
        new String[][] {{"licenceName", m.licenceName()}, {"licenceLink", m.licenceLink()}}) {
      if (f[1] != null && !custom) {
        errors.add(
            FieldError.of(
                at + "." + f[0],
                "names custom terms: give it only with licence: " + Model.CUSTOM_TERMS,
                f[1]));
      } else if (f[1] != null && f[1].isBlank()) {
        errors.add(FieldError.of(at + "." + f[0], "must not be blank", f[1]));
      }
    }
  }

  private Usage usage(Usage u) {
    if (u == null) {
      u = new Usage(null, null, null, null, null);
    }
    for (String[] f :
        new String[][] {
          {"usage.productName", u.productName()},
          {"usage.publishedModelName", u.publishedModelName()}
        }) {
      if (f[1] != null && f[1].isBlank()) {
        errors.add(FieldError.of(f[0], "must not be blank", f[1]));
      }
    }
    Boolean commercial =
        u.commercial() == null ? catalogued("usage.commercial").flag() : u.commercial();
    Boolean redistribution =
        u.redistribution() == null ? catalogued("usage.redistribution").flag() : u.redistribution();
    return new Usage(
        commercial,
        redistribution,
        u.monthlyActiveUsers(),
        u.productName(),
        u.publishedModelName());
  }
}
