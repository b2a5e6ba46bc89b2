package dev.llmadvisor.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (target/quarkus-app/quarkus-run.jar, built by {@code package}) run as its
 * own process with {@code java -jar}, on a free port, from the repository root (it reads rules/ and
 * catalogues/ from there); its output goes to target/it-logs/NAME.log.
 */
final class PackagedService implements AutoCloseable {

  static final String REVIEWER_PASSWORD = "reviewer-it";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

  final int port;
  final Process process;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private PackagedService(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /**
   * Starts the jar with these environment variables (plus port and reviewer) and waits until ready.
   */
  static PackagedService start(String name, Map<String, String> env) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run ./mvnw package (or verify) first");
    }
    int port = freePort();
    try {
      Path logs = Files.createDirectories(Path.of("target", "it-logs"));
      ProcessBuilder pb =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  JAR.toString())
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
      pb.environment().putAll(env);
      pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
      pb.environment().put("QUARKUS_SECURITY_USERS_EMBEDDED_USERS_REVIEWER", REVIEWER_PASSWORD);
      PackagedService service = new PackagedService(port, pb.start());
      service.awaitReady(name);
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady(String name) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + ": see target/it-logs/" + name + ".log");
      }
      try {
        if (get("/q/health/ready").statusCode() == 200) {
          return;
        }
      } catch (UncheckedIOException e) {
        // not listening yet
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    close();
    throw new IllegalStateException(name + " not ready within 60 s");
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  HttpResponse<String> postYaml(String path, String yaml) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofString(yaml)));
  }

  HttpResponse<String> postJsonAsReviewer(String path, String json) {
    String basic =
        Base64.getEncoder()
            .encodeToString(("reviewer:" + REVIEWER_PASSWORD).getBytes(StandardCharsets.UTF_8));
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Basic " + basic)
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  /**
   * kill -9: the JVM gets SIGKILL, no shutdown hook runs. Answers the exit value (137 = 128 + 9
   * when the process died of signal 9).
   */
  int killHard() throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -9 " + process.pid() + " failed");
    }
    process.waitFor(30, TimeUnit.SECONDS);
    return process.exitValue();
  }

  /** Stops it normally (SIGTERM), then forcibly if it does not end within 20 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The size of NAME's log so far (0 before its first start): where this run's lines begin. */
  static long logSize(String name) throws IOException {
    Path log = Path.of("target", "it-logs", name + ".log");
    return Files.exists(log) ? Files.size(log) : 0;
  }

  /** The non-empty lines NAME's log gained after {@code offset} bytes. */
  static List<String> logSince(String name, long offset) throws IOException {
    byte[] all = Files.readAllBytes(Path.of("target", "it-logs", name + ".log"));
    return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8)
        .lines()
        .filter(l -> !l.isBlank())
        .toList();
  }
}
