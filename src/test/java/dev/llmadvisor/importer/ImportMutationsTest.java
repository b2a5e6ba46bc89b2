package dev.llmadvisor.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.llmadvisor.catalogue.CatalogueLoader;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.plan.JsonMutations;
import dev.llmadvisor.plan.NamedPlans;
import dev.llmadvisor.plan.PlanResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A damaged source is imported or refused by name, never a crash: the test sources (model configs,
 * Kubernetes workloads) with one to three fields or items removed, emptied or of the wrong kind,
 * drawn from a fixed seed, give an {@link ImportResult} whose plan resolves or is refused naming a
 * field, or an {@link ImportException} — what {@code advisor import}/{@code check --from} and the
 * reviewer's page answer. Any other exception would be a stack trace.
 */
class ImportMutationsTest {
  static final int MUTANTS = Integer.getInteger("mutants", 300);
  static final long SEED = Long.getLong("seed", 20261130L);
  static final Catalogues CATALOGUES = CatalogueLoader.load(Path.of("catalogues"));
  static final Path SOURCES = Path.of("src/test/resources/importer");

  @Test
  void aDamagedModelConfigIsImportedOrRefusedByName() throws IOException {
    HuggingFaceConfigImporter importer = new HuggingFaceConfigImporter(CATALOGUES);
    assertNoCrash(
        new ObjectMapper(),
        List.of(
            "gemma-3-12b-it-config.json",
            "mixtral-8x7b-instruct-config.json",
            "qwen3-30b-a3b-config.json"),
        text -> importer.fromConfig(text, "config.json", null, Overlay.NONE));
  }

  @Test
  void aDamagedWorkloadIsImportedOrRefusedByName() throws IOException {
    KubernetesImporter importer = new KubernetesImporter(CATALOGUES);
    assertNoCrash(
        new YAMLMapper(),
        List.of("deployment.yaml", "statefulset.yaml", "leaderworkerset.yaml"),
        text -> importer.fromManifest(text, null, Overlay.NONE));
  }

  /** A command with most of the flags the importer reads. */
  static final List<String> COMMAND =
      Stream.concat(
              NamedPlans.VLLM_8B_FP8_COMMAND.stream(),
              Stream.of(
                  "--kv-cache-dtype",
                  "fp8",
                  "--tensor-parallel-size",
                  "2",
                  "--pipeline-parallel-size",
                  "1",
                  "--gpu-memory-utilization",
                  "0.9",
                  "--max-num-seqs",
                  "256",
                  "--max-num-batched-tokens=8192",
                  "--dtype",
                  "bfloat16"))
          .toList();

  /** What a word of the command becomes. */
  static final List<String> WORDS =
      List.of("", "0", "-1", "0.0", "nan", "1e300", "2147483648", "x", "--", "=", "--dtype", "-tp");

  @Test
  void aDamagedVllmCommandIsImportedOrRefusedByName() {
    VllmCommandImporter importer = new VllmCommandImporter(CATALOGUES);
    Overlay gpu = Overlay.set("hardware.gpu", "H100-SXM-80GB");
    Random random = new Random(SEED);
    List<String> crashes = new ArrayList<>();
    int imported = 0;
    for (int i = 0; i < MUTANTS; i++) {
      List<String> words = new ArrayList<>(COMMAND);
      StringBuilder mutation = new StringBuilder();
      for (int n = 1 + random.nextInt(3); n > 0; n--) {
        int at = 2 + random.nextInt(words.size() - 2);
        String word = WORDS.get(random.nextInt(WORDS.size()));
        switch (random.nextInt(3)) {
          case 0 -> mutation.append(" removed ").append(words.remove(at));
          case 1 -> mutation.append(" ").append(words.set(at, word)).append(" → '" + word + "'");
          default -> {
            words.add(at, word);
            mutation.append(" inserted '" + word + "'");
          }
        }
      }
      imported += importedOrRefused(() -> importer.fromArgs(words, gpu), mutation, crashes);
    }
    assertThat(crashes).as("damaged commands that crash the importer").isEmpty();
    assertThat(imported).as("mutants imported").isPositive();
  }

  static void assertNoCrash(
      ObjectMapper format, List<String> files, Function<String, ImportResult> importing)
      throws IOException {
    List<ObjectNode> sources = new ArrayList<>();
    for (String f : files) {
      sources.add((ObjectNode) format.readTree(Files.readString(SOURCES.resolve(f))));
    }
    Random random = new Random(SEED);
    List<String> crashes = new ArrayList<>();
    int imported = 0;
    for (int i = 0; i < MUTANTS; i++) {
      int which = random.nextInt(sources.size());
      ObjectNode source = sources.get(which).deepCopy();
      String mutation = files.get(which) + ": " + JsonMutations.mutate(source, random);
      String text = format.writeValueAsString(source);
      imported += importedOrRefused(() -> importing.apply(text), mutation, crashes);
    }
    assertThat(crashes).as("damaged sources that crash the importer").isEmpty();
    assertThat(imported).as("mutants imported").isPositive();
  }

  /**
   * 1 when the source is imported (and its plan, if complete, resolves), 0 when refused by name.
   */
  static int importedOrRefused(
      Supplier<ImportResult> importing, Object mutation, List<String> crashes) {
    try {
      ImportResult result = importing.get();
      if (result.missing().isEmpty()) {
        PlanResolver.resolve(result.plan(), CATALOGUES);
      }
      return 1;
    } catch (ImportException e) {
      return 0; // refused by name: the source, where in it, and what is wrong
    } catch (InvalidPlanException e) {
      if (e.errors().isEmpty()) {
        crashes.add(mutation + ": refused without naming a field: " + e.getMessage());
      }
      return 0;
    } catch (RuntimeException e) {
      crashes.add(mutation + ": " + e);
      return 0;
    }
  }
}
