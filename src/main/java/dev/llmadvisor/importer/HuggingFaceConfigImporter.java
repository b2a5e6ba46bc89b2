package dev.llmadvisor.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.catalogue.Architecture;
import dev.llmadvisor.catalogue.ArchitectureCheck;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.catalogue.IdIndex;
import dev.llmadvisor.catalogue.Lookup;
import dev.llmadvisor.catalogue.ModelSpec;
import dev.llmadvisor.catalogue.WeightFormat;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a Hugging Face {@code config.json} into a plan for a model outside the catalogue: the
 * architecture numbers ({@code model.architecture}, parameters computed from the shapes), the
 * native dtype from {@code torch_dtype}, and the weight format from {@code quantization_config}
 * where it determines one. The GPU and the usage are not in a config: they come from the overlay.
 */
public final class HuggingFaceConfigImporter {
  static final String SOURCE = "config.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** transformers' per-model defaults for keys save_pretrained leaves out when they are default. */
  private static final Map<String, Boolean> TIED_BY_DEFAULT =
      Map.ofEntries(
          Map.entry("llama", false),
          Map.entry("mistral", false),
          Map.entry("mixtral", false),
          Map.entry("qwen2", false),
          Map.entry("qwen3", false),
          Map.entry("qwen3_moe", false),
          Map.entry("gpt_oss", false),
          Map.entry("llama4_text", false),
          Map.entry("phi3", false),
          Map.entry("gemma", true),
          Map.entry("gemma2", true),
          Map.entry("gemma3_text", true));

  /** Models whose attention has q/k/v biases without an attention_bias key. */
  private static final Map<String, Boolean> BIAS_BY_DEFAULT =
      Map.of(
          "qwen2",
          true,
          "llama",
          false,
          "mistral",
          false,
          "mixtral",
          false,
          "gemma2",
          false,
          "qwen3",
          false,
          "qwen3_moe",
          false,
          "llama4_text",
          false);

  private final Catalogues catalogues;

  public HuggingFaceConfigImporter(Catalogues catalogues) {
    this.catalogues = catalogues;
  }

  /**
   * @param json the config.json text
   * @param fileName its file name or path (the model id when neither {@code modelId} nor {@code
   *     _name_or_path} gives one: the directory of a {@code config.json}, else the file's stem);
   *     may be null
   * @param modelId the model id to use, or null
   */
  public ImportResult fromConfig(String json, String fileName, String modelId, Overlay overlay) {
    JsonNode root;
    try {
      root = json == null || json.isBlank() ? null : JSON.readTree(json);
    } catch (JsonProcessingException e) {
      String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw ImportException.of(
          SOURCE, "$", "not valid JSON" + at + ": " + e.getOriginalMessage(), null);
    }
    if (root == null || !root.isObject()) {
      throw ImportException.of(SOURCE, "$", "expected a JSON object (a model's config.json)", null);
    }
    Draft d = new Draft(SOURCE + (fileName == null ? "" : " " + fileName));
    JsonNode config = root;
    String prefix = "";
    if (!root.has("num_hidden_layers") && root.path("text_config").isObject()) {
      config = root.path("text_config");
      prefix = "text_config.";
      d.notes.add(
          "the language model's numbers come from text_config; a vision or audio tower is not"
              + " counted unless the importer knows it (Gemma 3's SigLIP tower)");
    }
    String type = text(config, "model_type", text(root, "model_type", ""));
    config = withTypeDefaults(d, config, prefix, type);
    Architecture a = architecture(d, config, prefix, type);
    Double vision = gemma3Vision(d, root, a);
    if (vision != null) {
      a = a.withVisionParameters(vision);
    }
    if (!d.errors.isEmpty()) {
      throw new ImportException(d.source, d.errors);
    }
    for (ArchitectureCheck.Problem p : ArchitectureCheck.problems(a)) {
      d.error(prefix + configKey(p.field()), p.message(), null);
    }
    if (!d.errors.isEmpty()) {
      // The parameter count below divides by these figures: refuse them before it is computed.
      throw new ImportException(d.source, d.errors);
    }
    double computed = a.computedParameters();
    double parameters = roundedAsCatalogued(computed);
    a = a.withParameters(parameters);
    d.architecture = a;
    d.from.put("model.architecture", SOURCE);
    d.assume(
        "model.architecture.parameters",
        parameters,
        "computed from the architecture (config.json has no parameter count), rounded as the"
            + " catalogue rounds: to 0.01 billion");
    modelId(d, root, fileName, modelId);
    weights(d, root, config);
    d.unresolved.put(
        "hardware.gpu",
        "a config.json does not say which GPU: give hardware.gpu in an overlay or as a setting");
    return d.finish(overlay);
  }

