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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear error, never a crash: every example plan with one of its fields removed,
 * emptied or given a value of the wrong kind or size (drawn from a fixed seed) is either evaluated
 * or refused as an {@link InvalidPlanException} that names a field — what the API answers with a
 * 422 or 400 problem and the CLI with its exit code 2. Any other exception would be a 500.
 */
class MutatedPlansTest {
  static final int MUTANTS = Integer.getInteger("mutants", 600);
  static final long SEED = Long.getLong("seed", 20261130L);
  static final ObjectMapper JSON = new ObjectMapper();

  static List<ObjectNode> examples = new ArrayList<>();

  @BeforeAll
  static void load() throws IOException {
    RecommendationPropertyTest.load();
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      for (Path f : files.sorted().toList()) {
        ObjectMapper reader = f.toString().endsWith(".json") ? JSON : new YAMLMapper();
        examples.add((ObjectNode) reader.readTree(Files.readString(f)));
      }
    }
  }

  @Test
  void aMutatedPlanIsEvaluatedOrRefusedNamingAField() throws IOException {
    Random random = new Random(SEED);
    List<String> crashes = new ArrayList<>();
    int evaluated = 0;
    for (int i = 0; i < MUTANTS; i++) {
      ObjectNode plan = examples.get(random.nextInt(examples.size())).deepCopy();
      String mutation = JsonMutations.mutate(plan, random);
      String body = JSON.writeValueAsString(plan);
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
    // Both answers occur: the mutations reach the evaluation, not only the reader.
    assertThat(evaluated).isBetween(MUTANTS / 10, MUTANTS - MUTANTS / 10);
  }
}
