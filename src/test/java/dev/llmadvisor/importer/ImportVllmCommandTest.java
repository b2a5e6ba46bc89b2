package dev.llmadvisor.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmadvisor.catalogue.CatalogueLoader;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.plan.FieldError;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** vLLM command lines to plans: every mapped flag, the command forms, shell text, errors. */
class ImportVllmCommandTest {
  static final Catalogues CATALOGUES = CatalogueLoader.load(Path.of("catalogues"));
  static final VllmCommandImporter IMPORTER = new VllmCommandImporter(CATALOGUES);
  static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";

  static ImportResult serve(String flags) {
    List<String> words = new java.util.ArrayList<>(List.of("vllm", "serve", MODEL));
    if (!flags.isBlank()) {
      words.addAll(Arrays.asList(flags.trim().split("\\s+")));
    }
    return IMPORTER.fromArgs(words, Overlay.NONE);
  }

  static Object field(ImportResult r, String path) {
    return PlanRecords.get(r.plan(), path);
  }

  static List<String> assumedFields(ImportResult r) {
    return r.assumed().stream().map(Assumption::field).toList();
  }

  static List<String> missingFields(ImportResult r) {
    return r.missing().stream().map(ImportResult.Missing::field).toList();
  }

  static ImportException failure(Runnable r) {
    try {
      r.run();
    } catch (ImportException e) {
      return e;
    }
    throw new AssertionError("expected an ImportException");
  }

  static List<String> where(ImportException e) {
    return e.errors().stream().map(FieldError::field).toList();
  }

  @Test
  void theDoneWhenCommandNeedsOnlyTheGpu() {
    ImportResult r = IMPORTER.fromArgs(ImportEquivalenceTest.DONE_WHEN, Overlay.NONE);
    assertThat(field(r, "model.id")).isEqualTo(MODEL);
    assertThat(field(r, "quantization.weights")).isEqualTo("fp8");
    assertThat(field(r, "engine.maxModelLen")).isEqualTo(16384);
    assertThat(field(r, "engine.name")).isEqualTo("vllm");
    assertThat(r.assumed()).isEmpty();
    assertThat(r.ignored()).isEmpty();
    assertThat(missingFields(r)).containsExactly("hardware.gpu");
    assertThat(r.complete()).isFalse();
    assertThat(r.source()).isEqualTo("vLLM command (vllm serve)");
    assertThat(r.planYaml())
        .isEqualTo(
            """
            model:
              id: meta-llama/Llama-3.1-8B-Instruct
            quantization:
              weights: fp8
            engine:
              name: vllm
              maxModelLen: 16384
            """);
  }

  @ParameterizedTest(name = "{0} → {1} = {2}")
  @CsvSource({
    "--quantization fp8, quantization.weights, fp8",
    "--quantization awq, quantization.weights, awq-int4",
    "--quantization awq_marlin, quantization.weights, awq-int4",
    "--quantization gptq, quantization.weights, gptq-int4",
    "--quantization gptq_marlin, quantization.weights, gptq-int4",
    "--quantization bitsandbytes, quantization.weights, bnb-nf4",
    "--quantization fbgemm_fp8, quantization.weights, fp8",
    "--quantization modelopt_fp4, quantization.weights, nvfp4",
    "-q fp8, quantization.weights, fp8",
    "--dtype half, quantization.weights, fp16",
    "--dtype float16, quantization.weights, fp16",
    "--dtype bfloat16, quantization.weights, bf16",
    "--dtype float32, quantization.weights, fp32",
    "--dtype float, quantization.weights, fp32",
    "--kv-cache-dtype auto, quantization.kvCache, auto",
    "--kv-cache-dtype fp8, quantization.kvCache, fp8",
    "--kv-cache-dtype fp8_e4m3, quantization.kvCache, fp8_e4m3",
    "--kv-cache-dtype fp8_e5m2, quantization.kvCache, fp8_e5m2",
    "--kv-cache-dtype float16, quantization.kvCache, fp16",
    "--kv-cache-dtype bfloat16, quantization.kvCache, bf16",
    "--max-model-len 16384, engine.maxModelLen, 16384",
    "--max-model-len=32768, engine.maxModelLen, 32768",
    "--max_model_len 4096, engine.maxModelLen, 4096",
    "--max-model-len 16k, engine.maxModelLen, 16000",
    "--max-model-len 16K, engine.maxModelLen, 16384",
    "--tensor-parallel-size 4, parallelism.tensor, 4",
    "-tp 4, parallelism.tensor, 4",
    "-tp=2, parallelism.tensor, 2",
    "--pipeline-parallel-size 2, parallelism.pipeline, 2",
    "-pp 2, parallelism.pipeline, 2",
    "--gpu-memory-utilization 0.85, engine.gpuMemoryUtilization, 0.85",
    "--max-num-seqs 64, engine.maxNumSeqs, 64",
    "--max-num-batched-tokens 8192, engine.maxNumBatchedTokens, 8192",
    "--max-num-batched-tokens 8K, engine.maxNumBatchedTokens, 8192"
  })
  void eachFlagMapsToItsPlanField(String flags, String path, String expected) {
    ImportResult r = serve(flags);
    assertThat(String.valueOf(field(r, path))).isEqualTo(expected);
    assertThat(r.ignored()).isEmpty();
    assertThat(r.missing()).extracting(ImportResult.Missing::field).containsExactly("hardware.gpu");
  }

