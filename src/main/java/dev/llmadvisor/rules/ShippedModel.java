package dev.llmadvisor.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;

/**
 * The shipped {@code rules/} compiled to Drools' executable model when the application was built
 * ({@link RuleModelGenerator}, docs/benchmarks.md): plain classes on the class path, so a start
 * loads them instead of compiling the DRL, and constraints run as compiled lambdas rather than
 * interpreted MVEL. Used only when the rule files are byte for byte the ones it was built from; any
 * edit is compiled from the DRL as before.
 */
final class ShippedModel {
  /** Written by the build next to the model's classes. */
  static final String RESOURCE = "dev/llmadvisor/rules/shipped-model.properties";

  static final String DIGEST = "digest";

  /** What the properties hold: a build of another format is rebuilt, not read. */
  static final String FORMAT = "format";

  static final String FORMAT_VERSION = "1";
  static final String MODELS = "models";

  /** Prefix of one key per rule: its {@link RuleLines#key} → {@code line:source}. */
  static final String DECLARED = "declared.";

  /** The model's rule base, and where the files declare each rule. */
  record Loaded(KieBase kieBase, Map<String, RuleLines.Place> places) {}

  private ShippedModel() {}

  /** The shipped model, when {@code texts} are the files it was built from. */
  static Optional<Loaded> load(Map<String, byte[]> texts) {
    ClassLoader loader = ShippedModel.class.getClassLoader();
    Properties built = new Properties();
    try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return Optional.empty();
      }
      built.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!FORMAT_VERSION.equals(built.getProperty(FORMAT))
        || !digest(texts).equals(built.getProperty(DIGEST))) {
      return Optional.empty();
    }
    List<Model> models = new ArrayList<>();
    for (String name : built.getProperty(MODELS, "").split(",")) {
      try {
        models.add(
            (Model)
                Class.forName(name.strip(), true, loader).getDeclaredConstructor().newInstance());
      } catch (ReflectiveOperationException e) {
        // A jar whose properties name classes it does not hold was built wrongly: say so.
        throw new IllegalStateException(RESOURCE + " names a model class that fails to load", e);
      }
    }
    Map<String, RuleLines.Place> places = new HashMap<>();
    for (String key : built.stringPropertyNames()) {
      if (key.startsWith(DECLARED)) {
        String value = built.getProperty(key);
        int colon = value.indexOf(':');
        places.put(
            key.substring(DECLARED.length()),
            new RuleLines.Place(
                value.substring(colon + 1), Integer.parseInt(value.substring(0, colon))));
      }
    }
    return Optional.of(new Loaded(KieBaseBuilder.createKieBaseFromModel(models), places));
  }

  /** SHA-256 over each file's name and bytes, in the order given (sorted by name). */
  static String digest(Map<String, byte[]> texts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      texts.forEach(
          (source, text) -> {
            sha.update(source.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(text);
            sha.update((byte) 0);
          });
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
