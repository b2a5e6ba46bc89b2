package dev.llmadvisor.bench;

import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.whatif.WhatIfRequest;
import dev.llmadvisor.whatif.WhatIfResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The what-if search (issue 14) on the guide's cases ({@code requests/}), run from the
 * repository root: one operation is one whole search (space, sizing, pruning, every remaining
 * candidate through the full ruleset, the front's plans evaluated again). Candidates per second
 * is {@code candidatesEvaluated} ÷ the operation's time; the target is 10,000 in at most 1 s on 2
 * cores. Compiles with the {@code bench} profile of the speed issue (#13).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class WhatIfBenchmark {
  @Param({
    "llama-70b-h100.yaml",
    "llama-70b-a100.yaml",
    "llama-8b-consumer.yaml",
    "llama-405b-nodes.yaml"
  })
  public String request;

  private Advisor advisor;
  private WhatIfRequest parsed;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    advisor = new Advisor(Path.of("rules"), Path.of("catalogues"));
    parsed =
        PlanReader.read(
            Files.readString(Path.of("requests", request)),
            PlanReader.Format.YAML,
            WhatIfRequest.class,
            "request",
            "a what-if request");
  }

  @Benchmark
  public void search(Blackhole bh) {
    WhatIfResult r = advisor.recommend(parsed);
    bh.consume(r.candidatesEvaluated());
    bh.consume(r.front());
  }
}
