package dev.llmadvisor.importer;

import dev.llmadvisor.catalogue.CatalogueEntry;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.catalogue.IdIndex;
import dev.llmadvisor.catalogue.KvCacheDtype;
import dev.llmadvisor.catalogue.Lookup;
import dev.llmadvisor.catalogue.WeightFormat;
import dev.llmadvisor.importer.VllmFlags.Flag;
import dev.llmadvisor.importer.VllmFlags.Role;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a vLLM server command line into a plan: {@code vllm serve MODEL …}, {@code vllm serve
 * --model MODEL …}, {@code python[3] -m vllm.entrypoints.openai.api_server --model MODEL …}, with
 * {@code env VAR=…} or {@code VAR=…} in front, as shell words or as one string (quotes, {@code \}
 * continuations, {@code --flag=value}). Flags that matter for sizing and policy become plan fields;
 * every other flag is listed as ignored with its reason. The GPU is not on a command line: it comes
 * from the overlay.
 */
public final class VllmCommandImporter {
  static final String SOURCE = "vLLM command";
  private static final Pattern GGUF_TYPE =
      Pattern.compile(
          "(?i)(?<![a-z0-9])(IQ\\d_[A-Z]+|Q\\d_K(?:_[SML])?|Q\\d_\\d|BF16|F16|F32)(?![a-z0-9])");
  private static final Pattern QUANTIZED_NAME =
      Pattern.compile("(?i)(awq|gptq|fp8|int4|int8|w4a16|w8a8|w8a16|nf4|bnb|4bit|8bit|fp4|gguf)");
  private static final Set<String> TRUE_FALSE = Set.of("true", "false");

  private final Catalogues catalogues;

  public VllmCommandImporter(Catalogues catalogues) {
    this.catalogues = catalogues;
  }

  /**
   * A command already split into words by a shell, e.g. the words after {@code --} in {@code
   * advisor check --from vllm-cmd -- vllm serve …}. A single word holding a whole command line is
   * split as shell text.
   */
  public ImportResult fromArgs(List<String> words, Overlay overlay) {
    List<String> w = words;
    if (!w.isEmpty() && w.get(0).equals("--")) {
      w = w.subList(1, w.size());
    }
    if (w.size() == 1 && w.get(0).strip().contains(" ")) {
      return fromCommand(w.get(0), overlay);
    }
    VllmInvocation inv = VllmInvocation.recognise(w);
    if (inv == null) {
      throw ImportException.of(
          SOURCE,
          w.isEmpty() ? "command" : w.get(0),
          "not a vLLM server command: expected `vllm serve MODEL …` or `python -m "
              + VllmInvocation.API_SERVER
              + " --model MODEL …`",
          w.isEmpty() ? null : String.join(" ", w.subList(0, Math.min(3, w.size()))));
    }
    Draft d = new Draft(SOURCE + " (" + inv.form() + ")");
    apply(d, inv);
    return d.finish(overlay);
  }

  /** A command line or launch script as text; variables it exports are expanded. */
  public ImportResult fromCommand(String text, Overlay overlay) {
    VllmInvocation inv = VllmInvocation.findIn(text, Map.of(), SOURCE, "command", true);
    Draft d = new Draft(SOURCE + " (" + inv.form() + ")");
    apply(d, inv);
    return d.finish(overlay);
  }

  /** One flag as written, canonical name and value (null for a switch). */
  private record Option(String name, String written, String value) {}

