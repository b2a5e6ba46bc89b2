package dev.llmadvisor.catalogue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import dev.llmadvisor.text.Units;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code catalogues/*.yaml} and checks every entry: required fields, value ranges, unique ids
 * and aliases, and references between catalogues (a model's licence, an engine's formats). Any
 * problem stops the load with the file and entry named; nothing is skipped.
 */
public final class CatalogueLoader {
  private static final Set<String> ARCHITECTURES =
      Set.of("volta", "turing", "ampere", "ada", "hopper", "blackwell", "cdna3");
  private static final Set<String> DTYPES = Set.of("fp32", "fp16", "bf16", "fp8", "int8");
  private static final Set<String> FORMAT_KINDS =
      Set.of("float", "fp8", "int8", "int4", "int3", "gguf", "fp4", "mxfp4");
  private static final Set<String> NVLINK = Set.of("switch", "bridge", "none");
  private static final Set<String> MEMORY_KINDS = Set.of(GpuSpec.MEASURED, GpuSpec.ESTIMATE);
  private static final Set<String> STATUSES = Set.of("S", "S2", "D", "U");

  private final ObjectMapper yaml =
      JsonMapper.builder(new YAMLAnchorReplayingFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .build();
  private final List<CatalogueProblem> problems = new ArrayList<>();

  private void problem(String file, String message) {
    problems.add(new CatalogueProblem(file, null, message));
  }

  private final Path dir;

  private CatalogueLoader(Path dir) {
    this.dir = dir;
  }

  public static Catalogues load(Path dir) {
    return new CatalogueLoader(dir).loadAll();
  }

  private Catalogues loadAll() {
    List<GpuSpec> gpus = read("gpus.yaml", "gpus", new TypeReference<>() {});
    List<ModelSpec> models = read("models.yaml", "models", new TypeReference<>() {});
    List<WeightFormat> formats =
        read("weight-formats.yaml", "weightFormats", new TypeReference<>() {});
    List<KvCacheDtype> kv = read("kv-cache-dtypes.yaml", "kvCacheDtypes", new TypeReference<>() {});
    List<EngineSpec> engines = read("engines.yaml", "engines", new TypeReference<>() {});
    List<Licence> licences = read("licences.yaml", "licences", new TypeReference<>() {});
    List<RooflineFactors> roofline = read("roofline.yaml", "roofline", new TypeReference<>() {});
    List<Strategy> strategies = read("strategies.yaml", "strategies", new TypeReference<>() {});
    List<PlanDefault> planDefaults =
        read("plan-defaults.yaml", "planDefaults", new TypeReference<>() {});
    List<PlanValues> planValues = read("plan-values.yaml", "planValues", new TypeReference<>() {});
    // Optional (issue 14): GPU hour prices for the what-if search's cost axis.
    List<GpuPrice> prices =
        Files.exists(dir.resolve("prices.yaml"))
            ? read("prices.yaml", "prices", new TypeReference<>() {})
            : List.of();
    if (!problems.isEmpty()) {
      throw new CatalogueException(problems);
    }
    uniqueIds("gpus.yaml", gpus);
    uniqueIds("models.yaml", models);
    uniqueIds("weight-formats.yaml", formats);
    uniqueIds("kv-cache-dtypes.yaml", kv);
    uniqueIds("engines.yaml", engines);
    uniqueIds("licences.yaml", licences);
    uniqueIds("strategies.yaml", strategies);
    uniqueIds("plan-defaults.yaml", planDefaults);
    uniqueIds("plan-values.yaml", planValues);
    gpus.forEach(this::check);
    Set<String> formatIds = ids(formats);
    // The formats a checkpoint is published unquantized in (16 bits or more a weight).
    Set<String> unquantized = new HashSet<>();
    formats.stream()
        .filter(f -> f.weightBits() != null && f.weightBits() >= 16)
        .forEach(f -> unquantized.add(f.id()));
    models.forEach(m -> check(m, ids(licences), formatIds, unquantized));
    formats.forEach(this::check);
    kv.forEach(this::check);
    engines.forEach(e -> check(e, formatIds, ids(kv)));
    licences.forEach(this::check);
    strategies.forEach(s -> check(s, formatIds, ids(kv), ids(engines)));
    planValues.forEach(this::check);
    checkPlanDefaults(planDefaults, planValues);
    uniqueIds("prices.yaml", prices);
    prices.forEach(p -> check(p, ids(gpus)));
    if (roofline.size() != 1) {
      problem("roofline.yaml", "expected exactly one entry, found " + roofline.size());
    } else {
      check(roofline.get(0));
    }
    if (!problems.isEmpty()) {
      throw new CatalogueException(problems);
    }
    return new Catalogues(
        new IdIndex<>(gpus, true),
        new IdIndex<>(models, false),
        new IdIndex<>(formats, false),
        new IdIndex<>(kv, false),
        new IdIndex<>(engines, false),
        new IdIndex<>(licences, false),
        new IdIndex<>(strategies, false),
        new IdIndex<>(planDefaults, false),
        new IdIndex<>(planValues, false),
        roofline.get(0),
        new IdIndex<>(prices, false));
  }

  private <T> List<T> read(String file, String key, TypeReference<Map<String, List<T>>> type) {
    Path path = dir.resolve(file);
    try {
      Map<String, List<T>> doc = yaml.readValue(path.toFile(), type);
      List<T> entries = doc == null ? null : doc.get(key);
      if (entries == null || entries.isEmpty() || doc.size() != 1) {
        problem(file, "expected one top-level key '" + key + "' with a list of entries");
        return List.of();
      }
      return entries;
    } catch (JsonMappingException e) {
      problems.add(
          new CatalogueProblem(
              file, e.getLocation() == null ? null : e.getLocation().getLineNr(), describe(e)));
    } catch (IOException e) {
      problem(file, "cannot read " + path + ": " + e.getMessage());
    }
    return List.of();
  }

  /**
   * Names the entry (by index and id where readable), the field and the line of a mapping error.
   */
  private static String describe(JsonMappingException e) {
    StringBuilder where = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        where.append('[').append(ref.getIndex()).append(']');
      } else {
        where.append(where.isEmpty() ? "" : ".").append(ref.getFieldName());
      }
    }
    String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    String what;
    if (e instanceof UnrecognizedPropertyException u) {
      what = "unknown field '" + u.getPropertyName() + "'";
    } else if (String.valueOf(e.getOriginalMessage())
        .startsWith("Missing required creator property")) {
      // a field that must be written even when it has no value (@JsonProperty(required = true))
      what = "missing: write it, as null where there is no value";
    } else {
      what = e.getOriginalMessage();
    }
    return where + line + ": " + what;
  }

  /** The sources whose names each catalogue maps ({@code importNames}), read by the importers. */
  private static final Map<String, Set<String>> IMPORT_SOURCES =
      Map.of(
          "weight-formats.yaml",
          Set.of("vllmDtype", "vllmQuantization", "torchDtype", "hfQuantMethod", "ggufFileType"),
          "kv-cache-dtypes.yaml",
          Set.of("vllmKvCacheDtype"),
          "gpus.yaml",
          Set.of("gkeAccelerator"));

  private <T extends CatalogueEntry> void uniqueIds(String file, List<T> entries) {
    Map<String, String> seen = new HashMap<>();
    for (T e : entries) {
      if (e.id() == null || e.id().isBlank()) {
        problem(file, "an entry has no id");
        continue;
      }
      if (e.aliases() == null) {
        problem(file, "entry " + e.id() + ": aliases is missing (use [] for none)");
        continue;
      }
      List<String> names = new ArrayList<>(e.aliases());
      names.add(0, e.id());
      for (String name : names) {
        String previous = seen.putIfAbsent(IdIndex.key(name), e.id());
        if (previous != null && !(previous.equals(e.id()) && !name.equals(e.id()))) {
          problem(file, "entry " + e.id() + ": '" + name + "' is also used by " + previous);
        }
      }
      e.importNames()
          .forEach(
              (source, byName) -> {
                String at = "entry " + e.id() + ": importNames." + source;
                Set<String> allowed = IMPORT_SOURCES.getOrDefault(file, Set.of());
                if (!allowed.contains(source)) {
                  problem(
                      file,
                      at
                          + " is not a source this catalogue maps (known: "
                          + String.join(", ", new TreeSet<>(allowed))
                          + ")");
                }
                for (String name : byName.keySet()) {
                  String key = "importNames." + source + "=" + name.toLowerCase(Locale.ROOT);
                  String previous = seen.putIfAbsent(key, e.id());
                  if (previous != null && !previous.equals(e.id())) {
                    problem(file, at + " '" + name + "' is also used by " + previous);
                  }
                }
              });
      if (e.status() == null || !STATUSES.contains(e.status())) {
        problem(file, "entry " + e.id() + ": status must be S, S2, D or U");
      }
      if (e.source() == null || e.source().isBlank()) {
        problem(file, "entry " + e.id() + ": source is missing");
      }
    }
  }

  private void check(GpuSpec g) {
    Entry e = new Entry("gpus.yaml", g.id());
    e.oneOf("architecture", g.architecture(), ARCHITECTURES);
    e.required("vendor", g.vendor());
    e.required("name", g.name());
    e.required("dataCentre", g.dataCentre());
    e.required("nativeFp8", g.nativeFp8());
    if ("nvidia".equals(g.vendor())) {
      e.positive("computeCapability", g.computeCapability());
    }
    e.positive("memoryGb", g.memoryGb());
    checkMemory(e, g);
    e.positive("bandwidthTBps", g.bandwidthTBps());
    if (e.required("denseTflops", g.denseTflops()) && g.denseTflops().fp16() == null) {
      e.problem("denseTflops.fp16 is missing");
    }
    if (g.fabric() != null) {
      e.oneOf("fabric.kind", g.fabric().kind(), GpuSpec.FABRICS);
      e.required("fabric.source", g.fabric().source());
    }
    if (e.required("nvlink", g.nvlink())) {
      e.oneOf("nvlink.kind", g.nvlink().kind(), NVLINK);
      Integer group = g.nvlink().bridgeGpus();
      if ("bridge".equals(g.nvlink().kind())) {
        if (group == null || group < 2) {
          e.problem(
              "nvlink.bridgeGpus must give how many GPUs one set of bridges joins (2 or more),"
                  + " got "
                  + group);
        }
      } else if (group != null) {
        e.problem("nvlink.bridgeGpus is only for kind bridge, got " + group);
      }
    }
  }

  /**
   * The memory a GPU is sized with: the total a driver reports ({@code measured}, with where it was
   * seen) or a conservative estimate ({@code estimate}: the nominal GB as 10^9 bytes less a
   * reserve, with the margin up to the nominal size read as GiB). A GPU with neither is refused, so
   * sizing never takes the nominal GB for GiB (docs/sizing.md).
   */
  private static void checkMemory(Entry e, GpuSpec g) {
    if (g.memoryReportedGib() == null) {
      e.problem(
          "memoryReportedGib is missing: give the total the driver reports (memoryReportedKind:"
              + " measured, with memoryReportedSource) or a conservative estimate"
              + " (memoryReportedKind: estimate, with memoryMarginGib); see docs/sizing.md");
      return;
    }
    e.positive("memoryReportedGib", g.memoryReportedGib());
    e.oneOf("memoryReportedKind", g.memoryReportedKind(), MEMORY_KINDS);
    e.required("memoryReportedSource", blankToNull(g.memoryReportedSource()));
    if (g.memoryGb() == null || g.memoryReportedGib() <= 0) {
      return;
    }
    double nominalAsGib = g.memoryGb();
    double nominalBytesInGib = g.memoryGb() * 1e9 / Units.GIB;
    if (GpuSpec.MEASURED.equals(g.memoryReportedKind())) {
      if (g.memoryMarginGib() != null) {
        e.problem("memoryMarginGib is only for an estimate; a measured total has none");
      }
      if (g.memoryReportedGib() > nominalAsGib) {
        e.problem(
            "memoryReportedGib "
                + g.memoryReportedGib()
                + " exceeds the nominal "
                + g.memoryGb()
                + " GB even read as GiB: no driver reports more");
      }
    } else if (GpuSpec.ESTIMATE.equals(g.memoryReportedKind())) {
      if (g.memoryReportedGib() > nominalBytesInGib) {
        e.problem(
            String.format(
                java.util.Locale.ROOT,
                "an estimated memoryReportedGib %.2f exceeds the nominal %s GB in bytes (%.2f GiB):"
                    + " estimate from 10^9 bytes per GB, less the reserve",
                g.memoryReportedGib(),
                Units.num(g.memoryGb()),
                nominalBytesInGib));
      }
      if (e.required("memoryMarginGib", g.memoryMarginGib())
          && Math.abs(g.memoryReportedGib() + g.memoryMarginGib() - nominalAsGib) > 0.011) {
        e.problem(
            "memoryMarginGib "
                + g.memoryMarginGib()
                + " must reach the nominal size read as GiB ("
                + Units.num(g.memoryGb())
                + " − "
                + g.memoryReportedGib()
                + ")");
      }
    }
  }

  private void check(
      ModelSpec m, Set<String> licenceIds, Set<String> formatIds, Set<String> unquantized) {
    Entry e = new Entry("models.yaml", m.id());
    e.required("modelType", m.modelType());
    e.reference("licence", m.licence(), licenceIds);
    e.reference("nativeDtype", m.nativeDtype(), formatIds);
    if (e.required("architecture", m.architecture())) {
      for (ArchitectureCheck.Problem problem : ArchitectureCheck.problems(m.architecture())) {
        e.problem(problem.toString());
      }
    }
    ModelSpec.SixteenBitCopy copy = m.sixteenBitCopy();
    if (copy != null) {
      if (unquantized.contains(m.nativeDtype())) {
        e.problem("sixteenBitCopy is for a checkpoint published quantized, not " + m.nativeDtype());
      }
      e.required("sixteenBitCopy.repository", copy.repository());
      e.required("sixteenBitCopy.source", copy.source());
      if (e.required("sixteenBitCopy.command", copy.command())
          && !(copy.command().contains("{published}") && copy.command().contains("{copy}"))) {
        e.problem("sixteenBitCopy.command must name {published} and {copy}");
      }
    }
  }

  private void check(WeightFormat f) {
    Entry e = new Entry("weight-formats.yaml", f.id());
    e.required("name", f.name());
    e.oneOf("kind", f.kind(), FORMAT_KINDS);
    e.positive("weightBits", f.weightBits() == null ? null : f.weightBits().doubleValue());
    e.positive(
        "activationBits", f.activationBits() == null ? null : f.activationBits().doubleValue());
    e.positive("bitsPerWeight", f.bitsPerWeight());
    e.oneOf("scope", f.scope(), Set.of("linear", "all", "experts"));
    e.oneOf("computeDtype", f.computeDtype(), DTYPES);
    if (e.required("quality", f.quality())) {
      check(e, f.quality());
    }
  }

  /**
   * A quality note has its own status and source; a perplexity figure comes with the model it was
   * measured on, and the note quotes both, so what a rule prints is what the data holds.
   */
  private static void check(Entry e, WeightFormat.Quality q) {
    e.required("quality.note", blankToNull(q.note()));
    e.oneOf("quality.status", q.status(), STATUSES);
    e.required("quality.source", blankToNull(q.source()));
    if ((q.perplexityDelta() == null) != (q.measuredOn() == null)) {
      e.problem("quality.perplexityDelta and quality.measuredOn go together: give both or neither");
    } else if (q.perplexityDelta() != null && q.note() != null) {
      String figure = signed(q.perplexityDelta());
      if (!q.note().contains(figure) || !q.note().contains(q.measuredOn())) {
        e.problem(
            "quality.note must quote the figure "
                + figure
                + " and the model "
                + q.measuredOn()
                + ", got '"
                + q.note()
                + "'");
      }
    }
  }

  /** "+0.1754", "-0.005": the figure as a source writes it, without trailing zeros. */
  private static String signed(double v) {
    String digits = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    return v > 0 ? "+" + digits : digits;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private void check(KvCacheDtype k) {
    Entry e = new Entry("kv-cache-dtypes.yaml", k.id());
    e.required("fp8", k.fp8());
    if (k.bytesPerElement() != null) {
      e.positive("bytesPerElement", k.bytesPerElement());
    }
  }

  private void check(EngineSpec g, Set<String> formatIds, Set<String> kvIds) {
    Entry e = new Entry("engines.yaml", g.id());
    e.required("name", g.name());
    e.required("cudaOnly", g.cudaOnly());
    e.required("pagedKvCache", g.pagedKvCache());
    e.required("vendors", g.vendors());
    e.required("memoryModel", g.memoryModel());
    if (!Versions.isValid(g.defaultVersion())) {
      e.problem("defaultVersion '" + g.defaultVersion() + "' is not a version");
    }
    if (e.required("formats", g.formats())) {
      g.formats().forEach(f -> e.reference("formats", f, formatIds));
    }
    if (e.required("kvCacheDtypes", g.kvCacheDtypes())) {
      g.kvCacheDtypes().forEach(k -> e.reference("kvCacheDtypes", k, kvIds));
    }
    if (e.required("releases", g.releases()) && g.releases().isEmpty()) {
      e.problem("releases is empty");
    }
    if (g.releases() != null) {
      for (EngineSpec.Release r : g.releases()) {
        Entry re = new Entry("engines.yaml", g.id() + " release " + r.since());
        if (!Versions.isValid(r.since())) {
          re.problem("since '" + r.since() + "' is not a version");
        }
        re.required("defaults", r.defaults());
        re.required("memory", r.memory());
        re.required("chunkedPrefill", r.chunkedPrefill());
        re.required("source", r.source());
        check(re, r);
        if (r.defaults() != null && r.defaults().gpuMemoryUtilization() != null) {
          double u = r.defaults().gpuMemoryUtilization();
          if (u <= 0 || u > 1) {
            re.problem("defaults.gpuMemoryUtilization must be in (0, 1]");
          }
        }
        if (r.defaults() != null && r.defaults().flashAttention() != null) {
          re.oneOf(
              "defaults.flashAttention",
              r.defaults().flashAttention(),
              Set.of("on", "off", "auto"));
        }
      }
    }
  }

  /**
   * The numeric-format fields of a release: compute capabilities in range, and a source for them
   * whenever one is given.
   */
  private static void check(Entry re, EngineSpec.Release r) {
    boolean any =
        r.autoDtypeFallback() != null
            || r.float16RefusedModelTypes() != null
            || r.fp8MarlinMinComputeCapability() != null
            || r.fp8MarlinMoe() != null
            || r.fp4MarlinMinComputeCapability() != null
            || r.fp8KvMinComputeCapability() != null
            || r.mxfp4MinComputeCapability() != null;
    if (any) {
      re.required("formatsSource", blankToNull(r.formatsSource()));
    }
    Map<String, Double> capabilities = new java.util.LinkedHashMap<>();
    capabilities.put("fp8MarlinMinComputeCapability", r.fp8MarlinMinComputeCapability());
    capabilities.put("fp4MarlinMinComputeCapability", r.fp4MarlinMinComputeCapability());
    capabilities.put("fp8KvMinComputeCapability", r.fp8KvMinComputeCapability());
    capabilities.put("mxfp4MinComputeCapability", r.mxfp4MinComputeCapability());
    capabilities.forEach(
        (field, cc) -> {
          if (cc != null && !(cc >= 1 && cc < 20)) {
            re.problem(field + " " + cc + " is not a compute capability");
          }
        });
  }

  private void check(Licence l) {
    Entry e = new Entry("licences.yaml", l.id());
    e.required("name", l.name());
    e.oneOf("commercialUse", l.commercialUse(), Set.of("allowed", "forbidden"));
    e.oneOf(
        "useScope",
        l.useScope(),
        Set.of("any", "non-commercial", "research-only", "non-production"));
    e.oneOf(
        "redistribution",
        l.redistribution(),
        Set.of("allowed", "non-commercial", "forbidden", "conditions"));
    e.required("useRestrictions", l.useRestrictions());
    if ("other".equals(l.id())) {
      e.problem("id 'other' is Hugging Face's tag for custom terms, accepted by plans as such");
    }
    if (l.attribution() != null && l.attribution().display() != null) {
      e.oneOf(
          "attribution.displayWhen",
          l.attribution().displayWhen(),
          Set.of("product", "derivative-model"));
    }
    if (l.monthlyActiveUserLimit() != null) {
      e.required("monthlyActiveUsersCounted", l.monthlyActiveUsersCounted());
    }
  }

  private void check(Strategy s, Set<String> formatIds, Set<String> kvIds, Set<String> engineIds) {
    Entry e = new Entry("strategies.yaml", s.id());
    e.required("name", s.name());
    e.reference("weights", s.weights(), formatIds);
    e.reference("kvCache", s.kvCache(), kvIds);
    if (e.required("engines", s.engines()) && s.engines().isEmpty()) {
      e.problem("engines is empty");
    }
    if (s.engines() != null) {
      s.engines().forEach(g -> e.reference("engines", g, engineIds));
    }
    if (e.required("vllm", s.vllm())) {
      // vllm.quantization may be null: the checkpoint's own quant_method, as published.
      e.required("vllm.kvCacheDtype", s.vllm().kvCacheDtype());
      if (s.vllm().recipe() != null) {
        e.required("vllm.imports", s.vllm().imports());
        e.required("vllm.suffix", s.vllm().suffix());
      }
    }
    boolean built = s.engines() != null && s.engines().contains("tensorrt-llm");
    if (built ? e.required("tensorrtLlm", s.tensorrtLlm()) : s.tensorrtLlm() != null) {
      e.required("tensorrtLlm.qformat", s.tensorrtLlm().qformat());
      e.required("tensorrtLlm.kvCacheDtype", s.tensorrtLlm().kvCacheDtype());
    }
  }

  /** A price names a catalogued GPU, a positive hour price, who charges it, when, and where. */
  private void check(GpuPrice p, Set<String> gpuIds) {
    Entry e = new Entry("prices.yaml", p.id());
    e.reference("id", p.id(), gpuIds);
    if (!(p.usdPerGpuHour() > 0)) {
      e.problem("usdPerGpuHour must be positive, got " + p.usdPerGpuHour());
    }
    e.required("provider", p.provider());
    e.required("offer", p.offer());
    if (e.required("date", p.date())) {
      try {
        java.time.LocalDate.parse(p.date());
      } catch (java.time.format.DateTimeParseException ex) {
        e.problem("date must be an ISO date (2026-05-07), got " + p.date());
      }
    }
    if (e.required("source", p.source()) && !p.source().startsWith("https://")) {
      e.problem("source must be the URL the price was read in");
    }
  }

  /** A plan field's declared values: at least one, none twice, none blank. */
  private void check(PlanValues v) {
    Entry e = new Entry("plan-values.yaml", v.id());
    if (e.required("values", v.values())) {
      if (v.values().isEmpty()) {
        e.problem("values is empty");
      }
      if (new HashSet<>(v.values()).size() != v.values().size()) {
        e.problem("values lists a value twice: " + v.values());
      }
      if (v.values().stream().anyMatch(x -> x == null || x.isBlank())) {
        e.problem("values has a blank value");
      }
    }
  }

  /**
   * Every required default present, each one of its field's declared values (plan-values.yaml) or
   * true/false, and no unknown ones.
   */
  private void checkPlanDefaults(List<PlanDefault> defaults, List<PlanValues> declared) {
    Set<String> given = ids(defaults);
    Set<String> declaredIds = ids(declared);
    for (String id : new java.util.TreeSet<>(PlanDefault.REQUIRED.keySet())) {
      if (!given.contains(id)) {
        problem("plan-defaults.yaml", "entry " + id + " is missing");
      }
      String field = PlanDefault.REQUIRED.get(id);
      if (!field.isEmpty() && !declaredIds.contains(field)) {
        problem("plan-values.yaml", "entry " + field + " is missing");
      }
    }
    for (PlanDefault d : defaults) {
      Entry e = new Entry("plan-defaults.yaml", d.id());
      String field = PlanDefault.REQUIRED.get(d.id());
      if (field == null) {
        e.problem(
            "not a default the advisor applies; known: "
                + new java.util.TreeSet<>(PlanDefault.REQUIRED.keySet()));
        continue;
      }
      List<?> allowed =
          field.isEmpty()
              ? List.of(true, false)
              : declared.stream()
                  .filter(v -> v.id().equals(field))
                  .findFirst()
                  .map(v -> (List<?>) v.values())
                  .orElse(List.of());
      if (e.required("value", d.value()) && !allowed.contains(d.value())) {
        e.problem("value '" + d.value() + "' is not one of " + allowed);
      }
      e.required("reason", d.reason());
    }
  }

  private void check(RooflineFactors r) {
    Entry e = new Entry("roofline.yaml", "roofline");
    e.fraction("bandwidthEfficiency", r.bandwidthEfficiency());
    e.fraction("tensorParallelCommunicationOverhead", r.tensorParallelCommunicationOverhead());
    if (r.ridgeExponent() == null || r.ridgeExponent() < 1) {
      e.problem("ridgeExponent must be at least 1, got " + r.ridgeExponent());
    }
    if (e.required("computeEfficiency", r.computeEfficiency())) {
      r.computeEfficiency().forEach((k, v) -> e.fraction("computeEfficiency." + k, v));
      if (!r.computeEfficiency().containsKey("bf16")) {
        e.problem("computeEfficiency.bf16 is missing");
      }
    }
    for (RooflineFactors.Family f : r.families()) {
      String at = "families." + f.architecture() + ".";
      e.required(at + "architecture", f.architecture());
      e.fraction(at + "bandwidthEfficiency", f.bandwidthEfficiency());
      // GeForce families: relative to the catalogue's FP32-accumulate rate, half the FP16 one.
      // None: a family calibrated on decode alone keeps the default fractions per dtype.
      if (f.computeEfficiency() != null) {
        e.positive(at + "computeEfficiency", f.computeEfficiency());
      }
      if (f.computeEfficiency() != null && f.computeEfficiency() > 2.5) {
        e.problem(at + "computeEfficiency must be at most 2.5, got " + f.computeEfficiency());
      }
      e.required(at + "source", f.source());
    }
    for (RooflineFactors.FormatKind f : r.formats()) {
      String at = "formats." + f.kind() + ".";
      e.fraction(at + "bandwidthFactor", f.bandwidthFactor());
      e.fraction(at + "computeFactor", f.computeFactor());
      if (f.decodeFloorUsPerLayer() != null) {
        e.nonNegative(at + "decodeFloorUsPerLayer", f.decodeFloorUsPerLayer());
      }
      if (f.prefillBandwidthFactor() != null) {
        e.fraction(at + "prefillBandwidthFactor", f.prefillBandwidthFactor());
      }
      e.required(at + "source", f.source());
    }
    for (RooflineFactors.Engine f : r.engines()) {
      String at = "engines." + f.engine() + "@" + f.since() + ".";
      e.required(at + "since", f.since());
      e.positive(at + "computeFactor", f.computeFactor());
      f.computeFactorByFamily().forEach((k, v) -> e.positive(at + "computeFactorByFamily." + k, v));
      e.nonNegative(at + "decodeOverheadMs", f.decodeOverheadMs());
      e.nonNegative(at + "decodeOverheadUsPerLayer", f.decodeOverheadUsPerLayer());
      if (f.decodeOverheadUsPerExpert() != null) {
        e.nonNegative(at + "decodeOverheadUsPerExpert", f.decodeOverheadUsPerExpert());
      }
      f.decodeOverheadUsPerExpertByFamily()
          .forEach((k, v) -> e.nonNegative(at + "decodeOverheadUsPerExpertByFamily." + k, v));
      e.nonNegative(at + "prefillOverheadMs", f.prefillOverheadMs());
      e.nonNegative(at + "prefillOverheadUsPerLayer", f.prefillOverheadUsPerLayer());
      if (f.allReduceLatencyUs() != null) {
        e.nonNegative(at + "allReduceLatencyUs", f.allReduceLatencyUs());
      }
      if (f.allReduceHopLatencyUs() != null) {
        e.nonNegative(at + "allReduceHopLatencyUs", f.allReduceHopLatencyUs());
      }
      if (f.nvlinkBusBandwidthGBps() != null) {
        e.positive(at + "nvlinkBusBandwidthGBps", f.nvlinkBusBandwidthGBps());
      }
      e.required(at + "source", f.source());
    }
    for (RooflineFactors.Interconnect f : r.interconnects()) {
      String at = "interconnects." + f.kind() + ".";
      e.nonNegative(at + "allReduceLatencyUs", f.allReduceLatencyUs());
      e.positive(at + "busBandwidthGBps", f.busBandwidthGBps());
      if (f.largeMessageBytes() != null || f.largeMessageBusBandwidthGBps() != null) {
        e.positive(
            at + "largeMessageBytes",
            f.largeMessageBytes() == null ? null : f.largeMessageBytes().doubleValue());
        e.positive(at + "largeMessageBusBandwidthGBps", f.largeMessageBusBandwidthGBps());
      }
      e.required(at + "source", f.source());
    }
    for (RooflineFactors.Range f : r.ranges()) {
      String at =
          "ranges." + f.engine() + "/" + f.family() + "/" + f.models() + "/" + f.metric() + ".";
      e.oneOf(at + "metric", f.metric(), Set.of("decode", "ttft"));
      e.oneOf(at + "models", f.models(), Set.of("dense", "moe", "*"));
      e.positive(at + "low", f.low());
      e.positive(at + "high", f.high());
      if (f.low() != null && f.high() != null && f.low() > f.high()) {
        e.problem(at + "low " + f.low() + " is above high " + f.high());
      }
      e.required(at + "source", f.source());
    }
  }

  private static <T extends CatalogueEntry> Set<String> ids(List<T> entries) {
    return Set.copyOf(entries.stream().map(CatalogueEntry::id).toList());
  }

  /** Collects the problems of one entry, each prefixed with file and entry id. */
  private final class Entry {
    private final String file;
    private final String prefix;

    Entry(String file, String id) {
      this.file = file;
      this.prefix = "entry " + id + ": ";
    }

    void problem(String text) {
      CatalogueLoader.this.problem(file, prefix + text);
    }

    boolean required(String field, Object value) {
      if (value == null) {
        problem(field + " is missing");
        return false;
      }
      return true;
    }

    void positive(String field, Double value) {
      if (required(field, value) && !(value > 0)) {
        problem(field + " must be positive, got " + value);
      }
    }

    void nonNegative(String field, Double value) {
      if (required(field, value) && !(value >= 0)) {
        problem(field + " must be zero or more, got " + value);
      }
    }

    void fraction(String field, Double value) {
      if (required(field, value) && !(value > 0 && value <= 1)) {
        problem(field + " must be in (0, 1], got " + value);
      }
    }

    void oneOf(String field, String value, Set<String> allowed) {
      if (required(field, value) && !allowed.contains(value)) {
        problem(field + " '" + value + "' is not one of " + new TreeSet<>(allowed));
      }
    }

    void reference(String field, String value, Set<String> known) {
      if (required(field, value) && !known.contains(value)) {
        problem(field + " '" + value + "' is not a catalogue id");
      }
    }
  }
}
