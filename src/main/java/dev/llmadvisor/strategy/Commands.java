package dev.llmadvisor.strategy;

import dev.llmadvisor.catalogue.MemoryModel;
import dev.llmadvisor.catalogue.Strategy;
import dev.llmadvisor.catalogue.Units;
import dev.llmadvisor.plan.DeploymentPlan;
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
        : vllm(c);
  }

  static List<Step> vllm(Candidate c) {
    DeploymentPlan p = c.resolved().plan();
    Strategy.Vllm v = c.strategy().vllm();
    List<Step> steps = new ArrayList<>();
    String model = p.model().id();
    if (v.recipe() != null) {
      String out = repoName(model) + "-" + v.suffix();
      steps.add(
          new Step(
              "Quantize the checkpoint with llm-compressor (pip install llmcompressor), once,"
                  + " on a GPU machine",
              "python -c '"
                  + "from llmcompressor import oneshot; "
                  + v.imports()
                  + "; oneshot(model=\""
                  + model
                  + "\", dataset=\"open_platypus\", recipe=["
                  + v.recipe()
                  + "], output_dir=\""
                  + out
                  + "\", max_seq_length=2048, num_calibration_samples=512)'"));
      model = "./" + out;
    }
    StringBuilder serve = new StringBuilder("vllm serve " + model);
    serve.append(" \\\n  --quantization ").append(v.quantization());
    // The strategy's KV-cache value, unless the search fell back to the engine's default.
    String kv = c.kvCache().equals(c.strategy().kvCache()) ? v.kvCacheDtype() : c.kvCache();
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

  static List<Step> tensorrtLlm(Candidate c) {
    DeploymentPlan p = c.resolved().plan();
    Strategy.TensorrtLlm t = c.strategy().tensorrtLlm();
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
                + (c.kvCache().equals(c.strategy().kvCache())
                    ? " --kv_cache_dtype " + t.kvCacheDtype()
                    : "")
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
                + " \\\n  --gemm_plugin auto"),
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

  /** {@code meta-llama/Llama-3.1-8B} → {@code Llama-3.1-8B}. */
  static String repoName(String id) {
    return id.substring(id.lastIndexOf('/') + 1);
  }
}