  /** Maps the invocation's engine arguments onto the draft. */
  void apply(Draft d, VllmInvocation inv) {
    d.engineName = "vllm";
    d.from.put("engine.name", inv.form());
    inv.skipped().forEach(s -> d.ignored.add("command `" + s + "`: does not start vLLM"));
    inv.env()
        .forEach(
            (name, value) -> {
              if (name.equals("CUDA_VISIBLE_DEVICES")) {
                d.notes.add(
                    "CUDA_VISIBLE_DEVICES="
                        + value
                        + ": "
                        + dev.llmadvisor.text.Units.count(value.split(",").length, "GPU")
                        + " visible to vLLM");
              } else {
                d.ignored.add(
                    name + " (environment variable): not read; the plan has no field for it");
              }
            });
    List<String> positional = new ArrayList<>();
    Map<Role, Option> last = new EnumMap<>(Role.class);
    List<String> unknownTookValue = new ArrayList<>();
    List<String> args = inv.args();
    for (int i = 0; i < args.size(); i++) {
      String word = args.get(i);
      if (word.equals("--")) {
        positional.addAll(args.subList(i + 1, args.size()));
        break;
      }
      String name = VllmFlags.canonical(word);
      if (name == null) {
        positional.add(word);
        continue;
      }
      Flag flag = VllmFlags.lookup(name);
      String value = null;
      if (word.contains("=")) {
        value = word.substring(word.indexOf('=') + 1);
      } else if (word.startsWith("-O") && word.length() > 2 && !word.startsWith("--")) {
        value = word.substring(2);
      } else if (flag.takesValue()) {
        boolean hasValue = i + 1 < args.size() && VllmFlags.canonical(args.get(i + 1)) == null;
        if (hasValue) {
          value = args.get(++i);
          while (flag.many()
              && i + 1 < args.size()
              && VllmFlags.canonical(args.get(i + 1)) == null) {
            value += " " + args.get(++i);
          }
        } else if (flag.role() != Role.UNKNOWN) {
          d.error(name, "needs a value", null);
          continue;
        }
        if (flag.role() == Role.UNKNOWN && value != null) {
          unknownTookValue.add(name + " took '" + value + "' as its value");
        }
      } else if (i + 1 < args.size()
          && TRUE_FALSE.contains(args.get(i + 1).toLowerCase(Locale.ROOT))) {
        value = args.get(++i);
      }
      Option o = new Option(name, word, value);
      switch (flag.role()) {
        case SERVING, UNMODELLED -> d.ignored.add(show(o) + ": " + flag.why());
        case UNKNOWN ->
            d.ignored.add(
                show(o)
                    + ": unknown flag, ignored"
                    + (value != null && flag.takesValue()
                        ? " (took '" + value + "' as its value)"
                        : ""));
        default -> {
          Option before = last.put(flag.role(), o);
          if (before != null) {
            d.notes.add(
                name + " is given twice (" + show(before) + ", " + show(o) + "): the last counts");
          }
        }
      }
    }
    model(d, positional, last, unknownTookValue);
    weights(d, last);
    kvCache(d, last.get(Role.KV_CACHE_DTYPE));
    engine(d, last);
    parallelism(d, last);
  }

  private static String show(Option o) {
    if (o.value() == null) {
      return o.name();
    }
    return o.name() + " " + (VllmFlags.secret(o.name()) ? "(value not shown)" : o.value());
  }

  private void model(
      Draft d, List<String> positional, Map<Role, Option> last, List<String> unknownTookValue) {
    Option flag = last.get(Role.MODEL);
    String model = positional.isEmpty() ? null : positional.get(0);
    String from = "the model argument";
    if (flag != null) {
      if (model != null && !model.equals(flag.value())) {
        d.error(
            "--model",
            "names '" + flag.value() + "' but the model argument is '" + model + "'",
            flag.value());
        return;
      }
      model = flag.value();
      from = "--model";
    }
    for (String extra : positional.subList(Math.min(1, positional.size()), positional.size())) {
      d.ignored.add("'" + extra + "': unexpected argument (vLLM takes one model)");
    }
    if (model == null) {
      d.unresolved.put(
          "model.id",
          "the command names no model (`vllm serve MODEL` or --model MODEL)"
              + (unknownTookValue.isEmpty()
                  ? ""
                  : "; note: " + String.join(", ", unknownTookValue)));
      return;
    }
    if (model.toLowerCase(Locale.ROOT).endsWith(".gguf")) {
      ggufModel(d, model, last.get(Role.TOKENIZER));
      return;
    }
    if (model.startsWith("/")
        || model.startsWith("./")
        || model.startsWith("../")
        || model.startsWith("~")) {
      String dir = lastSegment(model);
      d.modelId = dir;
      d.from.put("model.id", from + " " + model);
      d.assume(
          "model.id",
          dir,
          "the checkpoint at " + model + " is taken to be the model its directory is named after");
    } else {
      d.modelId = model;
      d.from.put("model.id", from + " " + model);
    }
    if (last.get(Role.QUANTIZATION) == null && QUANTIZED_NAME.matcher(lastSegment(model)).find()) {
      d.notes.add(
          "'"
              + model
              + "' looks like a quantized checkpoint: vLLM reads its quantization from the"
              + " checkpoint's config.json, which a command line does not show; give"
              + " quantization.weights in an overlay (or import that config.json)");
    }
  }

