package dev.llmadvisor.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmadvisor.text.Units;
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
  void gpuMemoryIsWhatTheDriverReportsOrAConservativeEstimateNeverNominalGbAsGib() {
    Catalogues c = CatalogueLoader.load(CATALOGUES);
    // Measured: the L40S reports 44.31 GiB (vLLM issue #15196), not 48 GiB.
    GpuSpec l40s = c.gpus().get("L40S-48GB");
    assertThat(l40s.memoryIsEstimate()).isFalse();
    assertThat(l40s.totalMemoryBytes()).isEqualTo(Math.round(44.31 * Units.GIB));
    assertThat(l40s.memoryMarginBytes()).isZero();
    // Estimate: 80 GB = 80e9 B = 74.506 GiB, less the 0.50 GiB reserve = 74.00 GiB (floored to
    // 0.01); the driver may report up to 80 GiB, 6.00 GiB more.
    GpuSpec a100Pcie = c.gpus().get("A100-PCIE-80GB");
    assertThat(a100Pcie.memoryIsEstimate()).isTrue();
    assertThat(a100Pcie.memoryReportedGib()).isEqualTo(74.00);
    assertThat(80e9 / Units.GIB - 0.50)
        .isCloseTo(74.006, org.assertj.core.api.Assertions.within(0.001));
    assertThat(a100Pcie.memoryMarginBytes()).isEqualTo(Math.round(6.00 * Units.GIB));
    // No GPU is sized above its nominal GB read as GiB, and no estimate above its nominal bytes.
    for (String id : c.gpus().ids()) {
      GpuSpec g = c.gpus().get(id);
      assertThat(g.memoryReportedGib()).as(id).isLessThanOrEqualTo(g.memoryGb());
      if (g.memoryIsEstimate()) {
        assertThat(g.memoryReportedGib())
            .as(id)
            .isLessThanOrEqualTo(g.memoryGb() * 1e9 / Units.GIB);
      }
    }
  }

  @Test
  void aGpuWithNeitherAMeasuredNorAnEstimatedTotalIsRejected(@TempDir Path dir) throws IOException {
    assertThatThrownBy(
            () ->
                loadEdited(dir, "gpus.yaml", "memoryReportedGib: 44.31", "memoryReportedGib: null"))
        .isInstanceOf(CatalogueException.class)
        .hasMessageContaining("gpus.yaml: entry L40S-48GB: memoryReportedGib is missing")
        .hasMessageContaining("measured")
        .hasMessageContaining("estimate");
  }

  @Test
  void anEstimateCannotReadTheNominalGbAsGib(@TempDir Path dir) throws IOException {
    // 80 GiB for an 80 GB card is the nominal GB read as GiB: 5.49 GiB above its 80e9 bytes.
    assertThatThrownBy(
            () ->
                loadEdited(
                    dir,
                    "gpus.yaml",
                    "memoryReportedGib: 74.00             # estimate: 80e9",
                    "memoryReportedGib: 80.00             # estimate: 80e9"))
        .hasMessageContaining(
            "gpus.yaml: entry H100-PCIE-80GB: an estimated memoryReportedGib 80.00")
        .hasMessageContaining("exceeds the nominal 80 GB in bytes (74.51 GiB)");
  }

  @Test
  void aMeasuredTotalAboveTheNominalSizeIsRejected(@TempDir Path dir) throws IOException {
    assertThatThrownBy(
            () ->
                loadEdited(
                    dir, "gpus.yaml", "memoryReportedGib: 44.31", "memoryReportedGib: 48.30"))
        .hasMessageContaining("entry L40S-48GB: memoryReportedGib 48.3 exceeds the nominal 48.0");
  }

  @Test
  void aBridgedGpuNamesHowManyGpusOneBridgeSetJoins(@TempDir Path dir) throws IOException {
    Catalogues c = CatalogueLoader.load(CATALOGUES);
    assertThat(c.gpus().get("H200-NVL-141GB").bridgeGroupSize()).isEqualTo(4);
    assertThat(c.gpus().get("A100-PCIE-80GB").bridgeGroupSize()).isEqualTo(2);
    assertThat(c.gpus().get("H100-SXM-80GB").bridgeGroupSize()).isZero();
    assertThatThrownBy(
            () ->
                loadEdited(
                    dir,
                    "gpus.yaml",
                    "bandwidthGBps: 900, bridgeGpus: 4}",
                    "bandwidthGBps: 900, bridgeGpus: null}"))
        .hasMessageContaining("entry H200-NVL-141GB: nvlink.bridgeGpus must give how many GPUs");
  }

  @Test
  void everyModelsParameterCountMatchesItsArchitecture() {
    // The loader rejects a model whose declared parameters differ by more than 2 % from the
    // count computed from its config; its config gives Llama 3.1 70B as 70.55B.
    Architecture llama70b =
        CatalogueLoader.load(CATALOGUES).models().get("meta-llama/Llama-3.1-70B").architecture();
    assertThat(llama70b.computedParameters() / 1e9).isBetween(70.5, 70.6);
  }

  @Test
  void aBadEntryStopsTheLoadNamingFileEntryAndField(@TempDir Path dir) throws IOException {
    assertThatThrownBy(
            () -> loadEdited(dir, "gpus.yaml", "bandwidthTBps: 3.35", "bandwidthTBps: -3.35"))
        .isInstanceOf(CatalogueException.class)
        .hasMessageContaining(
            "gpus.yaml: entry H100-SXM-80GB: bandwidthTBps must be positive, got -3.35");
  }

  @Test
  void ggufTypesCarryTheirPerplexityDeltaAndTheModelItWasMeasuredOn() {
    Catalogues c = CatalogueLoader.load(CATALOGUES);
    WeightFormat.Quality q4km = c.weightFormats().get("gguf-q4_k_m").quality();
    assertThat(q4km.perplexityDelta()).isEqualTo(0.1754);
    assertThat(q4km.measuredOn()).isEqualTo("Llama-3-8B");
    assertThat(q4km.status()).isEqualTo("S");
    assertThat(q4km.source()).contains("tools/quantize/quantize.cpp");
    // Where no source gives a figure, the data says so rather than leaving the block out.
    WeightFormat.Quality awq = c.weightFormats().get("awq-int4").quality();
    assertThat(awq.perplexityDelta()).isNull();
    assertThat(awq.note()).isNotBlank();
  }

  @Test
  void aWeightFormatWithoutItsQualityBlockIsRejected(@TempDir Path dir) throws IOException {
    String fp32Quality =
        """
            quality:
              perplexityDelta: null
              measuredOn: null
              note: "Full precision, above the 16-bit reference that quantization losses are measured against."
              status: D
              source: "definition (IEEE 754 binary32/binary16 and bfloat16 definitions)"
        """;
    assertThatThrownBy(() -> loadEdited(dir, "weight-formats.yaml", fp32Quality, ""))
        .hasMessageContaining("weight-formats.yaml: entry fp32: quality is missing");
  }

  @Test
  void aQualityFigureMustBeWrittenEvenWhenThereIsNone(@TempDir Path dir) throws IOException {
    assertThatThrownBy(
            () -> loadEdited(dir, "weight-formats.yaml", "      perplexityDelta: null\n", ""))
        .hasMessageContaining(
            "weight-formats.yaml: weightFormats[0].quality.perplexityDelta (line ")
        .hasMessageContaining("missing: write it, as null where there is no value");
  }

  @Test
  void aQualityNoteMustQuoteItsFigure(@TempDir Path dir) throws IOException {
    assertThatThrownBy(
            () ->
                loadEdited(
                    dir, "weight-formats.yaml", "perplexityDelta: 3.5199", "perplexityDelta: 3.52"))
        .hasMessageContaining(
            "weight-formats.yaml: entry gguf-q2_k: quality.note must quote the figure +3.52");
  }

  @Test
  void aQualityFigureComesWithTheModelItWasMeasuredOn(@TempDir Path dir) throws IOException {
    assertThatThrownBy(
            () ->
                loadEdited(
                    dir, "weight-formats.yaml", "measuredOn: Llama-3-8B", "measuredOn: null"))
        .hasMessageContaining("perplexityDelta and quality.measuredOn go together");
  }

  @Test
  void aMistypedDimensionIsCaughtByTheParameterCheck(@TempDir Path dir) throws IOException {
    // Llama 3.1 405B's intermediate size is 53,248; 5,324 would make it a 100B model.
    assertThatThrownBy(
            () ->
                loadEdited(dir, "models.yaml", "intermediateSize: 53248", "intermediateSize: 5324"))
        .hasMessageContaining("models.yaml: entry meta-llama/Llama-3.1-405B")
        .hasMessageContaining("parameters: ");
  }

  @Test
  void anUnknownKeyIsRejectedWithItsLine(@TempDir Path dir) throws IOException {
    assertThatThrownBy(
            () -> loadEdited(dir, "engines.yaml", "pagedKvCache: true", "pagedKvCach: true"))
        .hasMessageContaining("engines.yaml: engines[0].pagedKvCach (line ")
        .hasMessageContaining("unknown field 'pagedKvCach'");
  }

  @Test
  void anEnginesMemoryModelIsOneOfTheKnownFamilies(@TempDir Path dir) throws IOException {
    assertThat(CatalogueLoader.load(CATALOGUES).engines().get("sglang").memoryModel())
        .isEqualTo(MemoryModel.VLLM);
    assertThatThrownBy(
            () -> loadEdited(dir, "engines.yaml", "memoryModel: tensorrt-llm", "memoryModel: trt"))
        .hasMessageContaining("engines.yaml: engines[1].memoryModel (line ")
        .hasMessageContaining(
            "'trt' is not a memory model; known: [vllm, tensorrt-llm, llama.cpp]");
  }

  @Test
  void aDanglingReferenceIsRejected(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> loadEdited(dir, "models.yaml", "licence: llama3.1", "licence: llama9"))
        .hasMessageContaining("licence 'llama9' is not a catalogue id");
  }

  @Test
  void aSpeedRangeWhoseLowEndIsAboveItsHighEndIsRejected(@TempDir Path dir) throws IOException {
    assertThatThrownBy(
            () ->
                loadEdited(
                    dir,
                    "roofline.yaml",
                    "metric: decode, low: 0.73, high: 1.25",
                    "metric: decode, low: 1.40, high: 1.25"))
        .hasMessageContaining("roofline.yaml")
        .hasMessageContaining("ranges.llama.cpp/ampere/dense/decode.low 1.4 is above high 1.25");
  }

  @Test
  void aSpeedRangeForAnUnknownKindOfModelIsRejectedNamingTheKinds(@TempDir Path dir)
      throws IOException {
    assertThatThrownBy(
            () ->
                loadEdited(
                    dir,
                    "roofline.yaml",
                    "models: \"dense\", metric: decode, low: 0.73, high: 1.25",
                    "models: \"mixed\", metric: decode, low: 0.73, high: 1.25"))
        .hasMessageContaining(
            "ranges.llama.cpp/ampere/mixed/decode.models 'mixed' is not one of [*, dense, moe]");
  }

  @Test
  void aCalibratedFamilyFractionAboveOneIsRejected(@TempDir Path dir) throws IOException {
    assertThatThrownBy(
            () ->
                loadEdited(
                    dir,
                    "roofline.yaml",
                    "architecture: hopper, bandwidthEfficiency: 0.8223",
                    "architecture: hopper, bandwidthEfficiency: 1.7886"))
        .hasMessageContaining("families.hopper.bandwidthEfficiency must be in (0, 1], got 1.7886");
  }

  @Test
  void anEngineAllReduceLatencyBelowZeroIsRejectedNamingTheField(@TempDir Path dir)
      throws IOException {
    assertThatThrownBy(
            () ->
                loadEdited(
                    dir, "roofline.yaml", "allReduceLatencyUs: 91.46", "allReduceLatencyUs: -1"))
        .hasMessageContaining(
            "engines.tensorrt-llm@0.5.0.allReduceLatencyUs must be zero or more, got -1.0");
  }

  @Test
  void anEngineNvlinkBusBandwidthOfZeroIsRejectedNamingTheField(@TempDir Path dir)
      throws IOException {
    assertThatThrownBy(
            () ->
                loadEdited(
                    dir,
                    "roofline.yaml",
                    "nvlinkBusBandwidthGBps: 296.4",
                    "nvlinkBusBandwidthGBps: 0"))
        .hasMessageContaining(
            "engines.tensorrt-llm@0.5.0.nvlinkBusBandwidthGBps must be positive, got 0.0");
  }

  @Test
  void aSixteenBitCopyCommandMustNameBothCheckpoints(@TempDir Path dir) throws IOException {
    assertThatThrownBy(
            () ->
                loadEdited(
                    dir,
                    "models.yaml",
                    "--output-bf16-hf-path {copy}",
                    "--output-bf16-hf-path ./out"))
        .hasMessageContaining(
            "deepseek-ai/DeepSeek-V3: sixteenBitCopy.command must name {published} and {copy}");
  }

  @Test
  void aLargeMessageSizeOfZeroIsRejectedNamingTheLink(@TempDir Path dir) throws IOException {
    assertThatThrownBy(
            () ->
                loadEdited(
                    dir, "roofline.yaml", "largeMessageBytes: 16777216", "largeMessageBytes: 0"))
        .hasMessageContaining(
            "interconnects.infinity-fabric.largeMessageBytes must be positive, got 0.0");
  }

  @Test
  void aFamilysCostPerExpertBelowZeroIsRejectedNamingTheEngineAndFamily(@TempDir Path dir)
      throws IOException {
    assertThatThrownBy(
            () ->
                loadEdited(
                    dir,
                    "roofline.yaml",
                    "decodeOverheadUsPerExpertByFamily: {cdna3: 22.03}, prefillOverheadMs: 0,",
                    "decodeOverheadUsPerExpertByFamily: {cdna3: -2}, prefillOverheadMs: 0,"))
        .hasMessageContaining(
            "engines.sglang@0.5.0.decodeOverheadUsPerExpertByFamily.cdna3 must be zero or more,"
                + " got -2.0");
  }

  @Test
  void aFamilysComputeFactorOfZeroIsRejectedNamingTheEngineAndFamily(@TempDir Path dir)
      throws IOException {
    // A prefill divided by a zero factor would take forever; the release-wide factor is held
    // to the same rule.
    assertThatThrownBy(
            () ->
                loadEdited(
                    dir,
                    "roofline.yaml",
                    "computeFactorByFamily: {hopper: 1.508}",
                    "computeFactorByFamily: {hopper: 0}"))
        .hasMessageContaining(
            "engines.vllm@0.2.7.computeFactorByFamily.hopper must be positive, got 0.0");
  }

  @Test
  void aRidgeExponentBelowOneIsRejected(@TempDir Path dir) throws IOException {
    // Below 1 the joined time would be more than the sum of compute and memory.
    assertThatThrownBy(
            () -> loadEdited(dir, "roofline.yaml", "ridgeExponent: 1.002", "ridgeExponent: 0.5"))
        .hasMessageContaining("ridgeExponent must be at least 1, got 0.5");
  }

  @Test
  void aFormatsPrefillBandwidthFactorAboveOneIsRejectedNamingTheFormat(@TempDir Path dir)
      throws IOException {
    assertThatThrownBy(
            () ->
                loadEdited(
                    dir,
                    "roofline.yaml",
                    "prefillBandwidthFactor: 0.08238",
                    "prefillBandwidthFactor: 1.5"))
        .hasMessageContaining("formats.bnb-nf4.prefillBandwidthFactor");
  }

  @Test
  void theDefaultsThatDecideOutcomesAreCataloguedWithTheirReasons() {
    Catalogues c = CatalogueLoader.load(CATALOGUES);
    assertThat(c.planDefault("environment").text()).isEqualTo("production");
    assertThat(c.planDefault("usage.commercial").flag()).isTrue();
    assertThat(c.planDefault("hardware.interconnect.betweenNodes").text()).isEqualTo("ethernet");
    assertThat(c.planDefaults().all()).allSatisfy(d -> assertThat(d.reason()).isNotBlank());
  }

  @Test
  void aPlanDefaultMustBeAValueAPlanCouldGive(@TempDir Path dir) throws IOException {
    assertThatThrownBy(
            () -> loadEdited(dir, "plan-defaults.yaml", "value: production", "value: prod"))
        .hasMessageContaining("plan-defaults.yaml: entry environment: value 'prod' is not one of");
  }

  @Test
  void aMissingPlanDefaultStopsTheLoad(@TempDir Path dir) throws IOException {
    assertThatThrownBy(
            () -> loadEdited(dir, "plan-defaults.yaml", "id: workload.task", "id: workload.tusk"))
        .hasMessageContaining("plan-defaults.yaml: entry workload.task is missing")
        .hasMessageContaining("plan-defaults.yaml: entry workload.tusk: not a default");
  }

  @Test
  void engineReleasesCarryTheirDtypeAndFormatFacts() {
    Catalogues c = CatalogueLoader.load(CATALOGUES);
    EngineSpec vllm = c.engines().get("vllm");
    // dtype=auto falls back from BF16 from 0.9 (PR #17265); the float16 list from 0.10.2
    assertThat(vllm.releaseFor("0.8.5").autoDtypeFallback()).isFalse();
    assertThat(vllm.releaseFor("0.9.2").autoDtypeFallback()).isTrue();
    assertThat(vllm.releaseFor("0.9.2").refusesFloat16("gemma2")).isFalse();
    assertThat(vllm.releaseFor("0.19.0").refusesFloat16("gemma2")).isTrue();
    assertThat(vllm.releaseFor("0.19.0").refusesFloat16("llama")).isFalse();
    assertThat(vllm.releaseFor("0.19.0").refusesFloat16(null)).isFalse();
    // FP8 KV cache: V0's kernels on any GPU until 0.10.x, V1 backends from compute capability 7.5
    assertThat(vllm.releaseFor("0.10.2").fp8KvMinComputeCapability()).isNull();
    assertThat(vllm.releaseFor("0.11.0").fp8KvMinComputeCapability()).isEqualTo(7.5);
    EngineSpec sglang = c.engines().get("sglang");
    assertThat(sglang.releaseFor("0.5.1").fp8MarlinMinComputeCapability()).isNull();
    assertThat(sglang.releaseFor("0.5.2").fp8MarlinMinComputeCapability()).isEqualTo(8.0);
    assertThat(sglang.releaseFor("0.5.2").fp8MarlinMoe()).isFalse();
    // NVFP4: 4-bit values plus one 8-bit scale per 16 = 4 + 8/16 = 4.5 bits = 0.5625 B/param
    assertThat(c.weightFormats().get("nvfp4").bytesPerParam()).isEqualTo((4 + 8 / 16.0) / 8);
    assertThat(vllm.formats()).contains("nvfp4");
  }

  @Test
  void aReleaseFormatFactNeedsItsSource(@TempDir Path dir) throws IOException {
    assertThatThrownBy(
            () ->
                loadEdited(
                    dir,
                    "engines.yaml",
                    "formatsSource: \"sgl-project",
                    "formatsSource: \"\" # sgl-project"))
        .hasMessageContaining("engines.yaml: entry sglang release 0.5.2: formatsSource is missing");
    Path other = dir.resolveSibling(dir.getFileName() + "-2");
    Files.createDirectories(other);
    assertThatThrownBy(
            () ->
                loadEdited(
                    other,
                    "engines.yaml",
                    "fp8KvMinComputeCapability: 7.5",
                    "fp8KvMinComputeCapability: 75"))
        .hasMessageContaining(
            "engines.yaml: entry vllm release 0.11.0: fp8KvMinComputeCapability 75.0 is not a"
                + " compute capability");
  }

  @Test
  void aModelWithoutItsModelTypeIsRejected(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> loadEdited(dir, "models.yaml", "    modelType: gemma2\n", ""))
        .hasMessageContaining("models.yaml: entry google/gemma-2-9b: modelType is missing");
  }

  @Test
  void aUserThresholdSaysWhoseUsersItCounts(@TempDir Path dir) throws IOException {
    // llama2 is the first entry with a threshold.
    assertThatThrownBy(
            () ->
                loadEdited(
                    dir,
                    "licences.yaml",
                    "monthlyActiveUsersCounted:",
                    "# monthlyActiveUsersCounted:"))
        .hasMessageContaining("licences.yaml: entry llama2: monthlyActiveUsersCounted is missing");
  }

  @Test
  void aDisplayLineSaysWhoOwesIt(@TempDir Path dir) throws IOException {
    // llama3 is the first entry with a display line.
    assertThatThrownBy(
            () -> loadEdited(dir, "licences.yaml", "displayWhen: product", "displayWhen: hosted"))
        .hasMessageContaining(
            "licences.yaml: entry llama3: attribution.displayWhen 'hosted' is not one of"
                + " [derivative-model, product]");
  }

  @Test
  void hubCustomTermsCannotBeACatalogueLicence(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> loadEdited(dir, "licences.yaml", "id: mit", "id: other"))
        .hasMessageContaining("licences.yaml: entry other: id 'other' is Hugging Face's tag");
  }

  @Test
  void aSourcesNameMapsToOneEntryOnly(@TempDir Path dir) throws IOException {
    // gptq-int8's config.json name taken over by gptq-int3 as well
    assertThatThrownBy(
            () -> loadEdited(dir, "weight-formats.yaml", "\"gptq:3\": null", "\"gptq:8\": null"))
        .hasMessageContaining(
            "weight-formats.yaml: entry gptq-int3: importNames.hfQuantMethod 'gptq:8' is also used"
                + " by gptq-int8");
  }

  @Test
  void anImportSourceMustBeOneTheCatalogueMaps(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> loadEdited(dir, "gpus.yaml", " gkeAccelerator:", " gkeAcelerator:"))
        .hasMessageContaining(
            "gpus.yaml: entry H100-SXM-80GB: importNames.gkeAcelerator is not a source this"
                + " catalogue maps (known: gkeAccelerator)");
  }

  /**
   * Loads a copy of the shipped catalogues with the first {@code from} in {@code file} replaced.
   */
  static Catalogues loadEdited(Path dir, String file, String from, String to) throws IOException {
    try (Stream<Path> files = Files.list(CATALOGUES)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    Path edited = dir.resolve(file);
    String text = Files.readString(edited);
    assertThat(text).contains(from);
    Files.writeString(edited, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
    return CatalogueLoader.load(dir);
  }
}
