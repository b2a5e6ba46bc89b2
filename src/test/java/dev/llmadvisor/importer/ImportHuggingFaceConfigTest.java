package dev.llmadvisor.importer;

import static dev.llmadvisor.importer.ImportVllmCommandTest.CATALOGUES;
import static dev.llmadvisor.importer.ImportVllmCommandTest.assumedFields;
import static dev.llmadvisor.importer.ImportVllmCommandTest.failure;
import static dev.llmadvisor.importer.ImportVllmCommandTest.field;
import static dev.llmadvisor.importer.ImportVllmCommandTest.missingFields;
import static dev.llmadvisor.importer.ImportVllmCommandTest.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.catalogue.Architecture;
import dev.llmadvisor.plan.PlanReader;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hugging Face config.json files to plans with model.architecture. */
class ImportHuggingFaceConfigTest {
  static final HuggingFaceConfigImporter IMPORTER = new HuggingFaceConfigImporter(CATALOGUES);
  static final String LLAMA = "Llama-3.1-8B-Instruct/config.json";
  static final String MIXTRAL = "mixtral-8x7b-instruct-config.json";
  static final String DEEPSEEK_V2_LITE = "DeepSeek-V2-Lite-Chat/config.json";
  static final String QWEN3_30B_A3B = "qwen3-30b-a3b-config.json";

  /**
   * Gemma 2 9B as its config.json copy gives it: tie_word_embeddings left out, as save_pretrained
   * does.
   */
  static final String GEMMA2_9B =
      """
      {"architectures": ["Gemma2ForCausalLM"], "model_type": "gemma2",
       "hidden_size": 3584, "num_hidden_layers": 42, "num_attention_heads": 16,
       "num_key_value_heads": 8, "head_dim": 256, "intermediate_size": 14336,
       "vocab_size": 256000, "max_position_embeddings": 8192, "sliding_window": 4096,
       "query_pre_attn_scalar": 256, "attn_logit_softcapping": 50.0, "torch_dtype": "bfloat16"}
      """;

  /** Qwen2.5 7B: q/k/v biases without an attention_bias key, a window it does not use. */
  static final String QWEN25_7B =
      """
      {"model_type": "qwen2", "hidden_size": 3584, "num_hidden_layers": 28,
       "num_attention_heads": 28, "num_key_value_heads": 4, "intermediate_size": 18944,
       "vocab_size": 152064, "max_position_embeddings": 131072, "sliding_window": 131072,
       "use_sliding_window": false, "tie_word_embeddings": false, "torch_dtype": "bfloat16"}
      """;

  static ImportResult config(String file) throws IOException {
    return IMPORTER.fromConfig(ImportEquivalenceTest.resource(file), file, null, Overlay.NONE);
  }

  static Architecture catalogued(String id) {
    return CATALOGUES.models().get(id).architecture();
  }

  @Test
  void llama31ConfigGivesTheCatalogueArchitecture() throws IOException {
    ImportResult r = config(LLAMA);
    assertThat(r.plan().model().architecture())
        .isEqualTo(catalogued("meta-llama/Llama-3.1-8B-Instruct"));
    assertThat(field(r, "model.id")).as("the directory name").isEqualTo("Llama-3.1-8B-Instruct");
    assertThat(field(r, "model.licence")).isEqualTo("llama3.1");
    assertThat(field(r, "quantization.weights")).as("torch_dtype").isEqualTo("bf16");
    assertThat(assumedFields(r))
        .containsExactly("model.architecture.parameters", "model.id", "model.licence");
    assertThat(r.notes())
        .contains("the architecture matches the catalogue entry meta-llama/Llama-3.1-8B-Instruct");
    assertThat(missingFields(r)).containsExactly("hardware.gpu");
    assertThat(PlanReader.read(r.planYaml(), PlanReader.Format.YAML)).isEqualTo(r.plan());
  }

