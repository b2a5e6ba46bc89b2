package dev.llmadvisor.bench;

import dev.llmadvisor.rules.RuleBase;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A load of {@code rules/} in a warm JVM: the shipped files load the executable model the build
 * compiled ({@code loadShippedModel}); an edited copy is compiled from its DRL, as a reload of an
 * edit does ({@code compileRules}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RuleCompileBenchmark {
  @Benchmark
  public RuleBase compileRules() {
    return RuleBase.compile(Shipped.editedRulesDir());
  }

  @Benchmark
  public RuleBase loadShippedModel() {
    return RuleBase.compile(Shipped.rulesDir());
  }
}
