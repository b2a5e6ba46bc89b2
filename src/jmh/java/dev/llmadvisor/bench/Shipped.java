package dev.llmadvisor.bench;

import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.evaluation.Ruleset;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.PlanReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The shipped ruleset and catalogues ({@code rules/}, {@code catalogues/}) and the example plans,
 * loaded once per benchmark run and shared by every benchmark thread. Benchmarks take it as a
 * parameter of their {@code @Benchmark} or {@code @Setup} methods; the repository root is the
 * working directory ({@code bench/run} runs from there) or {@code -Dadvisor.root=DIR}.
 */
@State(Scope.Benchmark)
public class Shipped {
  public static final Path ROOT = Path.of(System.getProperty("advisor.root", "."));

  /**
   * Loaded once per JVM and kind of rules: every benchmark of a run without forks ({@code -f 0})
   * shares them.
   */
  private static final Map<String, Advisor> LOADED = new HashMap<>();

  private static Path edited;

  public Advisor advisor;

  @Setup
  public void load() {
    advisor = advisor(MODEL);
  }

  /** The shipped files: the executable model the build compiled. */
  public static final String MODEL = "model";

  /** The same rules edited by a comment: compiled from their DRL, as any edited rule set is. */
  public static final String DRL = "drl";

  /** An advisor on the shipped rules, run as {@link #MODEL} or {@link #DRL}. */
  public static synchronized Advisor advisor(String rules) {
    return LOADED.computeIfAbsent(
        rules,
        kind -> new Advisor(DRL.equals(kind) ? editedRulesDir() : rulesDir(), catalogues()));
  }

  public static Path rulesDir() {
    return ROOT.resolve("rules");
  }

  public static Path catalogues() {
    return ROOT.resolve("catalogues");
  }

  /** A copy of {@code rules/} with a comment appended to one file. */
  public static synchronized Path editedRulesDir() {
    if (edited == null) {
      try {
        Path dir = Files.createTempDirectory("advisor-rules-drl");
        try (Stream<Path> files = Files.list(rulesDir())) {
          for (Path f : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
            Files.copy(f, dir.resolve(f.getFileName()));
          }
        }
        Files.writeString(
            dir.resolve("verdict.drl"), "\n// edited\n", StandardOpenOption.APPEND);
        edited = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return edited;
  }

  /** The serving ruleset (compiled rules, catalogues). */
  public Ruleset ruleset() {
    return advisor.ruleset();
  }

  /** An example plan by file name, read as {@code advisor check} reads it. */
  public static DeploymentPlan plan(String file) {
    return PlanReader.read(text(file), format(file));
  }

  public static String text(String file) {
    try {
      return Files.readString(ROOT.resolve("examples").resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static PlanReader.Format format(String file) {
    return file.endsWith(".json") ? PlanReader.Format.JSON : PlanReader.Format.YAML;
  }
}