  /**
   * DeepSeek-V2-Lite-Chat's config.json (as transformers 5.7 writes it: "dtype", "rope_parameters",
   * and a "head_dim" of 64 that is the rope part only): multi-head latent attention and DeepSeek's
   * MoE are read, not refused, and give the catalogue's architecture.
   */
  @Test
  void deepSeekV2LiteConfigGivesTheCatalogueArchitecture() throws IOException {
    ImportResult r = config(DEEPSEEK_V2_LITE);
    Architecture a = r.plan().model().architecture();
    assertThat(a).isEqualTo(catalogued("deepseek-ai/DeepSeek-V2-Lite-Chat"));
    assertThat(a.kvLoraRank()).isEqualTo(512);
    assertThat(a.qLoraRank()).as("q_lora_rank null: a full q_proj").isNull();
    assertThat(a.qkRopeHeadDim()).isEqualTo(64);
    assertThat(a.qkNopeHeadDim()).isEqualTo(128);
    assertThat(a.vHeadDim()).isEqualTo(128);
    assertThat(a.headDim()).as("qk_nope 128 + qk_rope 64, not config's head_dim 64").isEqualTo(192);
    assertThat(a.numLocalExperts()).as("n_routed_experts").isEqualTo(64);
    assertThat(a.nSharedExperts()).isEqualTo(2);
    assertThat(a.moeIntermediateSize()).isEqualTo(1408);
    assertThat(a.firstKDenseReplace()).isEqualTo(1);
    // 15,706,484,224 parameters (the checkpoint's inventory), catalogued to 0.01 billion.
    assertThat(a.parameters()).isEqualTo(15.71e9);
    assertThat(field(r, "model.licence")).isEqualTo("deepseek");
    assertThat(field(r, "quantization.weights")).isEqualTo("bf16");
    assertThat(r.notes())
        .contains("the architecture matches the catalogue entry deepseek-ai/DeepSeek-V2-Lite-Chat");
    assertThat(PlanReader.read(r.planYaml(), PlanReader.Format.YAML)).isEqualTo(r.plan());
  }

  /**
   * Gemma 3 12B's config.json (google/gemma-3-12b-it on Hugging Face, as published): the numbers
   * sit in text_config, which keeps only non-default keys, beside a SigLIP vision_config.
   */
  @Test
  void gemma3ConfigReadsTextConfigTheDefaultsAndTheVisionTower() throws IOException {
    ImportResult r = config("gemma-3-12b-it-config.json");
    Architecture a = r.plan().model().architecture();
    Architecture catalogued = catalogued("google/gemma-3-12b-it");
    assertThat(a.numHiddenLayers()).isEqualTo(48);
    assertThat(a.hiddenSize()).isEqualTo(3840);
    assertThat(a.numKeyValueHeads()).isEqualTo(8);
    // Gemma3TextConfig defaults: head_dim 256, vocab 262,208, 131,072 positions, every 6th full
    assertThat(a.headDim()).isEqualTo(256);
    assertThat(a.vocabSize()).isEqualTo(262_208);
    assertThat(a.maxPositionEmbeddings()).isEqualTo(131_072);
    assertThat(a.slidingWindow()).isEqualTo(1024);
    assertThat(a.slidingWindowPattern()).isEqualTo(6);
    assertThat(a.tied()).isTrue();
    // 48 layers × (3840·4096·2 + 2·3840·2048·... ) → 11.77 B, as catalogued
    assertThat(a.parameters()).isEqualTo(catalogued.parameters());
    // SigLIP: 27 × (4·(1152² + 1152) + 4·1152 + 2·1152·4304 + 1152 + 4304) + 14²·3·1152 + 1152
    // + 64²·1152 + 2·1152 = 416.87 M; projector 1152 · 3840 + 1152 = 4.42 M → 0.4213 B
    assertThat(a.visionParameters()).isEqualTo(0.4213e9);
    assertThat(assumedFields(r))
        .contains(
            "model.architecture.headDim",
            "model.architecture.vocabSize",
            "model.architecture.maxPositionEmbeddings",
            "model.architecture.slidingWindowPattern",
            "model.architecture.visionParameters");
    // the same KV groups as the catalogue entry: 40 sliding + 8 full layers
    assertThat(dev.llmadvisor.sizing.KvGroups.layerKinds(a))
        .isEqualTo(dev.llmadvisor.sizing.KvGroups.layerKinds(catalogued));
    assertThat(PlanReader.read(r.planYaml(), PlanReader.Format.YAML)).isEqualTo(r.plan());
  }

