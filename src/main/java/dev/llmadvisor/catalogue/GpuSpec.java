package dev.llmadvisor.catalogue;

import dev.llmadvisor.text.Units;
import java.util.List;
import java.util.Map;

/** A GPU model as catalogued in {@code catalogues/gpus.yaml}. */
public record GpuSpec(
    String id,
    String name,
    List<String> aliases,
    String vendor,
    String architecture,
    Double computeCapability,
    Boolean dataCentre,
    Double memoryGb,
    String memoryType,
    Double memoryReportedGib,
    String memoryReportedKind,
    Double memoryMarginGib,
    String memoryReportedSource,
    Double bandwidthTBps,
    DenseTflops denseTflops,
    Boolean nativeFp8,
    Nvlink nvlink,
    Fabric fabric,
    Double tdpW,
    String status,
    String source,
    Map<String, Map<String, String>> importNames)
    implements CatalogueEntry {

  public GpuSpec {
    importNames = importNames == null ? Map.of() : importNames;
  }

  /** Dense tensor-core throughput per dtype, in TFLOP/s (TOP/s for int8); null = unsupported. */
  public record DenseTflops(Double fp16, Double bf16, Double fp8, Double int8) {
    public Double forDtype(String dtype) {
      return switch (dtype) {
        case "fp16", "fp32" -> fp16;
        case "bf16" -> bf16;
        case "fp8" -> fp8;
        case "int8" -> int8;
        default -> null;
      };
    }
  }

  /**
   * NVLink: {@code switch} (SXM, every GPU of the node), {@code bridge} (cards joined by bridges in
   * groups of {@code bridgeGpus}: 2 for A100/H100 PCIe, H100 NVL and the RTX pairs, 4 for H200
   * NVL), or {@code none}.
   */
  public record Nvlink(String kind, Double bandwidthGBps, Integer bridgeGpus) {}

  /**
   * A GPU-to-GPU fabric of the board other than NVLink (AMD's Infinity Fabric, xGMI), as the link
   * kind of {@code hardware.interconnect}, with its source; null when the board has none.
   */
  public record Fabric(String kind, String source) {}

  /** The board fabrics other than NVLink a GPU entry can name. */
  public static final java.util.Set<String> FABRICS = java.util.Set.of("infinity-fabric");

  /** How {@code memoryReportedGib} was obtained. */
  public static final String MEASURED = "measured";

  public static final String ESTIMATE = "estimate";

  public boolean hasNvlink() {
    return nvlink != null && !"none".equals(nvlink.kind());
  }

  /**
   * The link kind a board's GPUs talk over inside a node: NVLink's switch, its own fabric, or PCIe.
   */
  public String boardLink() {
    if (hasNvlinkSwitch()) {
      return "nvlink";
    }
    return fabric != null ? fabric.kind() : "pcie";
  }

  public boolean hasNvlinkSwitch() {
    return nvlink != null && "switch".equals(nvlink.kind());
  }

  /**
   * Whether {@code memoryReportedGib} is a conservative estimate (the nominal size in bytes less a
   * reserve, docs/sizing.md) rather than a total a driver was seen to report.
   */
  public boolean memoryIsEstimate() {
    return ESTIMATE.equals(memoryReportedKind);
  }

  /**
   * Total memory in bytes used for sizing: the driver-reported total (the CUDA/ROCm figure vLLM
   * logs as {@code total_gpu_memory}), or its conservative estimate. Never the nominal GB read as
   * GiB: the loader refuses a GPU without one of the two.
   */
  public long totalMemoryBytes() {
    if (memoryReportedGib == null) {
      throw new IllegalStateException(id + " has no driver-reported or estimated memory");
    }
    return Math.round(memoryReportedGib * Units.GIB);
  }

  /** How much more memory the driver may report than an estimate assumes; 0 when measured. */
  public long memoryMarginBytes() {
    return memoryIsEstimate() && memoryMarginGib != null
        ? Math.round(memoryMarginGib * Units.GIB)
        : 0;
  }

  /** GPUs one set of NVLink bridges joins; 0 unless the GPU is bridged. */
  public int bridgeGroupSize() {
    return nvlink != null && "bridge".equals(nvlink.kind()) && nvlink.bridgeGpus() != null
        ? nvlink.bridgeGpus()
        : 0;
  }
}
