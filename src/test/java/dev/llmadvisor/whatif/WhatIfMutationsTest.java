package dev.llmadvisor.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.plan.JsonMutations;
import dev.llmadvisor.plan.PlanReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A damaged what-if request is searched or refused naming a field, never a crash: each request of
 * {@code requests/} with one to three fields removed, emptied, of the wrong kind or out of range,
 * drawn from a fixed seed, gives a {@link WhatIfResult} or an {@link InvalidPlanException} with its
 * fields — the API's 200 or 422.
 */
class WhatIfMutationsTest {
  static final int MUTANTS = Integer.getInteger("mutants", 60);
  static final long SEED = Long.getLong("seed", 20261130L);

  @Test
  void aDamagedRequestIsSearchedOrRefusedNamingAField() throws IOException {
    WhatIfSearchTest.load();
    YAMLMapper yaml = new YAMLMapper();
    ObjectMapper json = new ObjectMapper();
    List<ObjectNode> requests = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("requests"))) {
      for (Path f : files.sorted().toList()) {
        requests.add((ObjectNode) yaml.readTree(Files.readString(f)));
      }
    }
    Random random = new Random(SEED);
    List<String> crashes = new ArrayList<>();
    int searched = 0;
    for (int i = 0; i < MUTANTS; i++) {
      ObjectNode request = requests.get(random.nextInt(requests.size())).deepCopy();
      String mutation = JsonMutations.mutate(request, random);
      try {
        WhatIfRequest r =
            PlanReader.read(
                json.writeValueAsString(request),
                PlanReader.Format.JSON,
                WhatIfRequest.class,
                "request",
                "a what-if request");
        WhatIfSearchTest.advisor.recommend(r);
        searched++;
      } catch (InvalidPlanException e) {
        if (e.errors().isEmpty() && !e.unreadable()) {
          crashes.add(mutation + ": refused without naming a field: " + e.getMessage());
        }
      } catch (RuntimeException e) {
        crashes.add(mutation + ": " + e);
      }
    }
    assertThat(crashes).as("damaged requests that would be a 500").isEmpty();
    assertThat(searched).as("mutants searched").isPositive();
  }
}
