package dev.llmadvisor.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Seeded damage to a JSON or YAML document, for tests that bad input is refused by name and never
 * crashes: one to three fields, at any depth, removed or replaced by a value of another kind or out
 * of any range.
 */
public final class JsonMutations {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What a mutated field becomes: absent, empty, another kind, or out of any range. */
  public static final List<JsonNode> VALUES =
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

  private JsonMutations() {}

  /** A damaged copy of one document, and what was done to it. */
  public record Mutant(ObjectNode document, String mutation) {}

  /** Draws one of {@code documents}, copies it and mutates the copy; the originals stay whole. */
  public static Mutant mutant(List<ObjectNode> documents, Random random) {
    ObjectNode copy = documents.get(random.nextInt(documents.size())).deepCopy();
    return new Mutant(copy, mutate(copy, random));
  }

  /** Every document of a folder, by name: {@code .json} files as JSON, the others as YAML. */
  public static List<ObjectNode> documents(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectMapper yaml = new YAMLMapper();
    List<ObjectNode> documents = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        ObjectMapper reader = f.toString().endsWith(".json") ? json : yaml;
        documents.add((ObjectNode) reader.readTree(Files.readString(f)));
      }
    }
    return documents;
  }

  /** Mutates one to three fields of {@code document} in place; says which, and how. */
  public static String mutate(ObjectNode document, Random random) {
    // A second fault may hide behind the first one's check.
    String mutation = mutateOne(document, random);
    for (int more = random.nextInt(3); more > 0; more--) {
      mutation += "; " + mutateOne(document, random);
    }
    return mutation;
  }

  /** Replaces one field or array item, at any depth, with one of {@link #VALUES}, or removes it. */
  private static String mutateOne(ObjectNode document, Random random) {
    List<String> paths = new ArrayList<>();
    collect(document, "", paths);
    if (paths.isEmpty()) {
      return "(nothing left to mutate)";
    }
    String path = paths.get(random.nextInt(paths.size()));
    int slash = path.lastIndexOf('/');
    JsonNode parent = document.at(path.substring(0, slash));
    String name = path.substring(slash + 1);
    boolean remove = random.nextInt(VALUES.size() + 1) == 0;
    JsonNode value = VALUES.get(random.nextInt(VALUES.size()));
    if (parent instanceof ObjectNode object) {
      if (remove) {
        object.remove(name);
      } else {
        object.set(name, value);
      }
    } else if (parent instanceof ArrayNode array && Integer.parseInt(name) < array.size()) {
      if (remove) {
        array.remove(Integer.parseInt(name));
      } else {
        array.set(Integer.parseInt(name), value);
      }
    } else {
      return path + " (gone with an earlier mutation)";
    }
    return path + (remove ? " removed" : " = " + value);
  }

  /** Every field's and array item's JSON pointer, containers and leaves alike. */
  private static void collect(JsonNode node, String at, List<String> paths) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        // A field name with '/' or '~' would need escaping in a pointer: none of ours has one.
        String path = at + "/" + e.getKey();
        paths.add(path);
        collect(e.getValue(), path, paths);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        String path = at + "/" + i;
        paths.add(path);
        collect(array.get(i), path, paths);
      }
    }
  }
}
