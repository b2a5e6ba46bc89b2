package dev.llmadvisor.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdIndexTest {
  static final IdIndex<GpuSpec> GPUS =
      CatalogueLoader.load(java.nio.file.Path.of("catalogues")).gpus();

  @Test
  void idsResolveCaseAndPunctuationInsensitively() {
    assertThat(GPUS.lookup("h100 sxm 80gb"))
        .isEqualTo(new Lookup.Found<>(GPUS.get("H100-SXM-80GB"), "alias"));
  }

  @Test
  void aUniquePrefixResolvesAndASharedOneIsAmbiguous() {
    assertThat(GPUS.lookup("L40S")).isInstanceOf(Lookup.Found.class);
    assertThat(GPUS.lookup("H100"))
        .isEqualTo(
            new Lookup.Ambiguous<GpuSpec>(
                java.util.List.of("H100-SXM-80GB", "H100-PCIE-80GB", "H100-NVL-94GB")));
  }

  @Test
  void unknownIdsComeWithTheNearestByEditDistance() {
    Lookup<GpuSpec> found = GPUS.lookup("RTX-4900-24GB");
    assertThat(found).isInstanceOf(Lookup.Unknown.class);
    assertThat(((Lookup.Unknown<GpuSpec>) found).nearest()).first().isEqualTo("RTX-4090-24GB");
  }

  @Test
  void aSourcesOwnNameFindsItsEntryWithTheAssumptionTheMappingRecords() {
    IdIndex<WeightFormat> formats =
        CatalogueLoader.load(java.nio.file.Path.of("catalogues")).weightFormats();
    assertThat(formats.fromSource("vllmQuantization", "AWQ_Marlin").entry().id())
        .isEqualTo("awq-int4");
    assertThat(formats.fromSource("vllmQuantization", "fbgemm_fp8"))
        .isEqualTo(
            new IdIndex.Imported<>(
                formats.get("fp8"),
                "an FP8 W8A8 scheme with per-channel scales: sized as FP8 W8A8"));
    assertThat(formats.fromSource("hfQuantMethod", "gptq:8").entry().id()).isEqualTo("gptq-int8");
    assertThat(formats.fromSource("vllmQuantization", "gptq:8")).isNull();
    assertThat(GPUS.fromSource("gkeAccelerator", "nvidia-h100-mega-80gb").entry().id())
        .isEqualTo("H100-SXM-80GB");
    assertThat(formats.sourceNames("vllmDtype"))
        .containsExactly("float", "float32", "half", "float16", "bfloat16");
  }

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(IdIndex.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(IdIndex.distance("", "abc")).isEqualTo(3);
    assertThat(IdIndex.distance("same", "same")).isZero();
  }
}
