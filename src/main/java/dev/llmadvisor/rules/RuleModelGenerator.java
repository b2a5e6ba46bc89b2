package dev.llmadvisor.rules;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;

/**
 * Build step (Maven's {@code process-classes}, see pom.xml): compiles {@code rules/} to Drools'
 * executable model and writes its classes and {@link ShippedModel#RESOURCE} into the application's
 * classes. Fails the build when a rule compiles as DRL but not to the model, since the shipped
 * rules must run the same both ways ({@code ExecutableModelTest}). Never runs in the application:
 * its compiler ({@code drools-model-codegen}) is a build-time dependency only.
 *
 * <p>Arguments: the rules folder, the classes folder.
 */
public final class RuleModelGenerator {
  private RuleModelGenerator() {}

  public static void main(String[] args) throws IOException {
    Path rules = Path.of(args[0]);
    Path classes = Path.of(args[1]);
    Map<String, byte[]> texts = RuleBase.read(rules);
    String digest = ShippedModel.digest(texts);
    Path resource = classes.resolve(ShippedModel.RESOURCE);
    Properties previous = properties(resource);
    if (digest.equals(previous.getProperty(ShippedModel.DIGEST))
        && ShippedModel.FORMAT_VERSION.equals(previous.getProperty(ShippedModel.FORMAT))) {
      System.out.println("rules model: up to date (" + digest.substring(0, 12) + ")");
      return;
    }
    long start = System.nanoTime();
    // Before the build: the compiler would take a type the rules declare, found on the class path
    // from the model before, as an existing class and not write it again.
    removePrevious(classes, previous);
    KieServices services = KieServices.Factory.get();
    KieFileSystem files = services.newKieFileSystem();
    texts.forEach((source, text) -> files.write("src/main/resources/" + source, text));
    KieBuilder builder = services.newKieBuilder(files);
    try {
      builder.buildAll(ExecutableModelProject.class);
    } catch (RuntimeException e) {
      throw failure(builder, e);
    }
    if (builder.getResults().hasMessages(Message.Level.ERROR)) {
      throw failure(builder, null);
    }
    InternalKieModule module = (InternalKieModule) builder.getKieModule();
    List<String> models = new ArrayList<>();
    int written = 0;
    for (String name : module.getFileNames()) {
      if (name.endsWith(".class")) {
        Path target = classes.resolve(name);
        Files.createDirectories(target.getParent());
        Files.write(target, module.getBytes(name));
        written++;
      } else if (name.endsWith("/drools-model")) {
        String listing = new String(module.getBytes(name), StandardCharsets.UTF_8);
        // The first line is the model's version; each further line a Model class.
        listing.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).forEach(models::add);
      }
    }
    Properties built = new Properties();
    built.setProperty(ShippedModel.FORMAT, ShippedModel.FORMAT_VERSION);
    built.setProperty(ShippedModel.DIGEST, digest);
    built.setProperty(ShippedModel.MODELS, String.join(",", models));
    // Where each rule is declared, so that a start does not parse the DRL again to find it.
    RuleLines.of(texts)
        .forEach(
            (rule, place) ->
                built.setProperty(
                    ShippedModel.DECLARED + rule, place.line() + ":" + place.source()));
    Files.createDirectories(resource.getParent());
    try (OutputStream out = Files.newOutputStream(resource)) {
      built.store(out, "the shipped rules/ as Drools' executable model (RuleModelGenerator)");
    }
    System.out.printf(
        "rules model: %d files, %d models, %d classes in %d ms%n",
        texts.size(), models.size(), written, (System.nanoTime() - start) / 1_000_000);
  }

  private static Properties properties(Path resource) throws IOException {
    Properties p = new Properties();
    if (Files.exists(resource)) {
      try (var in = Files.newInputStream(resource)) {
        p.load(in);
      }
    }
    return p;
  }

  /** The packages of the model built before (their classes would otherwise pile up). */
  private static void removePrevious(Path classes, Properties previous) throws IOException {
    for (String model : previous.getProperty(ShippedModel.MODELS, "").split(",")) {
      int dot = model.lastIndexOf('.');
      if (dot <= 0) {
        continue;
      }
      Path pkg = classes.resolve(model.substring(0, dot).replace('.', '/'));
      if (Files.isDirectory(pkg)) {
        try (Stream<Path> walk = Files.walk(pkg)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    }
  }

  /** Thrown, not exited: the build step runs inside Maven's JVM, which reports it. */
  private static IllegalStateException failure(KieBuilder builder, RuntimeException cause) {
    StringBuilder text =
        new StringBuilder("rules/ compiles as DRL but not to Drools' executable model:");
    for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
      text.append(String.format("%n  %s:%d: %s", m.getPath(), m.getLine(), m.getText().strip()));
    }
    return new IllegalStateException(text.toString(), cause);
  }
}
