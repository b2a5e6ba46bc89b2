package dev.llmadvisor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.llmadvisor.plan.InvalidPlanException;
import dev.llmadvisor.plan.PlanReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What a mutated field becomes: absent, empty, another kind, or out of any range. */
  static final List<JsonNode> VALUES =
      List.of(
          NODES.nullNode(),
          NODES.textNode(""),
          NODES.textNode("x"),
          NODES.numberNode(0),
          NODES.numberNode(1),
          NODES.numberNode(3),
          NODES.numberNode(-1),
          NODES.numberNode(0.5),
          NODES.numberNode(2_147_483_648L),
          NODES.numberNode(1e300),
          NODES.booleanNode(true),
          NODES.arrayNode(),
          NODES.objectNode());

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
      // One to three fields at once: a second fault may hide behind the first one's check.
      String mutation = mutate(plan, random);
      for (int more = random.nextInt(3); more > 0; more--) {
        mutation += "; " + mutate(plan, random);
      }
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

  /** Replaces one field, at any depth, with one of {@link #VALUES}, or removes it. */
  static String mutate(ObjectNode plan, Random random) {
    List<String> paths = new ArrayList<>();
    collect(plan, "", paths);
    if (paths.isEmpty()) {
      return "(nothing left to mutate)";
    }
    String path = paths.get(random.nextInt(paths.size()));
    int slash = path.lastIndexOf('/');
    if (!(plan.at(path.substring(0, slash)) instanceof ObjectNode parent)) {
      return path + " (its parent was replaced)";
    }
    String name = path.substring(slash + 1);
    if (random.nextInt(VALUES.size() + 1) == 0) {
      parent.remove(name);
      return path + " removed";
    }
    JsonNode value = VALUES.get(random.nextInt(VALUES.size()));
    parent.set(name, value);
    return path + " = " + value;
  }

  /** Every field's JSON pointer, objects and leaves alike. */
  static void collect(JsonNode node, String at, List<String> paths) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String path = at + "/" + e.getKey();
        paths.add(path);
        collect(e.getValue(), path, paths);
      }
    } else if (node instanceof ArrayNode) {
      // An array's items are mutated as a whole through the array's own field.
    }
  }
}