  private Architecture architecture(Draft d, JsonNode c, String prefix, String type) {
    Integer layers = count(d, c, prefix, "num_hidden_layers", true);
    Integer hidden = count(d, c, prefix, "hidden_size", true);
    Integer heads = count(d, c, prefix, "num_attention_heads", true);
    Integer kvHeads = count(d, c, prefix, "num_key_value_heads", false);
    if (kvHeads == null && heads != null) {
      kvHeads = heads;
      d.assume(
          "model.architecture.numKeyValueHeads",
          heads,
          "no num_key_value_heads: multi-head attention, one KV head per attention head");
    }
    Integer headDim = count(d, c, prefix, "head_dim", false);
    // Multi-head latent attention (DeepSeek-V2/V3): the KV cache is the latent, and the query-key
    // head is qk_nope_head_dim + qk_rope_head_dim wide.
    Integer kvLoraRank = count(d, c, prefix, "kv_lora_rank", false);
    Integer qLoraRank = null;
    Integer qkRope = null;
    Integer qkNope = null;
    Integer vHead = null;
    if (kvLoraRank != null) {
      qLoraRank = count(d, c, prefix, "q_lora_rank", false);
      qkRope = count(d, c, prefix, "qk_rope_head_dim", true);
      qkNope = count(d, c, prefix, "qk_nope_head_dim", true);
      vHead = count(d, c, prefix, "v_head_dim", true);
      if (qkRope != null && qkNope != null) {
        headDim = qkNope + qkRope;
        d.assume(
            "model.architecture.headDim",
            headDim,
            "multi-head latent attention: the query-key head, qk_nope_head_dim "
                + qkNope
                + " + qk_rope_head_dim "
                + qkRope);
      }
    }
    // A head count of 0 or less is refused by ArchitectureCheck, with its field, after this.
    if (headDim == null && hidden != null && heads != null && heads > 0) {
      if (hidden % heads != 0) {
        d.error(
            prefix + "head_dim",
            "absent, and hidden_size "
                + hidden
                + " is not a multiple of num_attention_heads "
                + heads,
            null);
      } else {
        headDim = hidden / heads;
      }
    }
    Integer intermediate = count(d, c, prefix, "intermediate_size", true);
    // Llama 4: intermediate_size is the experts' width, intermediate_size_mlp the dense layers'.
    Integer denseMlp = count(d, c, prefix, "intermediate_size_mlp", false);
    Integer vocab = count(d, c, prefix, "vocab_size", true);
    Integer maxPositions = count(d, c, prefix, "max_position_embeddings", true);
    Boolean tied = bool(d, c, prefix, "tie_word_embeddings");
    if (tied == null) {
      tied = TIED_BY_DEFAULT.get(type);
      if (tied == null) {
        tied = false;
        d.assume(
            "model.architecture.tieWordEmbeddings",
            false,
            "no tie_word_embeddings and model_type '"
                + type
                + "' has no known default: a separate lm_head is counted (the larger size)");
      }
    }
    Integer experts = count(d, c, prefix, "num_local_experts", false);
    Integer routed = count(d, c, prefix, "n_routed_experts", false);
    if (experts == null && routed != null) {
      experts = routed; // DeepSeek's routed experts; the shared ones are counted apart
    }
    if (experts == null) {
      experts = count(d, c, prefix, "num_experts", false);
      if (experts != null && experts > 1) {
        d.assume(
            "model.architecture.numLocalExperts",
            experts,
            "from num_experts; intermediate_size is taken as each expert's width, as in Mixtral");
      }
    }
    Integer perToken = count(d, c, prefix, "num_experts_per_tok", false);
    if (perToken == null) {
      perToken = count(d, c, prefix, "experts_per_token", false); // gpt-oss writes both
    }
    if (experts == null || experts <= 1) {
      experts = 1;
      perToken = 1;
    } else if (perToken == null) {
      d.error(prefix + "num_experts_per_tok", "required for a mixture of experts", null);
    }
    Boolean bias = bool(d, c, prefix, "attention_bias");
    if (bias == null) {
      bias = BIAS_BY_DEFAULT.get(type);
      if (bias == null) {
        bias = false;
        d.assume(
            "model.architecture.attentionBias",
            false,
            "no attention_bias and model_type '" + type + "' has no known default");
      }
    }
    Integer moeWidth = count(d, c, prefix, "moe_intermediate_size", false);
    Integer sharedWidth = count(d, c, prefix, "shared_expert_intermediate_size", false);
    Integer step = count(d, c, prefix, "interleave_moe_layer_step", false);
    if (step == null) {
      step = count(d, c, prefix, "decoder_sparse_step", false); // Qwen-MoE: the same (i + 1) % k
    }
    JsonNode mlpOnly = c.path("mlp_only_layers");
    if (mlpOnly.isArray() && !mlpOnly.isEmpty()) {
      d.error(
          prefix + "mlp_only_layers",
          "dense layers at chosen positions, which model.architecture cannot express: the advisor"
              + " cannot size it",
          mlpOnly.toString());
    }
    Integer sharedExperts = count(d, c, prefix, "n_shared_experts", false);
    Integer firstDense = count(d, c, prefix, "first_k_dense_replace", false);
    JsonNode freq = c.path("moe_layer_freq");
    if (experts > 1 && freq.isNumber() && freq.asInt() != 1) {
      // DeepSeek's layer i is MoE when i % moe_layer_freq == 0, not (i + 1) % k as Llama 4's step.
      d.error(
          prefix + "moe_layer_freq",
          "MoE on every "
              + freq.asText()
              + "-th layer only, which model.architecture cannot express: the advisor counts every"
              + " layer after first_k_dense_replace as MoE",
          freq.asText());
    }
    if (denseMlp != null && experts > 1) {
      // Llama4TextMoe: one shared expert of the routed width; the dense layers use _mlp.
      moeWidth = intermediate;
      intermediate = denseMlp;
      sharedExperts = 1;
      d.assume(
          "model.architecture.nSharedExperts",
          1,
          "intermediate_size_mlp (Llama 4): intermediate_size is each expert's width, with one"
              + " shared expert of it; intermediate_size_mlp the dense layers'");
    }
    if (experts <= 1) {
      moeWidth = null;
      sharedWidth = null;
      sharedExperts = null;
      firstDense = null;
      step = null;
    }
    Integer window = count(d, c, prefix, "sliding_window", false);
    if (window != null
        && c.path("use_sliding_window").isBoolean()
        && !c.path("use_sliding_window").asBoolean()) {
      window = null; // Qwen2 writes a window it does not use
    }
    List<String> layerTypes = layerTypes(d, c, prefix, layers);
    Integer pattern =
        layerTypes == null ? count(d, c, prefix, "sliding_window_pattern", false) : null;
    Integer chunk = count(d, c, prefix, "attention_chunk_size", false);
    if (layerTypes == null && pattern == null && window != null && "gemma2".equals(type)) {
      pattern = 2;
      d.assume(
          "model.architecture.slidingWindowPattern",
          2,
          "Gemma 2 writes no layer_types: transformers' Gemma2Config alternates sliding and full"
              + " layers (sliding if (i + 1) % 2)");
    }
    if (layerTypes == null && chunk != null && layers != null) {
      layerTypes = chunkedLayerTypes(d, c, prefix, layers);
    }
    return new Architecture(
        null,
        layers,
        hidden,
        heads,
        kvHeads,
        headDim,
        intermediate,
        vocab,
        maxPositions,
        tied,
        experts,
        perToken,
        bias,
        window,
        qLoraRank,
        kvLoraRank,
        qkRope,
        qkNope,
        vHead,
        sharedExperts,
        moeWidth,
        sharedWidth,
        firstDense,
        step,
        layerTypes,
        pattern,
        chunk,
        null);
  }

