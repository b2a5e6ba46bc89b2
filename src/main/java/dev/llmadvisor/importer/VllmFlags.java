package dev.llmadvisor.importer;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The vLLM server flags the importer knows: which take a value, and what each means for the plan.
 * Flags that matter for sizing and policy map to plan fields; the others are listed as ignored with
 * the reason, and a flag not listed here is reported as unknown.
 */
final class VllmFlags {
  enum Role {
    MODEL,
    QUANTIZATION,
    DTYPE,
    KV_CACHE_DTYPE,
    MAX_MODEL_LEN,
    TENSOR_PARALLEL,
    PIPELINE_PARALLEL,
    DATA_PARALLEL,
    GPU_MEMORY_UTILIZATION,
    MAX_NUM_SEQS,
    MAX_NUM_BATCHED_TOKENS,
    TOKENIZER,
    /** Serving, logging, API: no effect on memory, speed or licence. */
    SERVING,
    /** Changes memory or speed, but the plan has no field for it. */
    UNMODELLED,
    UNKNOWN
  }

  /**
   * @param takesValue whether the flag reads the next word (switches may still take an explicit
   *     {@code true}/{@code false})
   * @param many whether it reads every following word up to the next flag (nargs='+')
   */
  record Flag(String name, boolean takesValue, boolean many, Role role, String why) {}

  static final String SERVING_WHY = "serving option, no effect on sizing or policy";
  private static final Map<String, Flag> FLAGS = new HashMap<>();
  private static final Map<String, String> SHORT =
      Map.of(
          "-tp", "--tensor-parallel-size",
          "-pp", "--pipeline-parallel-size",
          "-dp", "--data-parallel-size",
          "-q", "--quantization",
          "-O", "--compilation-config");

  static {
    mapped("--model", Role.MODEL);
    mapped("--quantization", Role.QUANTIZATION);
    mapped("--dtype", Role.DTYPE);
    mapped("--kv-cache-dtype", Role.KV_CACHE_DTYPE);
    mapped("--max-model-len", Role.MAX_MODEL_LEN);
    mapped("--tensor-parallel-size", Role.TENSOR_PARALLEL);
    mapped("--pipeline-parallel-size", Role.PIPELINE_PARALLEL);
    mapped("--data-parallel-size", Role.DATA_PARALLEL);
    mapped("--gpu-memory-utilization", Role.GPU_MEMORY_UTILIZATION);
    mapped("--max-num-seqs", Role.MAX_NUM_SEQS);
    mapped("--max-num-batched-tokens", Role.MAX_NUM_BATCHED_TOKENS);
    mapped("--tokenizer", Role.TOKENIZER);
    for (String f :
        List.of(
            "--host",
            "--port",
            "--uds",
            "--uvicorn-log-level",
            "--allowed-origins",
            "--allowed-methods",
            "--allowed-headers",
            "--api-key",
            "--prompt-adapters",
            "--chat-template",
            "--chat-template-content-format",
            "--response-role",
            "--ssl-keyfile",
            "--ssl-certfile",
            "--ssl-ca-certs",
            "--ssl-cert-reqs",
            "--root-path",
            "--middleware",
            "--tokenizer-mode",
            "--revision",
            "--code-revision",
            "--tokenizer-revision",
            "--download-dir",
            "--config-format",
            "--seed",
            "--tool-call-parser",
            "--tool-parser-plugin",
            "--reasoning-parser",
            "--generation-config",
            "--override-generation-config",
            "--max-log-len",
            "--hf-token",
            "--worker-cls",
            "--logits-processor-pattern",
            "--guided-decoding-backend",
            "--api-server-count",
            "--log-config-file",
            "--otlp-traces-endpoint",
            "--collect-detailed-traces",
            "--scheduling-policy",
            "--max-logprobs",
            "--task",
            "--runner",
            "--hf-config-path",
            "--model-impl",
            "--tokenizer-pool-size",
            "--structured-outputs-config",
            "--default-chat-template-kwargs",
            "--kv-events-config")) {
      FLAGS.put(f, new Flag(f, true, false, Role.SERVING, SERVING_WHY));
    }
    for (String f : List.of("--served-model-name", "--lora-modules")) {
      FLAGS.put(f, new Flag(f, true, true, Role.SERVING, SERVING_WHY));
    }
    for (String f :
        List.of(
            "--trust-remote-code",
            "--enable-prefix-caching",
            "--no-enable-prefix-caching",
            "--disable-log-stats",
            "--disable-log-requests",
            "--enable-log-requests",
            "--enable-log-outputs",
            "--enable-auto-tool-choice",
            "--disable-frontend-multiprocessing",
            "--skip-tokenizer-init",
            "--disable-fastapi-docs",
            "--enable-prompt-tokens-details",
            "--enable-server-load-tracking",
            "--enable-request-id-headers",
            "--disable-uvicorn-access-log",
            "--headless",
            "--enable-reasoning",
            "--return-tokens-as-token-ids",
            "--enable-force-include-usage",
            "--enable-tokenizer-info-endpoint",
            "--enable-prompt-embeds",
            "--disable-custom-all-reduce",
            "--async-scheduling",
            "--enable-sleep-mode",
            "--use-v2-block-manager",
            "--disable-async-output-proc")) {
      FLAGS.put(f, new Flag(f, false, false, Role.SERVING, SERVING_WHY));
    }
    unmodelled("--block-size", true, "the KV cache block size");
    unmodelled("--swap-space", true, "CPU swap space for preempted sequences");
    unmodelled(
        "--cpu-offload-gb",
        true,
        "weights offloaded to CPU memory: the GPUs hold less than the sizing says");
    unmodelled(
        "--kv-cache-memory",
        true,
        "a fixed KV cache size instead of --gpu-memory-utilization's share");
    unmodelled(
        "--kv-cache-memory-bytes",
        true,
        "a fixed KV cache size instead of --gpu-memory-utilization's share");
    unmodelled("--num-gpu-blocks-override", true, "a fixed number of KV cache blocks");
    unmodelled("--speculative-config", true, "a draft model takes its own weights and KV cache");
    unmodelled("--speculative-model", true, "a draft model takes its own weights and KV cache");
    unmodelled("--num-speculative-tokens", true, "speculative decoding");
    unmodelled("--max-seq-len-to-capture", true, "CUDA graph capture length");
    unmodelled("--compilation-config", true, "torch.compile and CUDA graph settings");
    unmodelled("--rope-scaling", true, "changes the model's context length");
    unmodelled("--rope-theta", true, "changes the model's position encoding");
    unmodelled("--hf-overrides", true, "overrides the model's config.json");
    unmodelled("--max-lora-rank", true, "LoRA adapters take memory");
    unmodelled("--max-loras", true, "LoRA adapters take memory");
    unmodelled("--max-cpu-loras", true, "LoRA adapters take memory");
    unmodelled("--lora-dtype", true, "LoRA adapters take memory");
    unmodelled("--limit-mm-per-prompt", true, "multimodal inputs");
    unmodelled("--mm-processor-kwargs", true, "multimodal inputs");
    unmodelled("--load-format", true, "how the weights are loaded");
    unmodelled("--quantization-param-path", true, "FP8 KV cache scales");
    unmodelled(
        "--distributed-executor-backend",
        true,
        "how workers run (Ray, multiprocessing); several nodes are not imported");
    unmodelled("--kv-transfer-config", true, "disaggregated prefill/decode");
    unmodelled("--long-prefill-token-threshold", true, "the scheduler's prefill policy");
    unmodelled("--max-num-partial-prefills", true, "the scheduler's prefill policy");
    unmodelled("--scheduler-delay-factor", true, "the scheduler's batching delay");
    unmodelled(
        "--config",
        true,
        "a YAML file of further engine arguments: its contents are NOT read, import them as"
            + " flags");
    unmodelled("--enforce-eager", false, "no CUDA graphs: less memory, slower decode");
    unmodelled(
        "--enable-chunked-prefill",
        false,
        "the advisor uses the engine version's chunked-prefill default");
    unmodelled(
        "--no-enable-chunked-prefill",
        false,
        "without chunked prefill the profiling batch is a whole maxModelLen prompt; the advisor"
            + " uses the engine version's default");
    unmodelled("--enable-expert-parallel", false, "expert parallelism for MoE layers");
    unmodelled("--disable-sliding-window", false, "caps the context at the sliding window");
    unmodelled("--enable-lora", false, "LoRA adapters take memory");
    unmodelled("--calculate-kv-scales", false, "FP8 KV cache scales");
  }

