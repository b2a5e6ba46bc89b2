package dev.llmadvisor.sizing;

import static dev.llmadvisor.text.Units.count;
import static dev.llmadvisor.text.Units.fmt;
import static dev.llmadvisor.text.Units.gib;

/**
 * Where llama.cpp puts a model for a given {@code --n-gpu-layers} ({@code -ngl}) g, as its loader
 * does (ggml-org/llama.cpp src/llama-model.cpp, load_tensors: {@code i_gpu_start = max(n_layer + 1
 * - n_gpu_layers, 0)}, {@code act_gpu_layers = min(n_gpu_layers, n_layer + 1)}; the input layer
 * (token embeddings) "always on the CPU"; the output layer is layer index {@code n_layer}). So g
 * counts the output layer first, then the last g − 1 repeating layers; g = n_layer leaves layer 0
 * on the CPU, g = n_layer + 1 offloads everything, and a larger g is clamped to n_layer + 1. Each
 * offloaded layer keeps its KV cache on its GPU ({@code offload_kqv}, on by default); the rest of
 * the weights and of the cache stays in host RAM.
 *
 * @param gpuLayersRequested the plan's (or the release's default) -ngl
 * @param gpuLayers -ngl as llama.cpp applies it: at most the model's layers + 1
 * @param repeatingLayersOnGpu decoder layers on the GPUs
 * @param cpuLayers decoder layers left on the CPU
 * @param outputOnGpu whether the output layer (final norm and lm_head) is on a GPU
 * @param hostWeightsBytes weights in host RAM: the CPU layers, the token embeddings and, when not
 *     offloaded, the output layer
 * @param hostKvBytes the KV cache of the CPU layers for the whole context, in host RAM
 */
public record LlamaCppOffload(
    int gpuLayersRequested,
    int gpuLayers,
    int repeatingLayersOnGpu,
    int cpuLayers,
    boolean outputOnGpu,
    long hostWeightsBytes,
    long hostKvBytes) {

  public boolean partial() {
    return cpuLayers > 0;
  }

  public boolean clamped() {
    return gpuLayersRequested > gpuLayers;
  }

  /**
   * The placement of a model of {@code layers} decoder layers at -ngl {@code requested}.
   *
   * @param layerBytes one decoder layer's weights
   * @param embeddingBytes the token embeddings (always in host RAM)
   * @param outputBytes the output layer: lm_head (for tied embeddings llama.cpp loads a duplicate
   *     of the embeddings as the output) and the final norm
   * @param kvBytesPerTokenPerLayer one layer's K and V for one token
   * @param contextTokens tokens the cache is allocated for (context × slots)
   */
  static LlamaCppOffload place(
      int layers,
      int requested,
      double layerBytes,
      double embeddingBytes,
      double outputBytes,
      double kvBytesPerTokenPerLayer,
      long contextTokens) {
    int g = Math.min(requested, layers + 1);
    int repeating = Math.max(g - 1, 0);
    boolean output = g >= 1;
    int cpu = layers - repeating;
    long hostWeights = Math.round(cpu * layerBytes + embeddingBytes + (output ? 0 : outputBytes));
    long hostKv = Math.round(cpu * kvBytesPerTokenPerLayer * contextTokens);
    return new LlamaCppOffload(requested, g, repeating, cpu, output, hostWeights, hostKv);
  }

  /** The sizing's line for the placement. */
  String explain(int layers, int gpus) {
    return fmt(
        "-ngl %d%s: the output layer%s and the last %d of %d layers on %s, %s and the"
            + " token embeddings on the CPU: %s of weights and %s of KV cache (whole context) in host"
            + " RAM, read from host memory at every decoded token",
        gpuLayersRequested,
        clamped() ? " (clamped to " + gpuLayers + " = layers + 1)" : "",
        outputOnGpu ? "" : " (not offloaded)",
        repeatingLayersOnGpu,
        layers,
        count(gpus, "GPU"),
        count(cpuLayers, "layer"),
        gib(hostWeightsBytes),
        gib(hostKvBytes));
  }
}
