package dev.llmadvisor.admission;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The webhook's added latency against a running service (docs/admission.md, "Latency"): one client,
 * one request at a time, the four kinds of request interleaved round by round so that each sees the
 * same load on the machine. Not a test; run from the repository root against a started jar:
 *
 * <pre>
 * java src/test/java/dev/llmadvisor/admission/AdmissionLatency.java http://localhost:8080 300
 * </pre>
 */
public final class AdmissionLatency {
  private AdmissionLatency() {}

  public static void main(String[] args) throws Exception {
    String base = args.length > 0 ? args[0] : "http://localhost:8080";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    Path fixtures = Path.of("src/test/resources/admission");
    String denied = Files.readString(fixtures.resolve("denied-llama-70b-one-h100.json"));
    String nginx = Files.readString(fixtures.resolve("not-a-model-nginx.json"));
    // the plan the denied fixture imports to, as POST /api/v1/evaluations takes it
    String plan =
        """
        name: prod-llm/llama-70b-single-h100
        model: {id: meta-llama/Llama-3.1-70B-Instruct}
        quantization: {weights: fp8}
        engine: {name: vllm, version: 0.19.0, maxModelLen: 8192}
        hardware: {gpu: H100-SXM-80GB, gpusPerNode: 1}
        workload: {concurrentRequests: 8, promptTokens: 2000, outputTokens: 400}
        monitoring: {alerts: {ttftP99Ms: 500, kvCacheWastePct: 8, oomErrorRatePct: 0.5}}
        """;
    HttpClient http = HttpClient.newHttpClient();
    Map<String, HttpRequest> kinds = new LinkedHashMap<>();
    kinds.put(
        "no-op GET /q/health/live",
        HttpRequest.newBuilder(URI.create(base + "/q/health/live")).build());
    kinds.put(
        "admission, not a model", post(base + "/api/v1/admission", "application/json", nginx));
    kinds.put(
        "evaluation of the same plan",
        post(base + "/api/v1/evaluations", "application/yaml", plan));
    kinds.put(
        "admission, 70B denied", post(base + "/api/v1/admission", "application/json", denied));
    Map<String, List<Double>> ms = new LinkedHashMap<>();
    kinds.keySet().forEach(k -> ms.put(k, new ArrayList<>()));
    for (int round = -20; round < rounds; round++) { // 20 rounds of warm-up, not counted
      for (Map.Entry<String, HttpRequest> k : kinds.entrySet()) {
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(k.getValue(), HttpResponse.BodyHandlers.ofString());
        double took = (System.nanoTime() - t0) / 1e6;
        if (r.statusCode() != 200) {
          throw new IllegalStateException(k.getKey() + ": HTTP " + r.statusCode() + " " + r.body());
        }
        if (round >= 0) {
          ms.get(k.getKey()).add(took);
        }
      }
    }
    double noopP99 = percentile(ms.get("no-op GET /q/health/live"), 99);
    System.out.printf(
        Locale.ROOT,
        "%-30s %8s %8s %8s %8s%n",
        "request",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "p99/no-op");
    for (Map.Entry<String, List<Double>> e : ms.entrySet()) {
      double p99 = percentile(e.getValue(), 99);
      System.out.printf(
          Locale.ROOT,
          "%-30s %8.2f %8.2f %8.2f %8.1f%n",
          e.getKey(),
          percentile(e.getValue(), 50),
          percentile(e.getValue(), 90),
          p99,
          p99 / noopP99);
    }
    System.out.println(rounds + " rounds");
  }

  private static HttpRequest post(String url, String type, String body) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** Nearest rank: the smallest value with at least p % of the samples at or below it. */
  static double percentile(List<Double> values, double p) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