  /** transformers' Gemma3TextConfig defaults for the keys Gemma 3's config.json leaves out. */
  private static final Map<String, Integer> GEMMA3_TEXT_DEFAULTS =
      Map.of(
          "head_dim", 256,
          "vocab_size", 262_208,
          "max_position_embeddings", 131_072,
          "sliding_window", 4096,
          "sliding_window_pattern", 6);

  /**
   * The config with the defaults transformers applies for its model type filled in (Gemma 3's
   * config.json keeps only non-default keys), each recorded as an assumption.
   */
  private static JsonNode withTypeDefaults(Draft d, JsonNode c, String prefix, String type) {
    if (!"gemma3_text".equals(type)) {
      return c;
    }
    com.fasterxml.jackson.databind.node.ObjectNode filled =
        ((com.fasterxml.jackson.databind.node.ObjectNode) c).deepCopy();
    for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(GEMMA3_TEXT_DEFAULTS).entrySet()) {
      if (filled.path(e.getKey()).isMissingNode()
          && !(e.getKey().equals("sliding_window_pattern") && filled.has("layer_types"))) {
        filled.put(e.getKey(), e.getValue());
        d.assume(
            "model.architecture." + camel(e.getKey()),
            e.getValue(),
            prefix
                + e.getKey()
                + " absent: Gemma3TextConfig's default (huggingface/transformers"
                + " src/transformers/models/gemma3/configuration_gemma3.py)");
      }
    }
    return filled;
  }

  private static String camel(String key) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char ch : key.toCharArray()) {
      if (ch == '_') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(ch) : ch);
        up = false;
      }
    }
    return b.toString();
  }

  /** config.json's layer_types: one attention kind per layer. */
  private static List<String> layerTypes(Draft d, JsonNode c, String prefix, Integer layers) {
    JsonNode v = c.path("layer_types");
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    if (!v.isArray() || layers != null && v.size() != layers) {
      d.error(
          prefix + "layer_types",
          "expected a list of one attention type per layer (" + layers + " layers)",
          v.toString());
      return null;
    }
    List<String> types = new ArrayList<>();
    for (JsonNode t : v) {
      if (!t.isTextual()) {
        d.error(prefix + "layer_types", "expected attention type names", t.toString());
        return null;
      }
      types.add(t.asText());
    }
    return List.copyOf(types);
  }

  /**
   * Llama 4 writes attention_chunk_size and which layers use RoPE ({@code no_rope_layers}: 1 =
   * RoPE, chunked-local; 0 = NoPE, global), or leaves it to {@code no_rope_layer_interval}.
   */
  private static List<String> chunkedLayerTypes(Draft d, JsonNode c, String prefix, int layers) {
    JsonNode rope = c.path("no_rope_layers");
    List<String> types = new ArrayList<>();
    if (rope.isArray() && rope.size() == layers) {
      for (JsonNode r : rope) {
        types.add(r.asInt() == 1 ? "chunked_attention" : "full_attention");
      }
      return List.copyOf(types);
    }
    Integer interval = count(d, c, prefix, "no_rope_layer_interval", false);
    if (interval == null) {
      interval = 4;
      d.assume(
          "model.architecture.layerTypes",
          "every 4th layer global",
          "attention_chunk_size without no_rope_layers or no_rope_layer_interval: transformers'"
              + " Llama4TextConfig default interval 4 (every 4th layer global, the rest chunked)");
    }
    for (int i = 0; i < layers; i++) {
      types.add((i + 1) % interval == 0 ? "full_attention" : "chunked_attention");
    }
    return List.copyOf(types);
  }

  /**
   * Gemma 3's SigLIP tower and projector, counted from vision_config: per layer q, k, v, o (h² + h
   * each), two layer norms (2h each) and the MLP (2·h·I + h + I); the patch embedding (p²·3·h + h),
   * one position per patch ((image/p)²·h), the post layer norm (2h); the projector (h × text
   * hidden) and its norm (h).
   */
  private static Double gemma3Vision(Draft d, JsonNode root, Architecture a) {
    JsonNode v = root.path("vision_config");
    if (!"gemma3".equals(text(root, "model_type", ""))
        || !"siglip_vision_model".equals(text(v, "model_type", ""))
        || a.hiddenSize() == null) {
      return null;
    }
    String p = "vision_config.";
    Integer h = count(d, v, p, "hidden_size", true);
    Integer inter = count(d, v, p, "intermediate_size", true);
    Integer layers = count(d, v, p, "num_hidden_layers", true);
    Integer image = count(d, v, p, "image_size", true);
    Integer patch = count(d, v, p, "patch_size", true);
    if (h == null || inter == null || layers == null || image == null || patch == null) {
      return null;
    }
    double hh = h;
    double perLayer = 4 * (hh * hh + hh) + 4 * hh + 2 * hh * inter + hh + inter;
    double positions = Math.pow((double) image / patch, 2);
    double tower =
        layers * perLayer + (double) patch * patch * 3 * hh + hh + positions * hh + 2 * hh;
    double projector = hh * a.hiddenSize() + hh;
    double params = Math.round((tower + projector) / 1e5) * 1e5;
    d.assume(
        "model.architecture.visionParameters",
        params,
        "the SigLIP tower of vision_config ("
            + layers
            + " layers, hidden "
            + h
            + ") and the projector to the text width, loaded at 16 bits beside the decoder");
    return params;
  }

  private void modelId(Draft d, JsonNode root, String fileName, String given) {
    String id = given;
    String why = null;
    if (id == null) {
      String named = text(root, "_name_or_path", "");
      if (!named.isBlank()) {
        boolean repo = named.matches("[\\w.-]+/[\\w.-]+");
        id = repo ? named : lastSegment(named);
        why = repo ? "_name_or_path" : "the last part of _name_or_path " + named;
      } else if (fileName != null) {
        String name = lastSegment(fileName.replace('\\', '/'));
        String dir = parent(fileName.replace('\\', '/'));
        if (name.equals("config.json") && dir != null) {
          id = dir;
          why = "the directory of " + fileName;
        } else {
          id = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
          why = "the file name " + name;
        }
      }
    }
    if (id == null) {
      return; // the advisor names it custom-model
    }
    d.modelId = id;
    d.from.put("model.id", why == null ? "the given model id" : why);
    if (why != null) {
      d.assume("model.id", id, "taken from " + why);
    }
    Lookup<ModelSpec> found = catalogues.models().lookup(id);
    if (found instanceof Lookup.Found<ModelSpec> f) {
      ModelSpec m = f.entry();
      if (m.licence() != null) {
        d.licence = m.licence();
        d.assume("model.licence", m.licence(), "the catalogue's licence of " + m.id());
      }
      List<String> differ = differences(m.architecture(), d.architecture);
      d.notes.add(
          differ.isEmpty()
              ? "the architecture matches the catalogue entry " + m.id()
              : "the architecture differs from the catalogue entry "
                  + m.id()
                  + " in "
                  + String.join(", ", differ)
                  + ": the plan uses config.json's numbers");
    } else {
      d.notes.add(
          "'"
              + id
              + "' is not in the catalogue and config.json carries no licence: give model.licence"
              + " in an overlay for the licence rules to judge it");
    }
  }

  private void weights(Draft d, JsonNode root, JsonNode config) {
    JsonNode q = root.path("quantization_config");
    if (q.isObject()) {
      quantization(d, q);
      return;
    }
    String dtype = text(root, "torch_dtype", text(root, "dtype", text(config, "torch_dtype", "")));
    IdIndex.Imported<WeightFormat> format =
        catalogues.weightFormats().fromSource("torchDtype", dtype);
    String id = format == null ? null : format.entry().id();
    if (id != null) {
      d.weights(id, "torch_dtype " + dtype, null);
    } else {
      d.assume(
          "quantization.weights",
          "bf16",
          dtype.isEmpty()
              ? "config.json gives no torch_dtype: the advisor's native dtype for a model outside"
                  + " the catalogue"
              : "torch_dtype " + dtype + " is not a weight format: the advisor's native dtype");
    }
  }

  private void quantization(Draft d, JsonNode q) {
    String method = text(q, "quant_method", "").toLowerCase(Locale.ROOT).replace('_', '-');
    int bits = q.path("bits").asInt(q.path("w_bit").asInt(0));
    String where = "quantization_config.quant_method " + method;
    // The catalogue's hfQuantMethod names: the method, with the bit width or ModelOpt's quant_algo
    // where the method covers several formats (gptq:8, modelopt:nvfp4).
    String detail =
        method.equals("modelopt")
            ? text(q, "quant_algo", "")
            : method.equals("bitsandbytes")
                ? (q.path("load_in_4bit").asBoolean(false) ? "4bit" : "")
                : bits > 0 ? String.valueOf(bits) : "";
    String id = null;
    String assumption = null;
    if (method.equals("compressed-tensors")) {
      id = compressedTensors(q);
    } else {
      IdIndex.Imported<WeightFormat> format =
          catalogues
              .weightFormats()
              .fromSource("hfQuantMethod", detail.isEmpty() ? method : method + ":" + detail);
      if (format != null) {
        id = format.entry().id();
        assumption = format.assumption();
      }
    }
    if (bits > 0) {
      where += ", bits " + bits;
    }
    if (id == null || !(catalogues.weightFormats().lookup(id) instanceof Lookup.Found<?>)) {
      d.unresolved.put(
          "quantization.weights",
          where + " has no catalogue weight format: give quantization.weights in an overlay");
      return;
    }
    d.weights(id, where, assumption);
  }

  /** The scheme of the first config group: weights and input activations, bits and type. */
  private static String compressedTensors(JsonNode q) {
    JsonNode groups = q.path("config_groups");
    if (!groups.isObject() || groups.isEmpty()) {
      return null;
    }
    JsonNode group = groups.elements().next();
    JsonNode w = group.path("weights");
    JsonNode a = group.path("input_activations");
    int wBits = w.path("num_bits").asInt(0);
    String wType = text(w, "type", "");
    int aBits = a.isObject() ? a.path("num_bits").asInt(0) : 0;
    String aType = a.isObject() ? text(a, "type", "") : "";
    if (wBits == 8 && wType.equals("float") && aBits == 8 && aType.equals("float")) {
      return "fp8";
    }
    if (wBits == 8 && wType.equals("int") && aBits == 8 && aType.equals("int")) {
      return "int8-w8a8";
    }
    if (wBits == 8 && wType.equals("int") && aBits == 0) {
      return "int8-w8a16";
    }
    if (wBits == 4 && wType.equals("int") && aBits == 0) {
      return "gptq-int4";
    }
    if (wBits == 4 && wType.equals("float")) {
      return "nvfp4";
    }
    return null;
  }

  private static Integer count(Draft d, JsonNode c, String prefix, String key, boolean required) {
    JsonNode v = c.path(key);
    if (v.isMissingNode() || v.isNull()) {
      if (required) {
        d.error(prefix + key, "missing", null);
      }
      return null;
    }
    if (!v.isNumber()
        || v.asDouble() != Math.rint(v.asDouble())
        || Math.abs(v.asDouble()) > Integer.MAX_VALUE) {
      d.error(prefix + key, "expected a whole number", v.asText());
      return null;
    }
    return v.asInt();
  }

  private static Boolean bool(Draft d, JsonNode c, String prefix, String key) {
    JsonNode v = c.path(key);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      d.error(prefix + key, "expected true or false", v.asText());
      return null;
    }
    return v.asBoolean();
  }

  private static String text(JsonNode c, String key, String fallback) {
    JsonNode v = c.path(key);
    return v.isTextual() ? v.asText() : fallback;
  }

  /**
   * The catalogue's convention (parameters derived from config.json): billions to two decimals;
   * three significant digits below a billion. Either is within 0.5 % of the computed count.
   */
  static double roundedAsCatalogued(double parameters) {
    if (parameters >= 1e9) {
      return Math.round(parameters / 1e7) * 1e7;
    }
    return new BigDecimal(parameters).round(new MathContext(3)).doubleValue();
  }

  /** The fields whose values differ, parameters aside (the catalogue's are rounded). */
  private static List<String> differences(Architecture catalogue, Architecture imported) {
    List<String> out = new ArrayList<>();
    for (var c : Architecture.class.getRecordComponents()) {
      if (c.getName().equals("parameters")) {
        continue;
      }
      try {
        Object x = c.getAccessor().invoke(catalogue);
        Object y = c.getAccessor().invoke(imported);
        if (!Objects.equals(x, y)) {
          out.add(c.getName() + " (" + x + " in the catalogue, " + y + " here)");
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** config.json's key for an architecture field named in {@link ArchitectureCheck}'s problems. */
  private static String configKey(String field) {
    return field.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
  }

  private static String lastSegment(String path) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return p.substring(p.lastIndexOf('/') + 1);
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    if (slash <= 0) {
      return null;
    }
    String dir = path.substring(0, slash);
    return lastSegment(dir).isEmpty() || lastSegment(dir).equals(".") ? null : lastSegment(dir);
  }
}
