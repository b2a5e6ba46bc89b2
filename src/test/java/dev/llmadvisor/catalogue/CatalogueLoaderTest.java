package dev.llmadvisor.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueLoaderTest {
  static final Path CATALOGUES = Path.of("catalogues");

  @Test
  void theShippedCataloguesLoadWithEveryIdFromTheProductCard() {
    Catalogues c = CatalogueLoader.load(CATALOGUES);
    assertThat(c.gpus().ids())
        .contains(
            "H100-SXM-80GB",
            "H100-PCIE-80GB",
            "H100-NVL-94GB",
            "H200-SXM-141GB",
            "B200-180GB",
            "A100-SXM-80GB",
            "A100-SXM-40GB",
            "A100-PCIE-80GB",
            "A100-PCIE-40GB",
            "L40S-48GB",
            "L4-24GB",
            "A10-24GB",
            "A10G-24GB",
            "T4-16GB",
            "V100-SXM2-32GB",
            "RTX-4090-24GB",
            "RTX-3090-24GB",
            "RTX-4060TI-16GB",
            "RTX-3060-12GB",
            "RTX-A6000-48GB",
            "RTX-6000-ADA-48GB");
    assertThat(c.models().ids())
        .contains(
            "meta-llama/Meta-Llama-3-8B", "meta-llama/Meta-Llama-3-8B-Instruct",
            "meta-llama/Llama-3.1-405B-Instruct", "meta-llama/Llama-3.3-70B-Instruct",
            "mistralai/Mixtral-8x7B-Instruct-v0.1", "Qwen/Qwen2.5-72B-Instruct",
            "google/gemma-2-9b-it", "microsoft/Phi-3-mini-4k-instruct");
    assertThat(c.engines().ids()).contains("vllm", "tensorrt-llm", "llama.cpp", "sglang", "tgi");
    assertThat(c.licences().ids()).contains("llama3.1", "mrl", "apache-2.0", "cc-by-nc-4.0");
  }

  @Test
  void gpuMemoryIsWhatTheDriverReportsWhereKnownAndNominalOtherwise() {
    Catalogues c = CatalogueLoader.load(CATALOGUES);
    GpuSpec h100 = c.gpus().get("H100-SXM-80GB");
    assertThat(h100.memoryIsNominal()).isFalse();
    assertThat(h100.totalMemoryBytes()).isEqualTo(Math.round(79.18 * Units.GIB));
    assertThat(c.gpus().get("L4-24GB").memoryIsNominal()).isTrue();
  }

  @Test
  void everyModelsParameterCountMatchesItsArchitecture() {
    // The loader rejects a model whose declared parameters differ by more than 2 % from the
    // count computed from its config; FACTS §2 gives Llama 3.1 70B as 70.55B.
    Architecture llama70b =
        CatalogueLoader.load(CATALOGUES).models().get("meta-llama/Llama-3.1-70B").architecture();
    assertThat(llama70b.computedParameters() / 1e9).isBetween(70.5, 70.6);
  }

  @Test
  void aBadEntryStopsTheLoadNamingFileEntryAndField(@TempDir Path dir) throws IOException {
    copyCatalogues(dir);
    Path gpus = dir.resolve("gpus.yaml");
    Files.writeString(
        gpus, Files.readString(gpus).replaceFirst("bandwidthTBps: 3.35", "bandwidthTBps: -3.35"));
    assertThatThrownBy(() -> CatalogueLoader.load(dir))
        .isInstanceOf(CatalogueException.class)
        .hasMessageContaining(
            "gpus.yaml: entry H100-SXM-80GB: bandwidthTBps must be positive, got -3.35");
  }

  @Test
  void aMistypedDimensionIsCaughtByTheParameterCheck(@TempDir Path dir) throws IOException {
    copyCatalogues(dir);
    Path models = dir.resolve("models.yaml");
    // Llama 3.1 405B's intermediate size is 53,248; 5,324 would make it a 100B model.
    Files.writeString(
        models,
        Files.readString(models).replaceFirst("intermediateSize: 53248", "intermediateSize: 5324"));
    assertThatThrownBy(() -> CatalogueLoader.load(dir))
        .hasMessageContaining("models.yaml: entry meta-llama/Llama-3.1-405B")
        .hasMessageContaining("parameters: ");
  }

  @Test
  void anUnknownKeyIsRejectedWithItsLine(@TempDir Path dir) throws IOException {
    copyCatalogues(dir);
    Path engines = dir.resolve("engines.yaml");
    Files.writeString(
        engines, Files.readString(engines).replaceFirst("pagedKvCache: true", "pagedKvCach: true"));
    assertThatThrownBy(() -> CatalogueLoader.load(dir))
        .hasMessageContaining("engines.yaml: engines[0].pagedKvCach (line ")
        .hasMessageContaining("unknown field 'pagedKvCach'");
  }

  @Test
  void aDanglingReferenceIsRejected(@TempDir Path dir) throws IOException {
    copyCatalogues(dir);
    Path models = dir.resolve("models.yaml");
    Files.writeString(
        models, Files.readString(models).replaceFirst("licence: llama3.1", "licence: llama9"));
    assertThatThrownBy(() -> CatalogueLoader.load(dir))
        .hasMessageContaining("licence 'llama9' is not a catalogue id");
  }

  static void copyCatalogues(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(CATALOGUES)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
  }
}