  @ParameterizedTest(name = "{0} is assumed")
  @CsvSource({
    "--quantization gptq, quantization.weights",
    "--quantization bitsandbytes, quantization.weights",
    "--quantization fbgemm_fp8, quantization.weights",
    "--quantization modelopt, quantization.weights",
    "--max-model-len 16k, engine.maxModelLen",
    "--kv-cache-dtype fp8_inc, quantization.kvCache"
  })
  void inexactMappingsSayWhatTheyAssumed(String flags, String field) {
    ImportResult r = serve(flags);
    assertThat(assumedFields(r)).containsExactly(field);
    assertThat(r.assumed().get(0).why()).isNotBlank();
  }

  @Test
  void exactMappingsAssumeNothing() {
    ImportResult r =
        serve(
            "--quantization awq --kv-cache-dtype fp8 --max-model-len 8192 -tp 2 -pp 1"
                + " --gpu-memory-utilization 0.9 --max-num-seqs 32 --max-num-batched-tokens 4096");
    assertThat(r.assumed()).isEmpty();
  }

  @Test
  void dtypeWithoutQuantizationGivesTheWeightsAndWithItOnlyANote() {
    assertThat(field(serve("--dtype auto"), "quantization")).isNull();
    ImportResult r = serve("--quantization awq --dtype half");
    assertThat(field(r, "quantization.weights")).isEqualTo("awq-int4");
    assertThat(r.notes()).anyMatch(n -> n.contains("activation dtype"));
  }

  @Test
  void quantizationsWithoutACatalogueFormatAreLeftForTheOverlay() {
    for (String method : List.of("aqlm", "experts_int8", "hqq", "no-such-method")) {
      ImportResult r = serve("--quantization " + method);
      assertThat(field(r, "quantization.weights")).as(method).isNull();
      assertThat(missingFields(r)).as(method).contains("quantization.weights");
    }
    ImportResult filled =
        IMPORTER.fromArgs(
            List.of("vllm", "serve", MODEL, "--quantization", "aqlm"),
            Overlay.settings(List.of("quantization.weights=gptq-int3", "hardware.gpu=L40S")));
    assertThat(filled.complete()).isTrue();
    assertThat(filled.overlaid()).containsExactly("quantization.weights", "hardware.gpu");
  }

  @Test
  void compressedTensorsTakesTheSchemeFromTheModelNameOrLeavesIt() {
    ImportResult fp8 =
        IMPORTER.fromArgs(
            List.of(
                "vllm",
                "serve",
                "neuralmagic/Meta-Llama-3.1-8B-Instruct-FP8",
                "--quantization",
                "compressed-tensors"),
            Overlay.NONE);
    assertThat(field(fp8, "quantization.weights")).isEqualTo("fp8");
    assertThat(assumedFields(fp8)).containsExactly("quantization.weights");
    ImportResult w4 =
        IMPORTER.fromArgs(
            List.of(
                "vllm", "serve", "org/Some-Model-w4a16", "--quantization", "compressed-tensors"),
            Overlay.NONE);
    assertThat(field(w4, "quantization.weights")).isEqualTo("gptq-int4");
    ImportResult unknown = serve("--quantization compressed-tensors");
    assertThat(field(unknown, "quantization.weights")).isNull();
    assertThat(missingFields(unknown)).contains("quantization.weights");
  }

  @Test
  void aGgufFileGivesItsTypeAndTheTokenizerGivesTheModel() {
    ImportResult r =
        IMPORTER.fromArgs(
            List.of(
                "vllm",
                "serve",
                "/models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf",
                "--tokenizer",
                MODEL),
            Overlay.NONE);
    assertThat(field(r, "model.id")).isEqualTo(MODEL);
    assertThat(field(r, "quantization.weights")).isEqualTo("gguf-q4_k_m");
    assertThat(assumedFields(r)).containsExactly("model.id", "quantization.weights");

    ImportResult bare =
        IMPORTER.fromArgs(List.of("vllm", "serve", "./model-Q4_0.gguf"), Overlay.NONE);
    assertThat(missingFields(bare)).contains("model.id", "quantization.weights");
  }