  /** A GGUF file: the weight type from its file name, the model from --tokenizer. */
  private void ggufModel(Draft d, String file, Option tokenizer) {
    String name = lastSegment(file);
    if (tokenizer != null) {
      d.modelId = tokenizer.value();
      d.from.put("model.id", "--tokenizer " + tokenizer.value());
      d.assume(
          "model.id",
          tokenizer.value(),
          "the GGUF file " + name + " is taken to be a quantization of its --tokenizer model");
    } else {
      d.unresolved.put(
          "model.id",
          "the GGUF file "
              + name
              + " names no catalogue model: give --tokenizer REPO or model.id in an overlay");
    }
    Matcher m = GGUF_TYPE.matcher(name);
    String type = null;
    while (m.find()) {
      type = m.group(1).toLowerCase(Locale.ROOT);
    }
    IdIndex.Imported<WeightFormat> format =
        type == null ? null : catalogues.weightFormats().fromSource("ggufFileType", type);
    String id = format == null ? null : format.entry().id();
    if (id != null) {
      d.weights(id, "the GGUF file name " + name, "the file type in the GGUF file name " + name);
    } else {
      d.unresolved.put(
          "quantization.weights",
          "the GGUF file name "
              + name
              + (type == null
                  ? " shows no file type"
                  : " shows type "
                      + type.toUpperCase(Locale.ROOT)
                      + ", which has no catalogue format")
              + ": give quantization.weights (gguf-q4_k_m …) in an overlay");
    }
  }

  private void weights(Draft d, Map<Role, Option> last) {
    Option quant = last.get(Role.QUANTIZATION);
    Option dtype = last.get(Role.DTYPE);
    String dtypeWeights = null;
    if (dtype != null) {
      IdIndex.Imported<WeightFormat> format =
          catalogues.weightFormats().fromSource("vllmDtype", dtype.value());
      dtypeWeights =
          dtype.value().equalsIgnoreCase("auto")
              ? "auto"
              : format == null ? null : format.entry().id();
      if (dtypeWeights == null) {
        List<String> known = new ArrayList<>(List.of("auto"));
        known.addAll(catalogues.weightFormats().sourceNames("vllmDtype"));
        d.error("--dtype", "must be one of " + String.join(", ", known), dtype.value());
        return;
      }
    }
    if (quant == null) {
      if (d.weights != null) {
        return; // a GGUF file type
      }
      if (dtypeWeights != null && !dtypeWeights.equals("auto")) {
        d.weights(dtypeWeights, "--dtype " + dtype.value(), null);
      }
      return;
    }
    if (dtype != null && !dtypeWeights.equals("auto")) {
      d.notes.add(
          "--dtype "
              + dtype.value()
              + " is the activation dtype under --quantization "
              + quant.value()
              + ": the weights follow the quantization");
    }
    String method = quant.value().toLowerCase(Locale.ROOT).replace('-', '_');
    String where = "--quantization " + quant.value();
    switch (method) {
      case "compressed_tensors" -> compressedTensors(d, where);
      case "gguf" -> {
        if (d.weights == null && !d.unresolved.containsKey("quantization.weights")) {
          d.unresolved.put(
              "quantization.weights",
              "--quantization gguf: the GGUF file type is not on the command line; give"
                  + " quantization.weights (gguf-q4_k_m …) in an overlay");
        }
      }
      default -> {
        IdIndex.Imported<WeightFormat> format =
            catalogues.weightFormats().fromSource("vllmQuantization", method);
        if (format == null) {
          d.unresolved.put(
              "quantization.weights",
              where + " has no catalogue weight format: give quantization.weights in an overlay");
        } else {
          set(d, format.entry().id(), where, format.assumption());
        }
      }
    }
  }

