package dev.llmadvisor.catalogue;

import java.util.List;

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
    String memoryReportedSource,
    Double bandwidthTBps,
    DenseTflops denseTflops,
    Boolean nativeFp8,
    Nvlink nvlink,
    Double tdpW,
    String status,
    String source)
    implements CatalogueEntry {

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

  /** NVLink: {@code switch} (SXM), {@code bridge} (pairs), or {@code none}. */
  public record Nvlink(String kind, Double bandwidthGBps) {}

  public boolean hasNvlink() {
    return nvlink != null && !"none".equals(nvlink.kind());
  }

  public boolean hasNvlinkSwitch() {
    return nvlink != null && "switch".equals(nvlink.kind());
  }

  /** Whether the memory figure used for sizing is what the driver reports, or only nominal. */
  public boolean memoryIsNominal() {
    return memoryReportedGib == null;
  }

  /** Total memory in bytes used for sizing: driver-reported where known, else nominal (GiB). */
  public long totalMemoryBytes() {
    double gib = memoryIsNominal() ? memoryGb : memoryReportedGib;
    return Math.round(gib * Units.GIB);
  }
}
