package dev.llmadvisor.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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
  static final String MODELS = "models";

  private ShippedModel() {}

  /** The rule base of the shipped model, when {@code texts} are the files it was built from. */
  static Optional<KieBase> kieBase(Map<String, byte[]> texts) {
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
    if (!digest(texts).equals(built.getProperty(DIGEST))) {
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
    return Optional.of(KieBaseBuilder.createKieBaseFromModel(models));
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