  @Test
  void layerTypesAndChunkedAttentionAreRead() {
    String json =
        """
        {"model_type": "llama4_text", "hidden_size": 5120, "num_hidden_layers": 4,
         "num_attention_heads": 40, "num_key_value_heads": 8, "head_dim": 128,
         "intermediate_size": 8192, "vocab_size": 202048, "max_position_embeddings": 10485760,
         "attention_chunk_size": 8192, "no_rope_layers": [1, 1, 1, 0],
         "tie_word_embeddings": false, "attention_bias": false}
        """;
    Architecture a =
        IMPORTER.fromConfig(json, "l4.json", "x/y", Overlay.NONE).plan().model().architecture();
    assertThat(a.attentionChunkSize()).isEqualTo(8192);
    assertThat(a.layerTypes())
        .containsExactly(
            "chunked_attention", "chunked_attention", "chunked_attention", "full_attention");
  }

  @Test
  void mixtralConfigGivesTheCatalogueArchitecture() throws IOException {
    ImportResult r = config(MIXTRAL);
    Architecture a = r.plan().model().architecture();
    assertThat(a).isEqualTo(catalogued("mistralai/Mixtral-8x7B-Instruct-v0.1"));
    assertThat(a.numLocalExperts()).isEqualTo(8);
    assertThat(a.numExpertsPerTok()).isEqualTo(2);
    assertThat(a.parameters()).isEqualTo(46.70e9);
    assertThat(field(r, "model.id"))
        .as("_name_or_path")
        .isEqualTo("mistralai/Mixtral-8x7B-Instruct-v0.1");
    assertThat(PlanReader.read(r.planYaml(), PlanReader.Format.YAML)).isEqualTo(r.plan());
  }

  @Test
  void keysLeftOutTakeTheModelTypesDefaults() {
    ImportResult gemma = IMPORTER.fromConfig(GEMMA2_9B, null, "google/gemma-2-9b", Overlay.NONE);
    assertThat(gemma.plan().model().architecture()).isEqualTo(catalogued("google/gemma-2-9b"));
    assertThat(assumedFields(gemma)).doesNotContain("model.id");

    ImportResult qwen = IMPORTER.fromConfig(QWEN25_7B, null, "Qwen/Qwen2.5-7B", Overlay.NONE);
    Architecture a = qwen.plan().model().architecture();
    assertThat(a).isEqualTo(catalogued("Qwen/Qwen2.5-7B"));
    assertThat(a.headDim()).as("hidden / heads").isEqualTo(128);
    assertThat(a.attentionBias()).isTrue();
    assertThat(a.slidingWindow()).as("use_sliding_window false").isNull();
  }

  @Test
  void aModelOutsideTheCatalogueSaysItsLicenceIsMissingAndWhatWasAssumed() {
    String config =
        """
        {"model_type": "newarch", "hidden_size": 2048, "num_hidden_layers": 16,
         "num_attention_heads": 16, "intermediate_size": 8192, "vocab_size": 50000,
         "max_position_embeddings": 4096}
        """;
    ImportResult r = IMPORTER.fromConfig(config, "models/tiny-lm/config.json", null, Overlay.NONE);
    assertThat(field(r, "model.id")).isEqualTo("tiny-lm");
    assertThat(field(r, "model.licence")).isNull();
    assertThat(r.plan().model().architecture().numKeyValueHeads()).isEqualTo(16);
    assertThat(assumedFields(r))
        .contains(
            "model.architecture.numKeyValueHeads",
            "model.architecture.tieWordEmbeddings",
            "model.architecture.attentionBias",
            "quantization.weights");
    assertThat(r.notes()).anyMatch(n -> n.contains("carries no licence"));
  }

