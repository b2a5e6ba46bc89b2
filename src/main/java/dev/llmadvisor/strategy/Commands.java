package dev.llmadvisor.strategy;

import dev.llmadvisor.catalogue.MemoryModel;
import dev.llmadvisor.catalogue.ModelSpec;
import dev.llmadvisor.catalogue.Strategy;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.ResolvedPlan;
import dev.llmadvisor.text.Units;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands that run a recommended plan: vLLM's serve line (after an llm-compressor step when
 * the strategy needs a pre-quantized checkpoint), or TensorRT-LLM's quantize, build and serve
 * steps. Every limit comes from the recommended plan, so the commands and the sizing agree. Only a
 * plan that passes every BLOCKER and ERROR rule gets commands.
 */
public final class Commands {
  private Commands() {}

  /** One step: what it does and the shell command. */
  public record Step(String purpose, String command) {}

  public static List<Step> of(Candidate c) {
    // The engine family decides the steps: one built ahead of time, or one that serves a
    // checkpoint.
    return c.resolved().engine().memoryModel() == MemoryModel.TENSORRT_LLM
        ? tensorrtLlm(c)
        : vllm(c.resolved(), c.strategy(), c.kvCache());
  }

  /**
   * The steps of any plan the advisor can write them for (the what-if search's candidates, the
   * artefacts of a recorded plan): the strategy whose weights the plan uses gives the quantization
   * step; a 16-bit plan serves the checkpoint as it is; a GGUF plan is converted and served by
   * llama.cpp's {@code llama-server}. Empty when no writer covers the plan (an engine other than
   * vLLM, TensorRT-LLM or llama.cpp, or a format without a recipe); {@link #writes} says which.
   */
  public static List<Step> forPlan(ResolvedPlan r, Strategies strategies) {
    Strategy s = strategies.forWeights(r.weights().id());
    String kv = r.kvCache().id();
    return switch (r.engine().memoryModel()) {
      case TENSORRT_LLM -> s == null || s.tensorrtLlm() == null ? List.of() : tensorrtLlm(r, s, kv);
      case LLAMA_CPP -> "gguf".equals(r.weights().kind()) ? llamaCpp(r) : List.of();
      default ->
          VLLM_SERVE.equals(r.engine().id()) && (s != null || r.weights().weightBits() >= 16)
              ? vllm(r, s, kv)
              : List.of();
    };
  }

  /**
   * The engine whose serve command {@code vllm serve} is (other vLLM-style engines have theirs).
   */
  public static final String VLLM_SERVE = "vllm";

  /** The strategies by the weight format they produce. */
  @FunctionalInterface
  public interface Strategies {
    /** The strategy producing these weights, or null. */
    Strategy forWeights(String weightFormatId);
  }

  static List<Step> vllm(ResolvedPlan r, Strategy s, String kvCache) {
    DeploymentPlan p = r.plan();
    Strategy.Vllm v = s == null ? null : s.vllm();
    List<Step> steps = new ArrayList<>();
    String model = p.model().id();
    if (v != null && v.recipe() != null) {
      String out = repoName(model) + "-" + v.suffix();
      ModelSpec.SixteenBitCopy copy = r.model() == null ? null : r.model().sixteenBitCopy();
      String published = model;
      if (copy != null) {
        // The recipe quantizes 16-bit weights: a checkpoint published quantized is first copied
        // to 16 bits with its publisher's script.
        published = sixteenBitCopy(model, copy, steps);
      }
      steps.add(
          new Step(
              "Quantize the checkpoint with llm-compressor (pip install llmcompressor), once,"
                  + " on a GPU machine",
              "python -c '"
                  + "from llmcompressor import oneshot; "
                  + v.imports()
                  + "; oneshot(model=\""
                  + published
                  + "\", dataset=\"open_platypus\", recipe=["
                  + v.recipe()
                  + "], output_dir=\""
                  + out
                  + "\", max_seq_length=2048, num_calibration_samples=512)'"));
      model = "./" + out;
    }
    StringBuilder serve = new StringBuilder("vllm serve " + model);
    // No --quantization for a checkpoint served as published: vLLM reads its quant_method, and any
    // other value is refused (vllm/config/model.py _verify_quantization).
    if (v != null && v.quantization() != null) {
      serve.append(" \\\n  --quantization ").append(v.quantization());
    }
    // The strategy's KV-cache value, unless the search fell back to the engine's default.
    String kv = v != null && kvCache.equals(s.kvCache()) ? v.kvCacheDtype() : kvCache;
    serve.append(" \\\n  --kv-cache-dtype ").append(kv);
    serve.append(" \\\n  --max-model-len ").append(p.engine().maxModelLen());
    serve.append(" \\\n  --tensor-parallel-size ").append(p.parallelism().tensor());
    serve.append(" \\\n  --pipeline-parallel-size ").append(p.parallelism().pipeline());
    serve
        .append(" \\\n  --gpu-memory-utilization ")
        .append(Units.num(p.engine().gpuMemoryUtilization()));
    serve.append(" \\\n  --max-num-seqs ").append(p.engine().maxNumSeqs());
    steps.add(
        new Step(
            p.hardware().nodes() > 1
                ? "Serve across " + p.hardware().nodes() + " nodes (start a Ray cluster first)"
                : "Serve",
            serve.toString()));
    return steps;
  }