  private VllmFlags() {}

  private static void mapped(String name, Role role) {
    FLAGS.put(name, new Flag(name, true, false, role, null));
  }

  private static void unmodelled(String name, boolean takesValue, String why) {
    FLAGS.put(
        name,
        new Flag(
            name,
            takesValue,
            false,
            Role.UNMODELLED,
            "affects memory or speed but the plan has no field for it (the advisor assumes vLLM's"
                + " default): "
                + why));
  }

  /**
   * The canonical name of a flag word: underscores as dashes (vLLM accepts both), short aliases
   * expanded. Null when the word is not a flag (a value, including negative numbers).
   */
  static String canonical(String word) {
    if (word.startsWith("--") && word.length() > 2) {
      String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
      return "--" + name.substring(2).replace('_', '-');
    }
    if (word.matches("-[A-Za-z][A-Za-z0-9]*(=.*)?")) {
      String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
      if (SHORT.containsKey(name)) {
        return SHORT.get(name);
      }
      if (name.startsWith("-O")) {
        return "--compilation-config"; // -O3: the level attached
      }
      return name;
    }
    return null;
  }

  /** The flag's entry; unknown flags get one that guesses from their name. */
  static Flag lookup(String canonical) {
    Flag f = FLAGS.get(canonical);
    if (f != null) {
      return f;
    }
    boolean isSwitch =
        canonical.startsWith("--no-")
            || canonical.startsWith("--enable-")
            || canonical.startsWith("--disable-");
    return new Flag(canonical, !isSwitch, false, Role.UNKNOWN, null);
  }

  /** Values of flags that may carry secrets are never repeated in a report. */
  static boolean secret(String canonical) {
    String n = canonical.toLowerCase(Locale.ROOT);
    return n.matches(".*(key|-token|secret|password|passwd)");
  }
}