  /**
   * Qwen3-30B-A3B's config.json: 128 routed experts of their own width (768, not intermediate_size
   * 6144), every layer MoE (decoder_sparse_step 1). Parameters: 48 × (attention 2048 × (4096 + 2 ×
   * 512) + 4096 × 2048 = 18,874,368 + experts 128 × 3 × 2048 × 768 = 603,979,776 + router 2048 ×
   * 128 = 262,144 + norms 2 × 2048 = 623,120,384) + embeddings and lm_head 2 × 151,936 × 2048 =
   * 622,329,856 + final norm 2048 = 30,532,110,336, rounded to 30.53 B.
   */
  @Test
  void qwen3MoeConfigReadsTheExpertWidthAndMatchesTheCatalogue() throws IOException {
    ImportResult r = config(QWEN3_30B_A3B);
    Architecture a = r.plan().model().architecture();
    assertThat(a.numLocalExperts()).as("num_experts").isEqualTo(128);
    assertThat(a.numExpertsPerTok()).isEqualTo(8);
    assertThat(a.moeIntermediateSize()).isEqualTo(768);
    assertThat(a.interleaveMoeLayerStep()).as("decoder_sparse_step").isEqualTo(1);
    assertThat(a.moeLayerCount()).isEqualTo(48);
    assertThat(a.computedParameters()).isEqualTo(30_532_110_336.0);
    assertThat(a.parameters()).isEqualTo(30.53e9);
    // 3.34 B active: 30,532,122,624 − 48 × 3 × 2048 × 768 × (128 − 8) = 3,353,020,416
    assertThat(a.activeParameters()).isEqualTo(3_353_020_416.0);
    assertThat(field(r, "model.id")).isEqualTo("Qwen/Qwen3-30B-A3B");
    assertThat(field(r, "model.licence")).isEqualTo("apache-2.0");
    Architecture c = catalogued("Qwen/Qwen3-30B-A3B");
    assertThat(a.computedParameters()).isEqualTo(c.computedParameters());
  }

  /** gpt-oss: experts_per_token, layer_types as given, MXFP4 from quantization_config. */
  @Test
  void gptOssConfigReadsMxfp4AndLayerTypes() {
    String json =
        """
        {"model_type": "gpt_oss", "hidden_size": 2880, "num_hidden_layers": 2,
         "num_attention_heads": 64, "num_key_value_heads": 8, "head_dim": 64,
         "intermediate_size": 2880, "vocab_size": 201088, "max_position_embeddings": 131072,
         "num_local_experts": 32, "experts_per_token": 4, "attention_bias": true,
         "sliding_window": 128, "layer_types": ["sliding_attention", "full_attention"],
         "tie_word_embeddings": false,
         "quantization_config": {"quant_method": "mxfp4", "modules_to_not_convert":
           ["model.layers.*.self_attn", "model.layers.*.mlp.router", "model.embed_tokens",
            "lm_head"]}}
        """;
    ImportResult r = IMPORTER.fromConfig(json, "gpt-oss-mini.json", null, Overlay.NONE);
    Architecture a = r.plan().model().architecture();
    assertThat(a.numExpertsPerTok()).as("experts_per_token").isEqualTo(4);
    assertThat(a.layerTypes()).containsExactly("sliding_attention", "full_attention");
    assertThat(a.slidingWindow()).isEqualTo(128);
    assertThat(field(r, "quantization.weights")).isEqualTo("mxfp4");
  }

