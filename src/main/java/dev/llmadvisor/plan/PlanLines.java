package dev.llmadvisor.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each field of a plan's text sits: dotted field path ({@code engine.maxModelLen}, {@code
 * model.mergedFrom[0].licence}) to its 1-based line, so that a finding on a field can point at the
 * line a reviewer must change.
 */
public final class PlanLines {
  private final Map<String, Integer> lines;

  private PlanLines(Map<String, Integer> lines) {
    this.lines = lines;
  }

  /** The lines of a plan's text; empty when the text does not parse (it was then refused). */
  public static PlanLines of(String text, PlanReader.Format format) {
    JsonFactory factory = format == PlanReader.Format.YAML ? new YAMLFactory() : new JsonFactory();
    Map<String, Integer> lines = new HashMap<>();
    Deque<Frame> open = new ArrayDeque<>();
    try (JsonParser p = factory.createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        int line = p.currentTokenLocation().getLineNr();
        switch (t) {
          case FIELD_NAME -> {
            Frame object = open.peek();
            object.field =
                object.path.isEmpty() ? p.currentName() : object.path + "." + p.currentName();
            lines.putIfAbsent(object.field, line);
          }
          case START_OBJECT, START_ARRAY -> {
            String path = valuePath(open, lines, line);
            open.push(new Frame(path, t == JsonToken.START_ARRAY));
          }
          case END_OBJECT, END_ARRAY -> {
            open.pop();
            valueEnded(open);
          }
          default -> {
            valuePath(open, lines, line);
            valueEnded(open);
          }
        }
      }
    } catch (IOException e) {
      return new PlanLines(Map.of());
    }
    return new PlanLines(Map.copyOf(lines));
  }

  /** An open object or array and where it sits; {@code field} is the object's current field. */
  private static final class Frame {
    final String path;
    final boolean array;
    String field;
    int index;

    Frame(String path, boolean array) {
      this.path = path;
      this.array = array;
    }
  }

  /** The path of the value starting now; an array element's line is recorded as it starts. */
  private static String valuePath(Deque<Frame> open, Map<String, Integer> lines, int line) {
    Frame in = open.peek();
    if (in == null) {
      return "";
    }
    if (!in.array) {
      return in.field;
    }
    String element = in.path + "[" + in.index + "]";
    lines.putIfAbsent(element, line);
    return element;
  }

  private static void valueEnded(Deque<Frame> open) {
    Frame in = open.peek();
    if (in != null && in.array) {
      in.index++;
    }
  }

  /**
   * The lines of the plan nested under {@code field} of a larger document (a rule fixture's {@code
   * plan}), by the plan's own field paths.
   */
  public PlanLines under(String field) {
    String prefix = field + ".";
    Map<String, Integer> nested = new HashMap<>();
    lines.forEach(
        (path, line) -> {
          if (path.startsWith(prefix)) {
            nested.put(path.substring(prefix.length()), line);
          }
        });
    return new PlanLines(Map.copyOf(nested));
  }

  /**
   * The line of a field, or of its nearest parent the text has (a defaulted {@code
   * engine.maxModelLen} points at {@code engine}); null when none is in the text.
   */
  public Integer lineOf(String field) {
    for (String f = field; f != null && !f.isEmpty(); f = parent(f)) {
      Integer line = lines.get(f);
      if (line != null) {
        return line;
      }
    }
    return null;
  }

  private static String parent(String field) {
    int dot = Math.max(field.lastIndexOf('.'), field.lastIndexOf('['));
    return dot < 0 ? null : field.substring(0, dot);
  }
}
