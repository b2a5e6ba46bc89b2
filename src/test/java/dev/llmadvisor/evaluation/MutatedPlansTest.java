package dev.llmadvisor.evaluation;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear error, never a crash: an example or fixture plan with one to three of its
 * fields removed, emptied or given a value of the wrong kind or size (drawn from a fixed seed), or
 * the fine-tune of docs/examples whose plan carries its own architecture, is either evaluated or
 * refused as an {@link InvalidPlanException} that names a field — what the API answers with a 422
 * or 400 problem and the CLI with its exit code 2. Any other exception would be a 500.
 */
class MutatedPlansTest {
  static final int MUTANTS = Integer.getInteger("mutants", 600);
  static final long SEED = Long.getLong("seed", 20261130L);
  static final ObjectMapper JSON = new ObjectMapper();

  static List<ObjectNode> examples = new ArrayList<>();

  @BeforeAll
  static void load() throws IOException {
    RecommendationPropertyTest.load();
    YAMLMapper yaml = new YAMLMapper();
    for (Object[] named : RecommendationPropertyTest.plans()) {
      examples.add((ObjectNode) RecommendationPropertyTest.JSON.valueToTree(named[1]));
    }
    // A plan that brings its own architecture (a fine-tune the catalogue does not know).
    examples.add(
        (ObjectNode) yaml.readTree(Files.readString(Path.of("docs/examples/support-bot-eu.yaml"))));
  }

  @Test
  void aMutatedPlanIsEvaluatedOrRefusedNamingAField() throws IOException {
    Random random = new Random(SEED);
    List<String> crashes = new ArrayList<>();
    int evaluated = 0;
    for (int i = 0; i < MUTANTS; i++) {
      JsonMutations.Mutant mutant = JsonMutations.mutant(examples, random);
      String mutation = mutant.mutation();
      String body = JSON.writeValueAsString(mutant.document());
      try {
        RecommendationPropertyTest.advisor.evaluate(PlanReader.read(body, PlanReader.Format.JSON));
        evaluated++;
      } catch (InvalidPlanException e) {
        if (!e.unreadable() && e.errors().isEmpty()) {
          crashes.add(mutation + ": refused without naming a field: " + e.getMessage());
        }
      } catch (RuntimeException e) {
        crashes.add(mutation + ": " + e);
      }
    }
    assertThat(crashes).as("mutated plans that would be a 500").isEmpty();
    // Both answers occur: some mutations reach the evaluation, not only the reader (about 7 % of
    // them: a fixture plan is short, so most mutations hit a field every plan needs).
    assertThat(evaluated).isBetween(MUTANTS / 25, MUTANTS - MUTANTS / 25);
  }
}
