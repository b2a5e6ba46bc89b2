package dev.llmadvisor.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.plan.JsonMutations;
import dev.llmadvisor.plan.PlanReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
    ObjectMapper json = new ObjectMapper();
    List<ObjectNode> requests = JsonMutations.documents(Path.of("requests"));
    Random random = new Random(SEED);
    List<String> crashes = new ArrayList<>();
    int searched = 0;
    for (int i = 0; i < MUTANTS; i++) {
      JsonMutations.Mutant mutant = JsonMutations.mutant(requests, random);
      String mutation = mutant.mutation();
      try {
        WhatIfRequest r =
            PlanReader.read(
                json.writeValueAsString(mutant.document()),
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