  /**
   * The steps that make a 16-bit copy of a checkpoint published quantized, as its publisher says
   * (download, the publisher's script, then the files the script does not write, config.json
   * without its quantization_config); returns the copy's directory.
   */
  static String sixteenBitCopy(String model, ModelSpec.SixteenBitCopy copy, List<Step> steps) {
    String name = repoName(model);
    String code = "./" + name + "-code";
    String published = "./" + name;
    String bf16 = "./" + name + "-BF16";
    steps.add(
        new Step(
            "Download the checkpoint as published (pip install huggingface_hub)",
            "huggingface-cli download " + model + " --local-dir " + published));
    // The script runs in its own directory (it imports its neighbours): the checkpoints by
    // absolute path.
    String command =
        copy.command()
            .replace("{published}", "\"$ROOT/" + name + "\"")
            .replace("{copy}", "\"$ROOT/" + name + "-BF16\"");
    steps.add(
        new Step(
            "Make the 16-bit copy the recipe quantizes, with the publisher's script",
            "ROOT=$PWD && git clone "
                + copy.repository()
                + " "
                + code
                + " && (cd "
                + code
                + (copy.directory() == null ? "" : "/" + copy.directory())
                + " && "
                + command
                + ")"));
    StringBuilder files = new StringBuilder();
    for (String f : copy.files() == null ? List.<String>of() : copy.files()) {
      files.append("cp ").append(published).append('/').append(f).append(' ').append(bf16);
      files.append(" && ");
    }
    steps.add(
        new Step(
            "Give the copy the checkpoint's tokenizer and code, and its config without"
                + " quantization_config",
            files
                + "python -c 'import json; c = json.load(open(\""
                + published
                + "/config.json\")); c.pop(\"quantization_config\", None);"
                + " json.dump(c, open(\""
                + bf16
                + "/config.json\", \"w\"), indent=2)'"));
    return bf16;
  }

  static List<Step> tensorrtLlm(Candidate c) {
    return tensorrtLlm(
        c.resolved(),
        c.strategy(),
        c.kvCache().equals(c.strategy().kvCache())
            ? c.strategy().tensorrtLlm().kvCacheDtype()
            : "auto");
  }

  /**
   * @param kvCache the {@code --kv_cache_dtype} the checkpoint is quantized with; {@code auto}
   *     leaves the flag out (the engine's default)
   */
  static List<Step> tensorrtLlm(ResolvedPlan r, Strategy s, String kvCache) {
    DeploymentPlan p = r.plan();
    Strategy.TensorrtLlm t = s.tensorrtLlm();
    String model = p.model().id();
    String ckpt = "./" + repoName(model) + "-" + t.qformat() + "-ckpt";
    String engine = "./" + repoName(model) + "-" + t.qformat() + "-engine";
    int tp = p.parallelism().tensor();
    int pp = p.parallelism().pipeline();
    int maxSeq = p.engine().maxModelLen();
    int batch = p.engine().maxBatchSize();
    return List.of(
        new Step(
            "Quantize the Hugging Face checkpoint (TensorRT-LLM examples/quantization)",
            "python examples/quantization/quantize.py --model_dir "
                + model
                + " \\\n  --dtype bfloat16 --qformat "
                + t.qformat()
                + ("auto".equals(kvCache) ? "" : " --kv_cache_dtype " + kvCache)
                + " \\\n  --tp_size "
                + tp
                + " --pp_size "
                + pp
                + " --output_dir "
                + ckpt),
        new Step(
            "Build the engine with limits that cover the plan",
            "trtllm-build --checkpoint_dir "
                + ckpt
                + " --output_dir "
                + engine
                + " \\\n  --max_batch_size "
                + batch
                + " --max_input_len "
                + p.engine().maxInputLen()
                + " --max_seq_len "
                + maxSeq
                + " \\\n  "
                + buildPlugins(t)),
        new Step(
            "Serve",
            "trtllm-serve "
                + engine
                + " --tokenizer "
                + model
                + " --backend tensorrt \\\n  --tp_size "
                + tp
                + " --pp_size "
                + pp
                + " --max_batch_size "
                + batch
                + " --max_seq_len "
                + maxSeq
                // trtllm-serve binds to localhost unless told otherwise (--host defaults to
                // "localhost": NVIDIA/TensorRT-LLM tensorrt_llm/commands/serve.py@00209af).
                + " --host 0.0.0.0 --port 8000"));
  }

