package dev.llmadvisor.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * How an engine family takes GPU memory and is launched: the one type that the sizing model and the
 * command generator both switch on, rather than on engine ids. SGLang and TGI size their KV cache
 * the way vLLM does (a fraction of total memory after a profiling run), so they share {@link
 * #VLLM}; {@code catalogues/engines.yaml} names each engine's model.
 */
public enum MemoryModel {
  /** A fraction of total memory, less weights and the profiled activation peak, in blocks. */
  VLLM("vllm"),
  /** An engine built ahead of time; the KV cache takes a fraction of the memory left free. */
  TENSORRT_LLM("tensorrt-llm"),
  /** The whole context allocated up front; whole layers per GPU, never a sharded tensor. */
  LLAMA_CPP("llama.cpp");

  private final String id;

  MemoryModel(String id) {
    this.id = id;
  }

  /**
   * The catalogue's and the report's name: {@code vllm}, {@code tensorrt-llm}, {@code llama.cpp}.
   */
  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static MemoryModel of(String id) {
    return Arrays.stream(values())
        .filter(m -> m.id.equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'"
                        + id
                        + "' is not a memory model; known: "
                        + Arrays.stream(values()).map(MemoryModel::id).toList()));
  }

  /** llama.cpp's default split mode gives each GPU whole layers (no tensor parallelism). */
  public boolean splitsByLayer() {
    return this == LLAMA_CPP;
  }

  @Override
  public String toString() {
    return id;
  }
}
