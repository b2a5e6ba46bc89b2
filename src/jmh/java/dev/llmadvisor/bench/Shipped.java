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

  /** Loaded once per JVM: every benchmark of a run without forks ({@code -f 0}) shares it. */
  private static Advisor loaded;

  public Advisor advisor;

  @Setup
  public void load() {
    synchronized (Shipped.class) {
      if (loaded == null) {
        loaded = new Advisor(rulesDir(), ROOT.resolve("catalogues"));
      }
      advisor = loaded;
    }
  }

  public static Path rulesDir() {
    return ROOT.resolve("rules");
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