  /**
   * The build's plugin flags, those of the engines TensorRT-LLM's speed is calibrated on
   * (docs/speed.md): several optimisation profiles ("Always enable … it will only ever help
   * performance"; without them the guide's 70B decodes at 31.3 ms a token against 19.6), and the
   * GEMM plugin for every format but FP8 ("On FP8, it's recommended to be disabled"), per NVIDIA's
   * performance tuning guide (NVIDIA/TensorRT-LLM:docs/source/legacy/performance/
   * performance-tuning-guide/useful-build-time-flags.md@2a9abd9536aa62ad3e4b9314be9286b1b1be523b,
   * fp8-quantization.md@1a349cd7a37e25ea6b69a98d355a64419d101b25). The FP8 page's further fusions
   * are left out: GEMM + SwiGLU "can slightly reduce accuracy", a trade the plan does not ask for.
   */
  static String buildPlugins(Strategy.TensorrtLlm t) {
    return "--multiple_profiles enable" + ("fp8".equals(t.qformat()) ? "" : " --gemm_plugin auto");
  }

  /**
   * llama.cpp: download the checkpoint, convert it to GGUF ({@code convert_hf_to_gguf.py} writes
   * Q8_0 itself; other types are quantized from F16 by {@code llama-quantize}), and serve it with
   * {@code llama-server}, whose {@code -c} is the context of all {@code -np} slots together.
   */
  static List<Step> llamaCpp(ResolvedPlan r) {
    DeploymentPlan p = r.plan();
    String model = p.model().id();
    String name = repoName(model);
    String type = r.weights().id().substring("gguf-".length()).toUpperCase(java.util.Locale.ROOT);
    String gguf = "./" + name + "-" + type + ".gguf";
    List<Step> steps = new ArrayList<>();
    steps.add(
        new Step(
            "Download the checkpoint (pip install huggingface_hub)",
            "huggingface-cli download " + model + " --local-dir ./" + name));
    if ("Q8_0".equals(type)) {
      steps.add(
          new Step(
              "Convert to GGUF Q8_0 (llama.cpp's convert_hf_to_gguf.py)",
              "python convert_hf_to_gguf.py ./" + name + " --outtype q8_0 --outfile " + gguf));
    } else {
      String f16 = "./" + name + "-F16.gguf";
      steps.add(
          new Step(
              "Convert to GGUF F16 (llama.cpp's convert_hf_to_gguf.py)",
              "python convert_hf_to_gguf.py ./" + name + " --outtype f16 --outfile " + f16));
      steps.add(new Step("Quantize to " + type, "llama-quantize " + f16 + " " + gguf + " " + type));
    }
    int slots = p.engine().maxNumSeqs();
    StringBuilder serve = new StringBuilder("llama-server -m " + gguf);
    serve.append(" \\\n  --ctx-size ").append((long) p.engine().maxModelLen() * slots);
    serve.append(" --parallel ").append(slots);
    // -1 (this release's default) offloads every layer: the flag is left out.
    if (p.engine().gpuLayers() != null && p.engine().gpuLayers() >= 0) {
      serve.append(" \\\n  --n-gpu-layers ").append(p.engine().gpuLayers());
    }
    if (p.engine().flashAttention() != null) {
      serve.append(" --flash-attn ").append(p.engine().flashAttention());
    }
    String kv = r.kvCache().id();
    if (!"auto".equals(kv)) {
      String type2 = "fp16".equals(kv) ? "f16" : "fp32".equals(kv) ? "f32" : kv;
      serve.append(" \\\n  --cache-type-k ").append(type2).append(" --cache-type-v ").append(type2);
    }
    serve.append(" \\\n  --host 0.0.0.0 --port 8080");
    steps.add(new Step("Serve", serve.toString()));
    return steps;
  }

  /** {@code meta-llama/Llama-3.1-8B} → {@code Llama-3.1-8B}. */
  public static String repoNameOf(String id) {
    return repoName(id);
  }

  /** {@code meta-llama/Llama-3.1-8B} → {@code Llama-3.1-8B}. */
  static String repoName(String id) {
    return id.substring(id.lastIndexOf('/') + 1);
  }
}
