package dev.llmadvisor.catalogue;

import java.util.List;

/**
 * A model as catalogued in {@code catalogues/models.yaml}. {@code modelType} is the {@code
 * model_type} of its Hugging Face {@code config.json} (engines key per-architecture behaviour on
 * it); null for a plan's own architecture.
 *
 * @param sixteenBitCopy for a checkpoint published quantized, how its publisher says to make a
 *     16-bit copy (what a quantization recipe starts from); null when none is catalogued
 */
public record ModelSpec(
    String id,
    List<String> aliases,
    String family,
    String modelType,
    String licence,
    String nativeDtype,
    List<String> baseModels,
    Architecture architecture,
    SixteenBitCopy sixteenBitCopy,
    String status,
    String source)
    implements CatalogueEntry {

  /**
   * The publisher's conversion of a quantized checkpoint to 16 bits.
   *
   * @param repository the git repository that holds the script
   * @param directory where in it the command runs (the script imports its neighbours)
   * @param command the command, {@code {published}} and {@code {copy}} standing for the two
   *     checkpoint directories as seen from {@code directory}
   * @param files the published checkpoint's files the copy needs beside its weights; {@code
   *     config.json} is written without its {@code quantization_config}
   */
  public record SixteenBitCopy(
      String repository, String directory, String command, List<String> files, String source) {}
}
