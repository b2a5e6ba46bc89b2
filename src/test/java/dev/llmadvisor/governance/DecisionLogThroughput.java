package dev.llmadvisor.governance;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.report.Report;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of evaluations with and without the decision log, on H2 (a file, as the service keeps
 * it) and on PostgreSQL (embedded), in one run; not a test. Each mode runs for a few seconds on as
 * many threads as cores, in rounds that alternate the modes so that a busy machine weighs on each
 * alike; the median round is reported. Run (docs/governance.md):
 *
 * <pre>
 * ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     dev.llmadvisor.governance.DecisionLogThroughput [seconds-per-round] [rounds]
 * </pre>
 */
public final class DecisionLogThroughput {
  private DecisionLogThroughput() {}

  interface Step {
    void run(String text, PlanReader.Format format);
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int threads = Runtime.getRuntime().availableProcessors();
    Advisor advisor = new Advisor(Path.of("rules"), Path.of("catalogues"));
    List<String> plans = new ArrayList<>();
    for (String f :
        List.of(
            "examples/support-assistant.yaml",
            "examples/llama-70b-fp8-one-h100.yaml",
            "examples/qwen-72b-awq-two-l40s.yaml")) {
      plans.add(Files.readString(Path.of(f)));
    }
    ObjectMapper json = new ObjectMapper();

    Path h2Dir = Files.createTempDirectory("advisor-bench-h2");
    AgroalDataSource h2 =
        pool(
            "jdbc:h2:file:" + h2Dir.resolve("decisions") + ";WRITE_DELAY=0",
            "advisor",
            "",
            threads + 2);
    migrate(h2, "h2");
    // zonky turns synchronous_commit off for tests; a production server has it on (the WAL is
    // flushed at each commit), and that is the cost to measure.
    var postgres =
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
            .setServerConfig("synchronous_commit", "on")
            .start();
    AgroalDataSource pg =
        pool(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", threads + 2);
    migrate(pg, "postgresql");
    DecisionLog h2Log = new DecisionLog(new DecisionStore(h2, json), new ReviewStore(h2), json);
    DecisionLog pgLog = new DecisionLog(new DecisionStore(pg, json), new ReviewStore(pg), json);

    // The write alone: the decision of each plan, stored again under new ids.
    List<Decision> made = new ArrayList<>();
    for (String text : plans) {
      DeploymentPlan plan = PlanReader.read(text, PlanReader.Format.YAML);
      made.add(h2Log.record(advisor.evaluate(plan), text, PlanReader.Format.YAML, plan, "bench"));
    }
    AtomicLong ids = new AtomicLong();

    Map<String, Step> modes = new LinkedHashMap<>();
    modes.put("unrecorded", (text, format) -> advisor.evaluate(PlanReader.read(text, format)));
    modes.put("recorded, H2 file", recorded(advisor, h2Log));
    modes.put("recorded, PostgreSQL", recorded(advisor, pgLog));
    modes.put("insert only, H2 file", insertOnly(new DecisionStore(h2, json), made, ids));
    modes.put("insert only, PostgreSQL", insertOnly(new DecisionStore(pg, json), made, ids));

    System.out.printf(
        "%d threads, %d plans, %d s per mode and round, %d rounds (+1 warm-up)%n",
        threads, plans.size(), seconds, rounds);
    Map<String, double[]> results = new LinkedHashMap<>();
    for (String mode : modes.keySet()) {
      results.put(mode, new double[rounds]);
    }
    for (int round = -1; round < rounds; round++) {
      for (var e : modes.entrySet()) {
        double rate = measure(e.getValue(), plans, threads, round < 0 ? 3 : seconds);
        if (round >= 0) {
          results.get(e.getKey())[round] = rate;
          System.out.printf("round %d  %-24s %8.1f /s%n", round + 1, e.getKey(), rate);
        }
      }
    }
    double base = median(results.get("unrecorded"));
    System.out.println();
    System.out.printf("%-24s %10s %10s %12s%n", "mode", "median/s", "vs unrec.", "ms per op");
    for (var e : results.entrySet()) {
      double m = median(e.getValue());
      System.out.printf(
          "%-24s %10.1f %9.1f%% %12.3f%n", e.getKey(), m, 100 * m / base, 1000.0 * threads / m);
    }
    h2.close();
    pg.close();
    postgres.close();
    System.exit(0);
  }

  private static Step recorded(Advisor advisor, DecisionLog log) {
    return (text, format) -> {
      DeploymentPlan plan = PlanReader.read(text, format);
      Report report = advisor.evaluate(plan);
      log.record(report, text, format, plan, "bench");
    };
  }

  private static Step insertOnly(DecisionStore store, List<Decision> made, AtomicLong ids) {
    return (text, format) -> {
      Decision d = made.get((int) (ids.get() % made.size()));
      Decision copy =
          new Decision(
              "bench-" + ids.incrementAndGet(),
              d.evaluatedAt(),
              d.planName(),
              d.planHash(),
              d.planFormat(),
              d.rulesetVersion(),
              d.verdict(),
              d.findings(),
              d.defaultsApplied(),
              d.submitter(),
              d.planSubmitted(),
              d.plan(),
              List.of(),
              null);
      store.insert(copy, d.plan().toString());
    };
  }

  private static double measure(Step step, List<String> plans, int threads, int seconds)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      Thread w =
          new Thread(
              () -> {
                int i = offset;
                while (!stop.get()) {
                  step.run(plans.get(i++ % plans.size()), PlanReader.Format.YAML);
                  done.incrementAndGet();
                }
              });
      workers.add(w);
    }
    long start = System.nanoTime();
    workers.forEach(Thread::start);
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread w : workers) {
      w.join();
    }
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static AgroalDataSource pool(String url, String user, String password, int size)
      throws java.sql.SQLException {
    return AgroalDataSource.from(
        new AgroalDataSourceConfigurationSupplier()
            .connectionPoolConfiguration(
                cp ->
                    cp.maxSize(size)
                        .connectionFactoryConfiguration(
                            cf ->
                                cf.jdbcUrl(url)
                                    .principal(new NamePrincipal(user))
                                    .credential(new SimplePassword(password)))));
  }

  private static void migrate(javax.sql.DataSource ds, String vendor) {
    org.flywaydb.core.Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
        .load()
        .migrate();
  }
}
