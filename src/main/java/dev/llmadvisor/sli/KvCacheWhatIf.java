package dev.llmadvisor.sli;

import dev.llmadvisor.sizing.Sizing;

/**
 * The plan's sizing with only its KV-cache dtype changed, so that a rule can show what an FP8 KV
 * cache would hold against what the plan holds today.
 */
public record KvCacheWhatIf(String kvCache, Sizing sizing) {}
