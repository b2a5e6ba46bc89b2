package dev.llmadvisor.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.catalogue.Architecture;
import dev.llmadvisor.text.Units;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * vLLM's KV-cache groups against the token counts its 0.19.0 start-up logs print
 * (jgchn/llm-d-planner:accuracy/results/v0.19.0/logs @ 56dc5b7). The attention of gpt-oss and Llama
 * 4 is written out here; {@link #theCatalogueEntriesGiveTheSameGroups} checks that their catalogue
 * entries (with the MoE figures) give the same groups.
 */
class KvGroupsTest {

  static Architecture attention(
      int layers,
      int kvHeads,
      int headDim,
      Integer window,
      List<String> layerTypes,
      Integer pattern,
      Integer chunk) {
    return new Architecture(
        null,
        layers,
        2880,
        64,
        kvHeads,
        headDim,
        2880,
        201088,
        131072,
        false,
        1,
        1,
        false,
        window,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        layerTypes,
        pattern,
        chunk,
        null);
  }

  /** The logged "GPU KV cache size": pool blocks of groupSize slots, ÷ groups × 16. */
  static long loggedTokens(KvGroups g, double poolGib, long bytesPerTokenPerLayer) {
    long blockBytes = 16 * bytesPerTokenPerLayer * g.groupSize();
    long blocks = (long) (poolGib * Units.GIB) / blockBytes;
    return blocks / g.groups() * 16;
  }

  @Test
  void gemma3_27bTakes70SlotsAndLogs36560Tokens() {
    // 62 layers, every 6th full: 10 full + 52 sliding (window 1024).
    Architecture a = attention(62, 16, 128, 1024, null, 6, null);
    KvGroups g = KvGroups.of(a, true, 8192, 8192);
    assertThat(g.fullLayers()).isEqualTo(10);
    assertThat(g.slidingLayers()).isEqualTo(52);
    // group size 10 (52 ≥ 1.5 × 10); 6 sliding groups + 1 full = 7 groups, 70 slots, 8 padding
    assertThat(g.groupSize()).isEqualTo(10);
    assertThat(g.groups()).isEqualTo(7);
    assertThat(g.layerSlots()).isEqualTo(70);
    assertThat(g.paddingLayers()).isEqualTo(8);
    // 2 × 16 KV heads × 128 × 2 B = 8 KiB per token per layer; 19.53 GiB / (16 × 8 KiB × 10) =
    // 15,998 blocks; 15,998 // 7 = 2,285 × 16 = 36,560 (logged 36,560)
    assertThat(loggedTokens(g, 19.53, 8192)).isEqualTo(36_560);
    // per request: 512 full blocks + 6 × (⌈min(1023 + 8192, 8192) / 16⌉ + 1) = 512 + 6 × 513
    assertThat(g.blocksPerSequence()).isEqualTo(512 + 6 * 513);
    assertThat(g.slidingTokensPerSequence()).isEqualTo(8192);
    assertThat(g.windowSavesNothing()).isTrue();
  }

  @Test
  void aLongerContextThanTheBatchLetsTheWindowSave() {
    Architecture a = attention(62, 16, 128, 1024, null, 6, null);
    KvGroups g = KvGroups.of(a, true, 32768, 8192);
    // sliding groups hold min(1023 + 8192, 32768) = 9,215 tokens: ⌈9215/16⌉ + 1 = 577 blocks each
    assertThat(g.slidingTokensPerSequence()).isEqualTo(9215);
    assertThat(g.blocksPerSequence()).isEqualTo(2048 + 6 * 577);
    assertThat(g.windowSavesNothing()).isFalse();
  }

  @Test
  void gptOss20bAtTp2Logs2591776Tokens() {
    // gpt-oss-20b: 24 layers alternating sliding (128) and full, 8 KV heads of 64; TP 2 keeps 4.
    List<String> types = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      types.add(i % 2 == 0 ? "sliding_attention" : "full_attention");
    }
    Architecture a = attention(24, 8, 64, 128, types, null, null);
    KvGroups g = KvGroups.of(a, true, 8192, 8192);
    assertThat(g.groupSize()).isEqualTo(12);
    assertThat(g.groups()).isEqualTo(2);
    assertThat(g.paddingLayers()).isZero();
    // 2 × 4 × 64 × 2 B = 1 KiB per token per layer on a GPU; 59.32 GiB / (16 KiB × 12) = 323,962
    // blocks; // 2 × 16 = 2,591,696 against 2,591,776 logged (the pool is printed to 0.01 GiB)
    long tokens = loggedTokens(g, 59.32, 1024);
    assertThat(Math.abs(tokens - 2_591_776) / 2_591_776.0).isLessThan(0.001);
  }

  @Test
  void llama4ScoutChunkedLayersAtTp4Log365968Tokens() {
    // Llama 4 Scout: 48 layers, every 4th global, the rest chunked-local (8,192); 8 KV heads of
    // 128, 2 per GPU at TP 4.
    Architecture a = attention(48, 8, 128, null, null, 4, 8192);
    KvGroups g = KvGroups.of(a, true, 8192, 8192);
    assertThat(g.chunkedLayers()).isEqualTo(36);
    assertThat(g.fullLayers()).isEqualTo(12);
    assertThat(g.groups()).isEqualTo(4);
    // 2 × 2 × 128 × 2 B = 1 KiB; 16.75 GiB / (16 KiB × 12) = 91,477 blocks // 4 × 16 = 365,904
    long tokens = loggedTokens(g, 16.75, 1024);
    assertThat(Math.abs(tokens - 365_968) / 365_968.0).isLessThan(0.001);
    // min(8192 + 8192, 8192): the chunk saves nothing at this context either
    assertThat(g.windowSavesNothing()).isTrue();
  }

  @Test
  void theCatalogueEntriesGiveTheSameGroups() {
    // gpt-oss-20b: layer_types as config.json gives them, 12 sliding + 12 full, two groups of 12
    KvGroups oss =
        KvGroups.of(
            VllmPlans.CATALOGUES.models().get("openai/gpt-oss-20b").architecture(),
            true,
            8192,
            8192);
    assertThat(oss.slidingLayers()).isEqualTo(12);
    assertThat(oss.fullLayers()).isEqualTo(12);
    assertThat(oss.groupSize()).isEqualTo(12);
    assertThat(oss.groups()).isEqualTo(2);
    // Llama 4 Scout and Maverick: every 4th layer global, 36 chunked + 12 full, four groups of 12
    for (String id :
        List.of(
            "meta-llama/Llama-4-Scout-17B-16E-Instruct",
            "meta-llama/Llama-4-Maverick-17B-128E-Instruct")) {
      KvGroups g =
          KvGroups.of(VllmPlans.CATALOGUES.models().get(id).architecture(), true, 8192, 8192);
      assertThat(g.chunkedLayers()).as(id).isEqualTo(36);
      assertThat(g.fullLayers()).as(id).isEqualTo(12);
      assertThat(g.groups()).as(id).isEqualTo(4);
      assertThat(g.paddingLayers()).as(id).isZero();
    }
  }

  @Test
  void withoutGroupsEveryLayerIsSizedAsFullAttention() {
    Architecture a = attention(62, 16, 128, 1024, null, 6, null);
    KvGroups g = KvGroups.of(a, false, 8192, 8192);
    assertThat(g.groups()).isEqualTo(1);
    assertThat(g.groupSize()).isEqualTo(62);
    assertThat(g.blocksPerSequence()).isEqualTo(512);
    assertThat(g.windowSavesNothing()).isFalse();
  }

  @Test
  void aDenseModelHasNoGroups() {
    assertThat(KvGroups.of(attention(32, 8, 128, null, null, null, null), true, 8192, 8192))
        .isNull();
  }
}