  @Test
  void theApiServerModuleFormsReadTheSameFlags() {
    String flags = " --model " + MODEL + " --quantization fp8 --max-model-len 16384";
    ImportResult serve = IMPORTER.fromArgs(ImportEquivalenceTest.DONE_WHEN, Overlay.NONE);
    for (String program :
        List.of(
            "python -m vllm.entrypoints.openai.api_server",
            "python3 -m vllm.entrypoints.openai.api_server",
            "/opt/venv/bin/python3.11 -u -m vllm.entrypoints.openai.api_server",
            "python3 -m vllm.entrypoints.cli.main serve",
            "vllm serve")) {
      ImportResult r = IMPORTER.fromCommand(program + flags, Overlay.NONE);
      assertThat(r.plan()).as(program).isEqualTo(serve.plan());
      assertThat(r.source())
          .as(program)
          .startsWith("vLLM command (" + VllmInvocation.basename(program.split(" ")[0]));
    }
  }

  @Test
  void shellTextWithQuotesContinuationsAndVariables() {
    String script =
        """
        #!/bin/bash
        # launch the 8B chat model
        export MODEL="meta-llama/Llama-3.1-8B-Instruct"
        LEN=16384
        env CUDA_VISIBLE_DEVICES=0 VLLM_LOGGING_LEVEL=DEBUG \\
          vllm serve "$MODEL" \\
            --quantization='fp8' \\
            --max-model-len ${LEN} \\
            --served-model-name "llama 8b" chat \\
            --max-num-seqs ${SEQS:-48} \\
            --chat-template '/templates/llama 3.jinja' 2>&1 | tee /var/log/vllm.log &
        """;
    ImportResult r = IMPORTER.fromCommand(script, Overlay.NONE);
    assertThat(field(r, "model.id")).isEqualTo(MODEL);
    assertThat(field(r, "quantization.weights")).isEqualTo("fp8");
    assertThat(field(r, "engine.maxModelLen")).isEqualTo(16384);
    assertThat(field(r, "engine.maxNumSeqs")).isEqualTo(48);
    assertThat(r.ignored())
        .contains(
            "--served-model-name llama 8b chat: " + VllmFlags.SERVING_WHY,
            "--chat-template /templates/llama 3.jinja: " + VllmFlags.SERVING_WHY)
        .anyMatch(i -> i.startsWith("VLLM_LOGGING_LEVEL (environment variable)"))
        .anyMatch(i -> i.startsWith("command `tee"));
    assertThat(r.notes()).anyMatch(n -> n.startsWith("CUDA_VISIBLE_DEVICES=0: 1 GPU"));
  }

  @Test
  void aWholeCommandLineAsOneArgumentIsSplitAsShellText() {
    ImportResult r =
        IMPORTER.fromArgs(
            List.of("vllm serve " + MODEL + " --quantization fp8 --max-model-len 16384"),
            Overlay.NONE);
    assertThat(r.plan())
        .isEqualTo(IMPORTER.fromArgs(ImportEquivalenceTest.DONE_WHEN, Overlay.NONE).plan());
  }

  @Test
  void flagsThatDoNotMatterAreListedNeverDropped() {
    ImportResult r =
        serve(
            "--host 0.0.0.0 --port 8000 --served-model-name chat --trust-remote-code"
                + " --enable-prefix-caching --enforce-eager --api-key sk-secret-123"
                + " --some-new-flag 7 --enable-something");
    assertThat(r.ignored())
        .containsExactly(
            "--host 0.0.0.0: " + VllmFlags.SERVING_WHY,
            "--port 8000: " + VllmFlags.SERVING_WHY,
            "--served-model-name chat: " + VllmFlags.SERVING_WHY,
            "--trust-remote-code: " + VllmFlags.SERVING_WHY,
            "--enable-prefix-caching: " + VllmFlags.SERVING_WHY,
            "--enforce-eager: affects memory or speed but the plan has no field for it (the"
                + " advisor assumes vLLM's default): no CUDA graphs: less memory, slower decode",
            "--api-key (value not shown): " + VllmFlags.SERVING_WHY,
            "--some-new-flag 7: unknown flag, ignored (took '7' as its value)",
            "--enable-something: unknown flag, ignored");
    assertThat(String.join(" ", r.ignored())).doesNotContain("sk-secret-123");
    assertThat(field(r, "model.id")).isEqualTo(MODEL);
  }

  @Test
  void anUnknownFlagThatSwallowedTheModelIsExplained() {
    ImportResult r =
        IMPORTER.fromArgs(
            List.of("vllm", "serve", "--mystery", MODEL, "--port", "8000"), Overlay.NONE);
    assertThat(missingFields(r)).contains("model.id");
    assertThat(r.missing().get(0).why()).contains("--mystery took '" + MODEL + "'");
  }