  /** compressed-tensors reads its scheme from the checkpoint; the model name often says it. */
  private void compressedTensors(Draft d, String where) {
    String name = d.modelId == null ? "" : d.modelId.toLowerCase(Locale.ROOT);
    String id;
    if (name.contains("nvfp4")) {
      id = "nvfp4";
    } else if (name.contains("fp8")) {
      id = "fp8";
    } else if (name.contains("w8a8")) {
      id = "int8-w8a8";
    } else if (name.contains("w8a16")) {
      id = "int8-w8a16";
    } else if (name.contains("w4a16")) {
      id = "gptq-int4";
    } else {
      d.unresolved.put(
          "quantization.weights",
          where
              + ": the scheme is in the checkpoint's config.json, not on the command line; give"
              + " quantization.weights (fp8, int8-w8a8, int8-w8a16, gptq-int4 …) in an overlay");
      return;
    }
    set(
        d,
        id,
        where,
        "read from the model name '"
            + d.modelId
            + "': compressed-tensors takes its scheme from the checkpoint's config.json");
  }

  private void set(Draft d, String id, String where, String assumption) {
    if (!known(catalogues.weightFormats(), id)) {
      d.unresolved.put(
          "quantization.weights",
          where + ": no catalogue weight format '" + id + "'; give quantization.weights");
      return;
    }
    d.weights(id, where, assumption);
  }

  private void kvCache(Draft d, Option kv) {
    if (kv == null) {
      return;
    }
    String where = "--kv-cache-dtype " + kv.value();
    IdIndex.Imported<KvCacheDtype> dtype =
        catalogues.kvCacheDtypes().fromSource("vllmKvCacheDtype", kv.value());
    if (dtype == null) {
      d.unresolved.put(
          "quantization.kvCache",
          where + " has no catalogue KV cache dtype: give quantization.kvCache in an overlay");
      return;
    }
    String id = dtype.entry().id();
    d.kvCache = id;
    d.from.put("quantization.kvCache", where);
    if (kv.value().toLowerCase(Locale.ROOT).startsWith("fp8_") && id.equals("fp8")) {
      d.assume("quantization.kvCache", id, where + " stores one byte per element like fp8");
    }
  }

  private void engine(Draft d, Map<Role, Option> last) {
    Option len = last.get(Role.MAX_MODEL_LEN);
    if (len != null) {
      String v = len.value().strip();
      if (v.equalsIgnoreCase("auto") || v.equals("-1")) {
        d.assume(
            "engine.maxModelLen",
            "the model's maxPositionEmbeddings",
            "--max-model-len "
                + v
                + ": vLLM fits the length to the memory at start; the plan cannot say that, so"
                + " the advisor uses the model's maxPositionEmbeddings (give engine.maxModelLen to"
                + " check a length)");
      } else {
        d.maxModelLen = count(d, len, true);
      }
    }
    Option seqs = last.get(Role.MAX_NUM_SEQS);
    if (seqs != null) {
      d.maxNumSeqs = count(d, seqs, false);
    }
    Option batched = last.get(Role.MAX_NUM_BATCHED_TOKENS);
    if (batched != null) {
      d.maxNumBatchedTokens = count(d, batched, true);
    }
    Option util = last.get(Role.GPU_MEMORY_UTILIZATION);
    if (util != null) {
      try {
        double u = Double.parseDouble(util.value());
        if (!(u > 0 && u <= 1)) {
          d.error(util.name(), "must be a fraction in (0, 1]", util.value());
        } else {
          d.gpuMemoryUtilization = u;
          d.from.put("engine.gpuMemoryUtilization", util.name() + " " + util.value());
        }
      } catch (NumberFormatException e) {
        d.error(util.name(), "expected a number such as 0.9" + unexpanded(util), util.value());
      }
    }
    record From(String field, Option option) {}
    for (From f :
        List.of(
            new From("engine.maxModelLen", len),
            new From("engine.maxNumSeqs", seqs),
            new From("engine.maxNumBatchedTokens", batched))) {
      if (f.option() != null) {
        d.from.put(f.field(), f.option().name() + " " + f.option().value());
      }
    }
  }

