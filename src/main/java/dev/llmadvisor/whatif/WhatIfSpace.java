package dev.llmadvisor.whatif;

import dev.llmadvisor.catalogue.CatalogueEntry;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.catalogue.EngineSpec;
import dev.llmadvisor.catalogue.GpuSpec;
import dev.llmadvisor.catalogue.IdIndex;
import dev.llmadvisor.catalogue.Lookup;
import dev.llmadvisor.catalogue.MemoryModel;
import dev.llmadvisor.catalogue.ModelSpec;
import dev.llmadvisor.catalogue.Strategy;
import dev.llmadvisor.catalogue.WeightFormat;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.DeploymentPlan.Engine;
import dev.llmadvisor.plan.DeploymentPlan.Hardware;
import dev.llmadvisor.plan.DeploymentPlan.Parallelism;
import dev.llmadvisor.plan.DeploymentPlan.Quantization;
import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.plan.PlanResolver;
import dev.llmadvisor.plan.ResolvedPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The candidates a what-if request spans, after its constraints are checked: every GPU of the
 * catalogue (or the request's) × GPUs per node (1, 2, 4, 8; a full node of 8 for more than one
 * node) × nodes × tensor × pipeline layout (tensor parallelism a power of two inside a node, any
 * pipeline depth whose replica divides the GPUs; the GPUs left over form further replicas) × engine
 * × weight format × KV-cache dtype. The engines and formats are those the advisor writes commands
 * for ({@link #SEARCHABLE}): a candidate it could not tell you how to run is not offered.
 */
public final class WhatIfSpace {
  public static final int DEFAULT_MAX_GPUS = 8;
  public static final int LIMIT_GPUS = 64;
  public static final int LIMIT_NODES = 8;
  static final int FULL_NODE = 8;
  static final int[] PER_NODE = {1, 2, 4, 8};

  /**
   * Engine → the weight formats and KV-cache dtypes searched on it, in order: the formats {@code
   * strategy.Commands} writes steps for (the decision tree's strategies, 16-bit for vLLM, GGUF for
   * llama.cpp), and the engine's default KV cache beside its 8-bit one.
   */
  public static final Map<String, Searchable> SEARCHABLE =
      linked(
          new Searchable("vllm", List.of("bf16", "fp8", "int8-w8a8", "awq-int4"), kv("fp8")),
          new Searchable("tensorrt-llm", List.of("fp8", "int8-w8a8", "awq-int4"), kv("fp8")),
          new Searchable("llama.cpp", List.of("gguf-q8_0", "gguf-q4_k_m"), kv("q8_0")));

  /** An engine of the search with its formats and KV-cache dtypes. */
  public record Searchable(String engine, List<String> formats, List<String> kvCaches) {}

  private static List<String> kv(String eightBit) {
    return List.of(eightBit, "auto");
  }

  private static Map<String, Searchable> linked(Searchable... s) {
    Map<String, Searchable> m = new LinkedHashMap<>();
    for (Searchable x : s) {
      m.put(x.engine(), x);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** One point of the space: a plan to size and, unless pruned, to evaluate. */
  public record Point(
      GpuSpec gpu,
      int gpusPerNode,
      int nodes,
      int tensor,
      int pipeline,
      EngineSpec engine,
      WeightFormat weights,
      String kvCache) {
    public int gpus() {
      return gpusPerNode * nodes;
    }

    /** The family a failure is reported by: GPU, engine and weight format. */
    public String family() {
      return gpu.id() + " · " + engine.id() + " · " + weights.id();
    }
  }

  private final WhatIfRequest request;
  private final Catalogues catalogues;
  private final List<GpuSpec> gpus;
  private final int maxGpus;
  private final int maxNodes;
  private final List<String> engines;
  private final Map<String, List<String>> formatsByEngine;
  private final Set<String> formats;
  private final QualityClass minQuality;
  private final int maxModelLen;

  private WhatIfSpace(
      WhatIfRequest request,
      Catalogues catalogues,
      List<GpuSpec> gpus,
      int maxGpus,
      int maxNodes,
      List<String> engines,
      Map<String, List<String>> formatsByEngine,
      Set<String> formats,
      QualityClass minQuality,
      int maxModelLen) {
    this.request = request;
    this.catalogues = catalogues;
    this.gpus = gpus;
    this.maxGpus = maxGpus;
    this.maxNodes = maxNodes;
    this.engines = engines;
    this.formatsByEngine = formatsByEngine;
    this.formats = formats;
    this.minQuality = minQuality;
    this.maxModelLen = maxModelLen;
  }

  public List<GpuSpec> gpus() {
    return gpus;
  }

  public int maxGpus() {
    return maxGpus;
  }

  public int maxNodes() {
    return maxNodes;
  }

  public List<String> engines() {
    return engines;
  }

  public QualityClass minQuality() {
    return minQuality;
  }

  public int maxModelLen() {
    return maxModelLen;
  }

  /**
   * Checks the request: the constraints here (unknown ids with the nearest ones, limits), and the
   * plan sections through the plan resolver on a probe plan, so that they are checked exactly as in
   * a posted plan.
   *
   * @throws InvalidPlanException 422, each error naming its field
   */
  public static WhatIfSpace of(WhatIfRequest r, Catalogues catalogues) {
    List<FieldError> errors = new ArrayList<>();
    if (r.model() == null) {
      errors.add(FieldError.of("model", "required: the model to deploy", null));
    }
    WhatIfRequest.Constraints c =
        r.constraints() == null
            ? new WhatIfRequest.Constraints(null, null, null, null, null, null)
            : r.constraints();
    List<GpuSpec> gpus = new ArrayList<>();
    if (c.gpus() == null) {
      gpus.addAll(catalogues.gpus().all());
    } else {
      if (c.gpus().isEmpty()) {
        errors.add(
            FieldError.of("constraints.gpus", "empty: leave it out to search every GPU", null));
      }
      for (int i = 0; i < c.gpus().size(); i++) {
        GpuSpec g =
            lookup("constraints.gpus[" + i + "]", c.gpus().get(i), catalogues.gpus(), errors);
        if (g != null && !gpus.contains(g)) {
          gpus.add(g);
        }
      }
    }
    int maxGpus = range("constraints.maxGpus", c.maxGpus(), DEFAULT_MAX_GPUS, LIMIT_GPUS, errors);
    int maxNodes = range("constraints.maxNodes", c.maxNodes(), 1, LIMIT_NODES, errors);
    if (maxNodes > 1 && maxGpus < FULL_NODE * 2 && c.maxGpus() != null) {
      errors.add(
          new FieldError(
              "constraints.maxGpus",
              "candidates over several nodes use full nodes of "
                  + FULL_NODE
                  + " GPUs: with maxNodes "
                  + maxNodes
                  + ", maxGpus must be at least "
                  + FULL_NODE * 2,
              c.maxGpus(),
              List.of()));
    }
    if (maxNodes > 1 && c.maxGpus() == null) {
      maxGpus = Math.min(LIMIT_GPUS, FULL_NODE * maxNodes);
    }
    List<String> engines = new ArrayList<>();
    if (c.engines() == null) {
      engines.addAll(SEARCHABLE.keySet());
    } else {
      if (c.engines().isEmpty()) {
        errors.add(
            FieldError.of(
                "constraints.engines", "empty: leave it out to search every engine", null));
      }
      for (int i = 0; i < c.engines().size(); i++) {
        String field = "constraints.engines[" + i + "]";
        EngineSpec e = lookup(field, c.engines().get(i), catalogues.engines(), errors);
        if (e != null && !SEARCHABLE.containsKey(e.id())) {
          errors.add(
              new FieldError(
                  field,
                  "the advisor writes no commands for "
                      + e.id()
                      + " yet, so the search does not offer it",
                  c.engines().get(i),
                  List.copyOf(SEARCHABLE.keySet())));
        } else if (e != null && !engines.contains(e.id())) {
          engines.add(e.id());
        }
      }
    }
    Map<String, List<String>> formatsByEngine = formatsByEngine(r, catalogues);
    Set<String> searchableFormats = new LinkedHashSet<>();
    formatsByEngine.values().forEach(searchableFormats::addAll);
    Set<String> formats = new LinkedHashSet<>();
    if (c.weightFormats() == null) {
      formats.addAll(searchableFormats);
    } else {
      if (c.weightFormats().isEmpty()) {
        errors.add(
            FieldError.of(
                "constraints.weightFormats", "empty: leave it out to search every format", null));
      }
      for (int i = 0; i < c.weightFormats().size(); i++) {
        String field = "constraints.weightFormats[" + i + "]";
        WeightFormat f =
            lookup(field, c.weightFormats().get(i), catalogues.weightFormats(), errors);
        if (f != null && !searchableFormats.contains(f.id())) {
          errors.add(
              new FieldError(
                  field,
                  "the search offers only formats it writes the quantization and serve steps for",
                  c.weightFormats().get(i),
                  List.copyOf(searchableFormats)));
        } else if (f != null) {
          formats.add(f.id());
        }
      }
    }
    QualityClass minQuality = QualityClass.BELOW_4_BIT;
    if (c.minQuality() != null) {
      minQuality = QualityClass.byLabel(c.minQuality());
      if (minQuality == null) {
        errors.add(
            new FieldError(
                "constraints.minQuality",
                "unknown quality class '" + c.minQuality() + "'",
                c.minQuality(),
                QualityClass.labels()));
        minQuality = QualityClass.BELOW_4_BIT;
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidPlanException(false, "The what-if request has impossible values.", errors);
    }
    // The plan's own sections, checked as the resolver checks a posted plan, on a probe.
    int maxModelLen;
    try {
      ResolvedPlan probe =
          PlanResolver.resolve(
              plan(r, gpus.get(0), 1, 1, 1, 1, catalogues.engines().get("vllm"), "bf16", "auto", 0),
              catalogues);
      maxModelLen = probe.plan().engine().maxModelLen();
    } catch (InvalidPlanException e) {
      List<FieldError> mine = new ArrayList<>();
      for (FieldError f : e.errors()) {
        if (f.field().equals("engine.maxModelLen")) {
          mine.add(new FieldError("maxModelLen", f.message(), f.rejectedValue(), f.nearest()));
        } else if (f.field().equals("hardware.interconnect")) {
          mine.add(new FieldError("interconnect", f.message(), f.rejectedValue(), f.nearest()));
        } else {
          mine.add(f);
        }
      }
      throw new InvalidPlanException(false, "The what-if request has impossible values.", mine);
    }
    return new WhatIfSpace(
        r,
        catalogues,
        List.copyOf(gpus),
        maxGpus,
        maxNodes,
        List.copyOf(engines),
        formatsByEngine,
        formats,
        minQuality,
        maxModelLen);
  }

  /**
   * The formats searched on each engine: those it writes commands for ({@link #SEARCHABLE}), and on
   * the engines of its strategy, the model's published format when none of those is it (gpt-oss's
   * MXFP4, served as published: {@code catalogues/strategies.yaml}). A model not published in MXFP4
   * is not offered it, since no checkpoint of it exists.
   */
  static Map<String, List<String>> formatsByEngine(WhatIfRequest r, Catalogues catalogues) {
    String published = null;
    if (r.model() != null
        && r.model().id() != null
        && catalogues.models().lookup(r.model().id()) instanceof Lookup.Found<ModelSpec> m) {
      published = m.entry().nativeDtype();
    }
    Strategy servedAsPublished =
        published == null ? null : WhatIfSearch.strategyOf(catalogues, published);
    Map<String, List<String>> byEngine = new LinkedHashMap<>();
    for (Searchable s : SEARCHABLE.values()) {
      List<String> formats = new ArrayList<>(s.formats());
      if (servedAsPublished != null
          && servedAsPublished.engines().contains(s.engine())
          && !formats.contains(published)) {
        formats.add(0, published);
      }
      byEngine.put(s.engine(), List.copyOf(formats));
    }
    return java.util.Collections.unmodifiableMap(byEngine);
  }

  private static <T extends CatalogueEntry> T lookup(
      String field, String given, IdIndex<T> index, List<FieldError> errors) {
    if (given == null || given.isBlank()) {
      errors.add(FieldError.of(field, "an id is required", given));
      return null;
    }
    Lookup<T> found = index.lookup(given);
    if (found instanceof Lookup.Found<T> f) {
      return f.entry();
    }
    errors.add(FieldError.ofLookup(field, given, found));
    return null;
  }

  private static int range(
      String field, Integer given, int dflt, int max, List<FieldError> errors) {
    if (given == null) {
      return dflt;
    }
    if (given < 1 || given > max) {
      errors.add(FieldError.of(field, "must be from 1 to " + max, given));
      return dflt;
    }
    return given;
  }

  /** Every point of the space, in a fixed order (GPU, nodes, GPUs per node, layout, engine …). */
  public void forEach(Consumer<Point> each) {
    for (GpuSpec g : gpus) {
      for (int nodes = 1; nodes <= maxNodes; nodes++) {
        for (int perNode : PER_NODE) {
          if (nodes > 1 && perNode != FULL_NODE) {
            continue;
          }
          int total = perNode * nodes;
          if (total > maxGpus) {
            continue;
          }
          for (int tp = perNode; tp >= 1; tp /= 2) {
            for (int pp = 1; tp * pp <= total; pp++) {
              if (total % (tp * pp) != 0) {
                continue;
              }
              for (String engineId : engines) {
                EngineSpec e = catalogues.engines().get(engineId);
                Searchable s = SEARCHABLE.get(engineId);
                for (String f : formatsByEngine.get(engineId)) {
                  if (!formats.contains(f)) {
                    continue;
                  }
                  WeightFormat w = catalogues.weightFormats().get(f);
                  if (QualityClass.of(w).compareTo(minQuality) < 0) {
                    continue;
                  }
                  for (String kv : s.kvCaches()) {
                    each.accept(new Point(g, perNode, nodes, tp, pp, e, w, kv));
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /** The plan of a point, as a user would post it. */
  public DeploymentPlan plan(Point p) {
    return plan(
        request,
        p.gpu(),
        p.gpusPerNode(),
        p.nodes(),
        p.tensor(),
        p.pipeline(),
        p.engine(),
        p.weights().id(),
        p.kvCache(),
        maxModelLen);
  }

  /**
   * A candidate plan: the request's sections with the point's hardware, layout and quantization,
   * and the engine at its current release's defaults for the request's context. An engine built
   * ahead of time is built for the workload (inputs up to maxModelLen, a batch of at least the
   * concurrent requests); llama.cpp gets one slot per concurrent request.
   *
   * @param maxModelLen 0 to leave the context to the plan's default (the probe)
   */
  static DeploymentPlan plan(
      WhatIfRequest r,
      GpuSpec gpu,
      int perNode,
      int nodes,
      int tp,
      int pp,
      EngineSpec engine,
      String weights,
      String kv,
      int maxModelLen) {
    EngineSpec.Defaults d = engine.releaseFor(engine.defaultVersion()).defaults();
    Integer len = maxModelLen > 0 ? Integer.valueOf(maxModelLen) : r.maxModelLen();
    Integer concurrency = r.workload() == null ? null : r.workload().concurrentRequests();
    Integer maxBatchSize =
        d.maxBatchSize() == null || concurrency == null
            ? null
            : Math.max(d.maxBatchSize(), concurrency);
    Integer maxInputLen = d.maxInputLen() == null ? null : len;
    Integer slots = engine.memoryModel() == MemoryModel.LLAMA_CPP ? concurrency : null;
    Engine e =
        new Engine(
            engine.id(), null, null, len, slots, null, maxBatchSize, maxInputLen, null, null);
    return new DeploymentPlan(
        r.name(),
        r.environment(),
        r.model(),
        new Quantization(weights, kv),
        e,
        // The request's interconnect is the fabric between nodes; inside one node the board's.
        new Hardware(gpu.id(), perNode, nodes, nodes > 1 ? r.interconnect() : null),
        new Parallelism(tp, pp),
        r.workload(),
        r.usage(),
        r.slo(),
        null,
        r.monitoring());
  }
}