  /** Llama 4's text_config: intermediate_size is the experts' width, _mlp the dense layers'. */
  @Test
  void llama4TextConfigSeparatesExpertAndDenseWidths() {
    String json =
        """
        {"model_type": "llama4", "text_config": {"model_type": "llama4_text",
         "hidden_size": 5120, "num_hidden_layers": 48, "num_attention_heads": 40,
         "num_key_value_heads": 8, "head_dim": 128, "intermediate_size": 8192,
         "intermediate_size_mlp": 16384, "vocab_size": 202048,
         "max_position_embeddings": 1048576, "num_local_experts": 128,
         "num_experts_per_tok": 1, "interleave_moe_layer_step": 2,
         "attention_chunk_size": 8192, "tie_word_embeddings": false}}
        """;
    ImportResult r = IMPORTER.fromConfig(json, "maverick.json", null, Overlay.NONE);
    Architecture a = r.plan().model().architecture();
    assertThat(a.moeIntermediateSize()).isEqualTo(8192);
    assertThat(a.intermediateSize()).isEqualTo(16384);
    assertThat(a.nSharedExperts()).isEqualTo(1);
    assertThat(a.interleaveMoeLayerStep()).isEqualTo(2);
    assertThat(a.attentionChunkSize()).isEqualTo(8192);
    // 24 MoE layers, 24 dense: the same count as the catalogued Maverick
    assertThat(a.moeLayerCount()).isEqualTo(24);
    // no no_rope_layers: every 4th layer global, as the catalogue entry's layerTypes
    assertThat(a.layerTypes())
        .isEqualTo(catalogued("meta-llama/Llama-4-Maverick-17B-128E-Instruct").layerTypes());
    assertThat(a.computedParameters())
        .isEqualTo(
            catalogued("meta-llama/Llama-4-Maverick-17B-128E-Instruct").computedParameters());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"quant_method\": \"fp8\", \"activation_scheme\": \"dynamic\"} | fp8",
        "{\"quant_method\": \"awq\", \"bits\": 4, \"group_size\": 128, \"zero_point\": true} | awq-int4",
        "{\"quant_method\": \"gptq\", \"bits\": 4, \"group_size\": 128} | gptq-int4",
        "{\"quant_method\": \"gptq\", \"bits\": 8, \"group_size\": 128} | gptq-int8",
        "{\"quant_method\": \"gptq\", \"bits\": 3, \"group_size\": 128} | gptq-int3",
        "{\"quant_method\": \"bitsandbytes\", \"load_in_4bit\": true, \"bnb_4bit_quant_type\": \"nf4\"} | bnb-nf4",
        "{\"quant_method\": \"compressed-tensors\", \"config_groups\": {\"group_0\": {\"weights\":"
            + " {\"num_bits\": 8, \"type\": \"int\"}, \"input_activations\": {\"num_bits\": 8,"
            + " \"type\": \"int\"}}}} | int8-w8a8",
        "{\"quant_method\": \"compressed-tensors\", \"config_groups\": {\"group_0\": {\"weights\":"
            + " {\"num_bits\": 8, \"type\": \"float\"}, \"input_activations\": {\"num_bits\": 8,"
            + " \"type\": \"float\"}}}} | fp8",
        "{\"quant_method\": \"compressed-tensors\", \"config_groups\": {\"group_0\": {\"weights\":"
            + " {\"num_bits\": 4, \"type\": \"int\", \"group_size\": 128}, \"input_activations\":"
            + " null}}} | gptq-int4",
        "{\"quant_method\": \"compressed-tensors\", \"config_groups\": {\"group_0\": {\"weights\":"
            + " {\"num_bits\": 8, \"type\": \"int\"}}}} | int8-w8a16",
        "{\"quant_method\": \"modelopt\", \"quant_algo\": \"NVFP4\"} | nvfp4"
      })
  void quantizationConfigGivesTheWeightFormat(String quantization, String weights)
      throws IOException {
    String json =
        ImportEquivalenceTest.resource(LLAMA)
            .replace(
                "\"rope_theta\"", "\"quantization_config\": " + quantization + ", \"rope_theta\"");
    ImportResult r = IMPORTER.fromConfig(json, null, "org/quantized", Overlay.NONE);
    assertThat(field(r, "quantization.weights")).isEqualTo(weights);
    assertThat(missingFields(r)).containsExactly("hardware.gpu");
  }

  @Test
  void aQuantizationWithoutACatalogueFormatIsLeftForTheOverlay() throws IOException {
    String json =
        ImportEquivalenceTest.resource(LLAMA)
            .replace(
                "\"rope_theta\"",
                "\"quantization_config\": {\"quant_method\": \"hqq\"}, \"rope_theta\"");
    ImportResult r = IMPORTER.fromConfig(json, null, null, Overlay.NONE);
    assertThat(missingFields(r)).containsExactly("hardware.gpu", "quantization.weights");
    assertThat(r.missing().get(1).why()).contains("hqq");
  }

  @Test
  void gptqWithoutBitsAssumesFour() throws IOException {
    String json =
        ImportEquivalenceTest.resource(LLAMA)
            .replace(
                "\"rope_theta\"",
                "\"quantization_config\": {\"quant_method\": \"gptq\"}, \"rope_theta\"");
    ImportResult r = IMPORTER.fromConfig(json, null, "x/y", Overlay.NONE);
    assertThat(field(r, "quantization.weights")).isEqualTo("gptq-int4");
    assertThat(assumedFields(r)).contains("quantization.weights");
  }

  @Test
  void aMultimodalConfigReadsItsTextConfig() {
    String json =
        "{\"model_type\": \"llava\", \"torch_dtype\": \"float16\", \"text_config\": "
            + QWEN25_7B.replace("\"torch_dtype\": \"bfloat16\"", "\"x\": 1")
            + "}";
    ImportResult r = IMPORTER.fromConfig(json, null, "org/vlm", Overlay.NONE);
    assertThat(r.plan().model().architecture().numHiddenLayers()).isEqualTo(28);
    assertThat(field(r, "quantization.weights")).isEqualTo("fp16");
    assertThat(r.notes()).anyMatch(n -> n.contains("text_config"));
  }

  @Test
  void aGivenModelIdWins() throws IOException {
    ImportResult r =
        IMPORTER.fromConfig(
            ImportEquivalenceTest.resource(MIXTRAL), MIXTRAL, "my/mixtral", Overlay.NONE);
    assertThat(field(r, "model.id")).isEqualTo("my/mixtral");
    assertThat(assumedFields(r)).doesNotContain("model.id");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"num_hidden_layers\": 2} | hidden_size",
        "{\"hidden_size\": \"4096\", \"num_hidden_layers\": 2, \"num_attention_heads\": 32,"
            + " \"intermediate_size\": 1, \"vocab_size\": 1, \"max_position_embeddings\": 1} |"
            + " hidden_size",
        "{\"hidden_size\": 4096, \"num_hidden_layers\": 2.5, \"num_attention_heads\": 32,"
            + " \"intermediate_size\": 1, \"vocab_size\": 1, \"max_position_embeddings\": 1} |"
            + " num_hidden_layers",
        "{\"hidden_size\": 4096, \"num_hidden_layers\": 2, \"num_attention_heads\": 32,"
            + " \"num_key_value_heads\": 5, \"intermediate_size\": 1, \"vocab_size\": 1,"
            + " \"max_position_embeddings\": 1} | num_key_value_heads",
        "{\"hidden_size\": 7168, \"num_hidden_layers\": 61, \"num_attention_heads\": 128,"
            + " \"kv_lora_rank\": 512, \"intermediate_size\": 18432, \"vocab_size\": 129280,"
            + " \"max_position_embeddings\": 163840} | qk_rope_head_dim",
        "{\"hidden_size\": 2048, \"num_hidden_layers\": 27, \"num_attention_heads\": 16,"
            + " \"n_routed_experts\": 64, \"num_experts_per_tok\": 6, \"moe_intermediate_size\": 1408,"
            + " \"moe_layer_freq\": 2, \"intermediate_size\": 10944, \"vocab_size\": 102400,"
            + " \"max_position_embeddings\": 163840} | moe_layer_freq",
        "{\"hidden_size\": 2048, \"num_hidden_layers\": 48, \"num_attention_heads\": 32,"
            + " \"num_experts\": 128, \"num_experts_per_tok\": 8, \"moe_intermediate_size\": 768,"
            + " \"mlp_only_layers\": [0], \"intermediate_size\": 6144, \"vocab_size\": 151936,"
            + " \"max_position_embeddings\": 40960} | mlp_only_layers",
        // Found by ImportMutationsTest: these ended in "/ by zero" and "Infinite or NaN".
        "{\"hidden_size\": 4096, \"num_hidden_layers\": 2, \"num_attention_heads\": 0,"
            + " \"intermediate_size\": 1, \"vocab_size\": 1, \"max_position_embeddings\": 1} |"
            + " num_attention_heads",
        "{\"hidden_size\": 4096, \"num_hidden_layers\": 0, \"num_attention_heads\": 32,"
            + " \"intermediate_size\": 1, \"vocab_size\": 1, \"max_position_embeddings\": 1} |"
            + " num_hidden_layers",
        "[1, 2] | $",
        "{not json | $"
      })
  void errorsNameTheConfigKey(String json, String key) {
    ImportException e = failure(() -> IMPORTER.fromConfig(json, null, null, Overlay.NONE));
    assertThat(where(e)).contains(key);
    assertThat(e.source()).isEqualTo("config.json");
  }
}
