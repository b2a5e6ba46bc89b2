package dev.llmadvisor.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost (issue 11, item 6): three clients post evaluations and waivers to
 * the packaged service on an H2 file; the service is killed with {@code kill -9} while they do;
 * restarted on the same data directory, it has every decision and waiver whose 2xx a client
 * received.
 */
class DecisionLogDurabilityIT {

  @Test
  void everyAcknowledgedDecisionAndWaiverSurvivesKillMinus9(@TempDir Path dataDir)
      throws Exception {
    String plan = Files.readString(Path.of("examples", "support-assistant.yaml"));
    Map<String, String> env = Map.of("ADVISOR_DATA_DIR", dataDir.toString());
    Set<String> decisions = ConcurrentHashMap.newKeySet();
    Set<String> waivers = ConcurrentHashMap.newKeySet();
    Set<String> errors = ConcurrentHashMap.newKeySet();
    AtomicBoolean killed = new AtomicBoolean();
    String expiresAt =
        Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

    int exit;
    try (PackagedService service = PackagedService.start("durability-1", env)) {
      List<Thread> clients = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int client = t;
        Thread thread =
            new Thread(
                () -> {
                  // until the service dies: each request either gets its answer or an I/O error
                  for (int n = 0; ; n++) {
                    try {
                      if (n % 4 == 3) {
                        HttpResponse<String> r =
                            service.postJsonAsReviewer(
                                "/api/v1/waivers",
                                """
                                    {"ruleId": "LICENCE-USER-THRESHOLD-EXCEEDED",
                                     "scope": {"planName": "durability-it-%d-%d"},
                                     "reason": "durability test", "ticket": "IT-%d-%d",
                                     "expiresAt": "%s"}"""
                                    .formatted(client, n, client, n, expiresAt));
                        if (r.statusCode() / 100 == 2) {
                          waivers.add(PackagedService.json(r).get("id").asText());
                        }
                      } else {
                        HttpResponse<String> r = service.postYaml("/api/v1/evaluations", plan);
                        if (r.statusCode() / 100 == 2) {
                          decisions.add(PackagedService.json(r).get("decisionId").asText());
                        }
                      }
                    } catch (RuntimeException e) {
                      if (killed.get() || !service.process.isAlive()) {
                        return; // the connection ended with the process
                      }
                      errors.add(e.toString());
                    }
                  }
                });
        thread.start();
        clients.add(thread);
      }
      // ~3 s of load, longer if the cold service has not yet acknowledged a few of each (30 s at
      // most)
      long start = System.nanoTime();
      while (System.nanoTime() - start < 30_000_000_000L
          && (System.nanoTime() - start < 3_000_000_000L
              || decisions.size() < 5
              || waivers.isEmpty())) {
        Thread.sleep(100);
      }
      killed.set(true);
      exit = service.killHard();
      for (Thread client : clients) {
        client.join(30_000);
      }
    }
    // 137 = 128 + 9: the JVM died of SIGKILL, no shutdown hook ran
    assertThat(exit).isEqualTo(137);
    assertThat(errors).as("errors while the service was alive").isEmpty();
    assertThat(decisions).hasSizeGreaterThan(3);
    assertThat(waivers).isNotEmpty();

    try (PackagedService restarted = PackagedService.start("durability-2", env)) {
      for (String id : decisions) {
        assertThat(restarted.get("/api/v1/decisions/" + id).statusCode())
            .as("decision %s", id)
            .isEqualTo(200);
      }
      for (String id : waivers) {
        assertThat(restarted.get("/api/v1/waivers/" + id).statusCode())
            .as("waiver %s", id)
            .isEqualTo(200);
      }
    }
    System.out.printf(
        "DecisionLogDurabilityIT: %d decisions and %d waivers acknowledged before kill -9, all found"
            + " after restart%n",
        decisions.size(), waivers.size());
  }
}
