package dev.llmadvisor.cli;

import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.importer.Assumption;
import dev.llmadvisor.importer.HuggingFaceConfigImporter;
import dev.llmadvisor.importer.ImportException;
import dev.llmadvisor.importer.ImportResult;
import dev.llmadvisor.importer.KubernetesImporter;
import dev.llmadvisor.importer.Overlay;
import dev.llmadvisor.importer.VllmCommandImporter;
import dev.llmadvisor.plan.PlanReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How {@code import} and {@code check --from} turn what users have into a plan. */
public class ImportOptions {
  static final List<String> SOURCES = List.of("vllm-cmd", "k8s", "hf-config");

  @Option(
      names = "--from",
      paramLabel = "SOURCE",
      description =
          "Import the plan from vllm-cmd (the command words after --), k8s (a manifest) or hf-config (a config.json).")
  String from;

  @Option(
      names = "--overlay",
      paramLabel = "FILE",
      description =
          "A plan fragment (YAML or JSON) laid over the imported plan: the GPU, usage, workload …")
  Path overlay;

  @Option(
      names = "--set",
      paramLabel = "FIELD=VALUE",
      description =
          "One plan field over the imported plan, e.g. --set hardware.gpu=H100-SXM-80GB; repeatable.")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--select",
      paramLabel = "NAME",
      description = "k8s: the workload or container to import when several run vLLM.")
  String select;

  @Option(
      names = "--model-id",
      paramLabel = "ID",
      description = "hf-config: the model id (default: _name_or_path, or the directory name).")
  String modelId;

  ImportResult importPlan(Catalogues catalogues, List<String> input) {
    if (!SOURCES.contains(from)) {
      throw ImportException.of(
          "--from", "--from", "must be one of " + String.join(", ", SOURCES), from);
    }
    Overlay o = overlay();
    return switch (from) {
      case "vllm-cmd" -> new VllmCommandImporter(catalogues).fromArgs(input, o);
      case "k8s" -> new KubernetesImporter(catalogues).fromManifest(file(input), select, o);
      default -> {
        Path config = Path.of(single(input));
        yield new HuggingFaceConfigImporter(catalogues)
            .fromConfig(text(config), config.toString(), modelId, o);
      }
    };
  }

  private Overlay overlay() {
    Overlay o = Overlay.NONE;
    if (overlay != null) {
      o =
          Overlay.parse(
              text(overlay),
              overlay.toString().endsWith(".json")
                  ? PlanReader.Format.JSON
                  : PlanReader.Format.YAML);
    }
    return sets.isEmpty() ? o : o.then(Overlay.settings(sets));
  }

  /** What the import assumed, ignored and noted, on standard error so the plan stays clean. */
  void explain(ImportResult r, PrintWriter err) {
    err.println("Imported from " + r.source());
    for (Assumption a : r.assumed()) {
      err.println("  assumed " + a.field() + " = " + a.value() + ": " + a.why());
    }
    r.ignored().forEach(i -> err.println("  ignored " + i));
    r.notes().forEach(n -> err.println("  note: " + n));
    r.missing().forEach(m -> err.println("  missing " + m.field() + ": " + m.why()));
  }

  private String file(List<String> input) {
    return text(Path.of(single(input)));
  }

  private String single(List<String> input) {
    if (input.size() != 1) {
      throw ImportException.of("--from " + from, "PLAN", "give exactly one file to import", input);
    }
    return input.get(0);
  }

  private static String text(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ImportException.of(
          p.toString(),
          p.toString(),
          "cannot read: " + (Files.exists(p) ? e.getMessage() : "no such file"),
          null);
    }
  }
}
