package dev.llmadvisor.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.definition.rule.Rule;

/**
 * The {@code rules/*.drl} files compiled at run time into one immutable {@link KieBase}, with each
 * rule's metadata read and checked. A compile error or a rule without its metadata is a {@link
 * RuleSetException}: a rule set is whole or it does not serve.
 */
public final class RuleBase {
  private static final AtomicLong BUILDS = new AtomicLong();

  static {
    DroolsLogging.quietUnlessConfigured();
  }

  private final KieBase kieBase;
  private final List<RuleInfo> rules;
  private final Set<String> globals;

  private RuleBase(KieBase kieBase, List<RuleInfo> rules) {
    this.kieBase = kieBase;
    this.rules = rules;
    Set<String> declared = new HashSet<>();
    for (KiePackage pkg : kieBase.getKiePackages()) {
      for (Global g : pkg.getGlobalVariables()) {
        declared.add(g.getName());
      }
    }
    this.globals = Set.copyOf(declared);
  }

  /** The globals the rules declare, read once (a session sets only these). */
  Set<String> globals() {
    return globals;
  }

  public KieBase kieBase() {
    return kieBase;
  }

  /** Every rule, sorted by id. */
  public List<RuleInfo> rules() {
    return rules;
  }

  public static RuleBase compile(Path dir) {
    List<Path> files = drlFiles(dir);
    KieServices ks = KieServices.Factory.get();
    KieFileSystem kfs = ks.newKieFileSystem();
    // A fresh release id per build, so that rebuilding never reuses a cached container.
    ReleaseId releaseId =
        ks.newReleaseId("dev.llmadvisor", "rules", "1.0." + BUILDS.incrementAndGet());
    kfs.generateAndWritePomXML(releaseId);
    Map<String, byte[]> texts = new HashMap<>();
    for (Path file : files) {
      try {
        byte[] text = Files.readAllBytes(file);
        texts.put("rules/" + file.getFileName(), text);
        kfs.write(
            "src/main/resources/rules/" + file.getFileName(),
            ks.getResources().newByteArrayResource(text));
      } catch (IOException e) {
        throw new RuleSetException(
            List.of("rules/" + file.getFileName() + ": cannot read: " + e.getMessage()));
      }
    }
    KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
    List<String> problems = new ArrayList<>();
    for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
      String path =
          m.getPath() == null
              ? "rules/?"
              : m.getPath().substring(m.getPath().lastIndexOf("rules/"));
      problems.add(path + ":" + m.getLine() + ":" + m.getColumn() + ": " + m.getText().strip());
    }
    if (!problems.isEmpty()) {
      throw new RuleSetException(problems);
    }
    KieBase base = ks.newKieContainer(releaseId).getKieBase();
    Map<String, Map<String, Integer>> lines = new HashMap<>();
    texts.forEach(
        (source, text) ->
            lines.put(source, RuleLines.of(new String(text, StandardCharsets.UTF_8))));
    Map<String, String> ids = new HashMap<>();
    List<RuleInfo> infos = new ArrayList<>();
    for (KiePackage pkg : base.getKiePackages()) {
      for (Rule rule : pkg.getRules()) {
        String source = RuleMetadata.source(rule);
        Integer line = lines.getOrDefault(source, Map.of()).get(rule.getName());
        List<String> ruleProblems = RuleMetadata.problems(rule, ids);
        for (String problem : ruleProblems) {
          // "rules/x.drl: rule ..." becomes "rules/x.drl:12: rule ...", like a compile error.
          problems.add(
              line != null && problem.startsWith(source + ": ")
                  ? source + ":" + line + problem.substring(source.length())
                  : problem);
        }
        if (ruleProblems.isEmpty()) {
          if (line == null) {
            // Both come from Drools' own parser, so this is a bug here, not in the rule.
            throw new IllegalStateException(
                source + ": no declaration found for rule \"" + rule.getName() + "\"");
          }
          infos.add(RuleMetadata.read(rule, line));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new RuleSetException(problems);
    }
    infos.sort(Comparator.comparing(RuleInfo::id));
    return new RuleBase(base, List.copyOf(infos));
  }

  private static List<Path> drlFiles(Path dir) {
    try (Stream<Path> listing = Files.list(dir)) {
      List<Path> files = listing.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
      if (files.isEmpty()) {
        throw new RuleSetException(List.of(dir + ": no .drl files"));
      }
      return files;
    } catch (IOException e) {
      throw new RuleSetException(List.of(dir + ": cannot list rules: " + e.getMessage()));
    }
  }
}