  private void parallelism(Draft d, Map<Role, Option> last) {
    Option tp = last.get(Role.TENSOR_PARALLEL);
    Option pp = last.get(Role.PIPELINE_PARALLEL);
    Option dp = last.get(Role.DATA_PARALLEL);
    if (tp != null) {
      d.tensor = count(d, tp, false);
      d.from.put("parallelism.tensor", tp.name() + " " + tp.value());
    }
    if (pp != null) {
      d.pipeline = count(d, pp, false);
      d.from.put("parallelism.pipeline", pp.name() + " " + pp.value());
    }
    if (dp != null) {
      Integer replicas = count(d, dp, false);
      if (replicas != null && replicas > 1) {
        int perReplica = (d.tensor == null ? 1 : d.tensor) * (d.pipeline == null ? 1 : d.pipeline);
        d.dataParallel = replicas;
        d.gpusPerNode = perReplica * replicas;
        d.from.put("hardware.gpusPerNode", dp.name() + " " + dp.value());
        d.assume(
            "hardware.gpusPerNode",
            d.gpusPerNode,
            replicas + " data-parallel replicas of " + perReplica + " GPU(s), assumed on one node");
      }
    }
  }

  /**
   * A positive whole number; with {@code humanReadable}, vLLM's suffixes too (lowercase k/m/g
   * decimal, uppercase K/M/G binary).
   */
  private static Integer count(Draft d, Option o, boolean humanReadable) {
    String v = o.value().strip();
    long n;
    Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)([kmgtKMGT])").matcher(v);
    if (humanReadable && m.matches()) {
      String suffix = m.group(2);
      boolean decimal = Character.isLowerCase(suffix.charAt(0));
      int power = "kmgt".indexOf(Character.toLowerCase(suffix.charAt(0))) + 1;
      if (!decimal && m.group(1).contains(".")) {
        d.error(o.name(), "decimals only with the decimal suffixes k, m, g", v);
        return null;
      }
      n =
          decimal
              ? (long) (Double.parseDouble(m.group(1)) * Math.pow(1000, power))
              : Long.parseLong(m.group(1)) << (10 * power);
      d.assume(
          fieldOf(o),
          n,
          o.name()
              + " "
              + v
              + " read as vLLM does: lowercase k/m/g are powers of 1000, uppercase K/M/G powers of"
              + " 1024");
    } else if (v.matches("-?\\d+")) {
      try {
        n = Long.parseLong(v);
      } catch (NumberFormatException e) {
        n = Long.MAX_VALUE;
      }
    } else {
      d.error(o.name(), "expected a whole number" + unexpanded(o), v);
      return null;
    }
    if (n <= 0 || n > Integer.MAX_VALUE) {
      d.error(o.name(), "must be a whole number between 1 and " + Integer.MAX_VALUE, v);
      return null;
    }
    return (int) n;
  }

  private static String fieldOf(Option o) {
    return switch (o.name()) {
      case "--max-model-len" -> "engine.maxModelLen";
      case "--max-num-batched-tokens" -> "engine.maxNumBatchedTokens";
      default -> o.name();
    };
  }

  private static String unexpanded(Option o) {
    return o.value().contains("$") ? " (a variable the importer could not expand)" : "";
  }

  private static <T extends CatalogueEntry> boolean known(IdIndex<T> index, String id) {
    return index.lookup(id) instanceof Lookup.Found<T>;
  }

  private static String lastSegment(String path) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return p.substring(p.lastIndexOf('/') + 1);
  }
}