  @Test
  void dataParallelReplicasCountTheirGpus() {
    ImportResult r = serve("-tp 2 -dp 2");
    assertThat(field(r, "hardware.gpusPerNode")).isEqualTo(4);
    assertThat(assumedFields(r)).containsExactly("hardware.gpusPerNode");
  }

  @Test
  void aLocalCheckpointIsNamedAfterItsDirectory() {
    ImportResult r =
        IMPORTER.fromArgs(
            List.of("vllm", "serve", "/mnt/models/Llama-3.1-8B-Instruct/"), Overlay.NONE);
    assertThat(field(r, "model.id")).isEqualTo("Llama-3.1-8B-Instruct");
    assertThat(assumedFields(r)).containsExactly("model.id");
  }

  @Test
  void theLastOfARepeatedFlagCounts() {
    ImportResult r = serve("--max-model-len 8192 --max-model-len 4096");
    assertThat(field(r, "engine.maxModelLen")).isEqualTo(4096);
    assertThat(r.notes()).anyMatch(n -> n.contains("given twice"));
  }

  @Test
  void anAutomaticMaxModelLenIsLeftToTheModelAndSaidSo() {
    ImportResult r = serve("--max-model-len auto");
    assertThat(field(r, "engine.maxModelLen")).isNull();
    assertThat(assumedFields(r)).containsExactly("engine.maxModelLen");
  }

  @Test
  void aQuantizedLookingNameWithoutTheFlagIsNoted() {
    ImportResult r =
        IMPORTER.fromArgs(
            List.of("vllm", "serve", "hugging-quants/Meta-Llama-3.1-8B-Instruct-AWQ-INT4"),
            Overlay.NONE);
    assertThat(r.notes()).anyMatch(n -> n.contains("looks like a quantized checkpoint"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "vllm serve m --max-model-len | --max-model-len | needs a value",
        "vllm serve m --max-model-len --port 8000 | --max-model-len | needs a value",
        "vllm serve m --tensor-parallel-size two | --tensor-parallel-size | expected a whole number",
        "vllm serve m -tp 1.5 | --tensor-parallel-size | expected a whole number",
        "vllm serve m --max-num-seqs 0 | --max-num-seqs | between 1 and",
        "vllm serve m --gpu-memory-utilization 1.5 | --gpu-memory-utilization | (0, 1]",
        "vllm serve m --gpu-memory-utilization lots | --gpu-memory-utilization | a number",
        "vllm serve m --dtype int4 | --dtype | must be one of",
        "vllm serve m --max-model-len $LEN | --max-model-len | could not expand",
        "vllm serve m --model other | --model | but the model argument is 'm'",
        "llama-server -m model.gguf | command | no vLLM server command",
        "vllm bench throughput | command | no vLLM server command",
        "vllm serve 'm | command | unterminated single quote",
        "vllm serve a; vllm serve b | command | 2 vLLM server commands"
      })
  void errorsNameTheFlag(String command, String where, String message) {
    ImportException e = failure(() -> IMPORTER.fromCommand(command, Overlay.NONE));
    assertThat(where(e)).contains(where);
    assertThat(e.getMessage()).contains(message).contains(where);
  }

  @Test
  void wordsThatDoNotStartVllmAreRefused() {
    ImportException e =
        failure(() -> IMPORTER.fromArgs(List.of("llama-server", "-m", "x.gguf"), Overlay.NONE));
    assertThat(e.getMessage()).contains("not a vLLM server command");
    assertThat(where(e)).containsExactly("llama-server");
  }

  @Test
  void everyErrorIsReportedAtOnce() {
    ImportException e =
        failure(() -> serve("--max-num-seqs many --tensor-parallel-size x --dtype int2"));
    assertThat(where(e))
        .containsExactlyInAnyOrder("--max-num-seqs", "--tensor-parallel-size", "--dtype");
    assertThat(e.source()).startsWith("vLLM command");
  }

  @Test
  void shellWordsFollowPosixQuoting() {
    assertThat(
            ShellWords.commands(
                "a 'b c' \"d \\\"e\\\" $X\" f\\ g \\\n h # comment\n i>out 2>&1 j; k && l || m | n"))
        .containsExactly(
            List.of("a", "b c", "d \"e\" \uE000X\uE001", "f g", "h"),
            List.of("i", "j"),
            List.of("k"),
            List.of("l"),
            List.of("m"),
            List.of("n"));
    assertThat(
            ShellWords.expand(
                "\uE000X\uE001-\uE000Y\uE002dflt\uE001-\uE000Z\uE001", java.util.Map.of("X", "1")))
        .isEqualTo("1-dflt-${Z}");
    assertThat(ShellWords.commands("echo '' \"\"")).containsExactly(List.of("echo", "", ""));
    assertThatThrownBy(() -> ShellWords.commands("echo \"open"))
        .hasMessageContaining("unterminated double quote");
  }
}
