package dev.llmadvisor.catalogue;

import java.util.List;

/**
 * A quantization strategy of the guide's decision tree as catalogued in {@code
 * catalogues/strategies.yaml}: what it serves and how each engine produces it. Which strategy suits
 * which hardware and workload is for the rules ({@code rules/strategy.drl}).
 *
 * @param engines engines that serve it, the guide's first choice first
 */
public record Strategy(
    String id,
    String name,
    List<String> aliases,
    String weights,
    String kvCache,
    List<String> engines,
    Vllm vllm,
    TensorrtLlm tensorrtLlm,
    String status,
    String source)
    implements CatalogueEntry {

  /**
   * vLLM's side: the {@code --quantization} value and, when the checkpoint must be quantized first,
   * the llm-compressor recipe and the imports it needs (null: vLLM quantizes a 16-bit checkpoint as
   * it loads it).
   */
  public record Vllm(
      String quantization, String kvCacheDtype, String recipe, String imports, String suffix) {}

  /** TensorRT-LLM's side: {@code quantize.py --qformat} and {@code --kv_cache_dtype}. */
  public record TensorrtLlm(String qformat, String kvCacheDtype) {}
}
