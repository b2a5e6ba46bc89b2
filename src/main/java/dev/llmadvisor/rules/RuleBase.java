package dev.llmadvisor.rules;

import dev.llmadvisor.catalogue.PlanValues;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.drools.compiler.compiler.DescrBuildError;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.io.ResourceFactory;

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
  private final boolean shippedModel;
  private final KieSessionsPool sessions;

  /** The files compiled, by source name: later checks read these, not the folder again. */
  private final Map<String, byte[]> texts;

  private RuleBase(
      KieBase kieBase, List<RuleInfo> rules, boolean shippedModel, Map<String, byte[]> texts) {
    this.kieBase = kieBase;
    this.texts = texts;
    // Sessions are reset and reused rather than built per evaluation: building a session's node
    // memories was a quarter of an evaluation's time (docs/benchmarks.md). The pool grows on
    // demand.
    this.sessions = kieBase.newKieSessionsPool(4);
    this.rules = rules;
    this.shippedModel = shippedModel;
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

  /**
   * Whether the rules are the executable model the build compiled (the shipped files, unchanged)
   * rather than a compile of the DRL at load.
   */
  public boolean shippedModel() {
    return shippedModel;
  }

  /**
   * Every literal the rules compare a declared plan field with that is not one of its {@code
   * declared} values ({@link PlanValueCheck}), read from the files this base was compiled from: the
   * catalogue may change while the rules stay, so this is asked of each catalogue read.
   */
  public List<RuleProblem> undeclaredValues(Collection<PlanValues> declared) {
    return PlanValueCheck.check(texts, declared);
  }

  /** A stateless session whose working memory comes from, and returns to, this base's pool. */
  StatelessKieSession newSession() {
    return sessions.newStatelessKieSession();
  }

  public KieBase kieBase() {
    return kieBase;
  }

  /** Every rule, sorted by id. */
  public List<RuleInfo> rules() {
    return rules;
  }

  public static RuleBase compile(Path dir) {
    Map<String, byte[]> texts = read(dir);
    // The shipped files load the model the build compiled them to; any other files are compiled.
    Optional<ShippedModel.Loaded> shipped = ShippedModel.load(texts);
    if (shipped.isPresent()) {
      return withMetadata(shipped.get().kieBase(), shipped.get().places(), true, texts);
    }
    Map<String, PackageDescr> parsed = new LinkedHashMap<>();
    KieBase compiled = compileDrl(texts, parsed);
    return withMetadata(compiled, RuleLines.declared(parsed), false, texts);
  }

  /** Each {@code .drl} of {@code dir} by its source name ({@code rules/<file>}), sorted. */
  static Map<String, byte[]> read(Path dir) {
    Map<String, byte[]> texts = new LinkedHashMap<>();
    for (Path file : drlFiles(dir)) {
      String source = "rules/" + file.getFileName();
      try {
        texts.put(source, Files.readAllBytes(file));
      } catch (IOException e) {
        throw new RuleSetException(
            List.of(new RuleProblem(source, null, null, "cannot read: " + e.getMessage())));
      }
    }
    return texts;
  }

  /** Compiles {@code texts}, leaving in {@code parsed} each file's parse (where rules are). */
  private static KieBase compileDrl(Map<String, byte[]> texts, Map<String, PackageDescr> parsed) {
    // A syntax error first and alone: the compiler would go on to report every type the broken
    // file declares and every rule of other files that uses one, far from the mistake.
    List<RuleProblem> problems = syntaxErrors(texts, parsed);
    if (!problems.isEmpty()) {
      throw new RuleSetException(sorted(problems));
    }
    KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
    CompositeKnowledgeBuilder batch = builder.batch();
    texts.forEach((source, text) -> batch.add(resource(source, text), ResourceType.DRL));
    batch.build();
    for (KnowledgeBuilderResult error : builder.getResults(ResultSeverity.ERROR)) {
      problems.add(problem(error));
    }
    if (!problems.isEmpty()) {
      throw new RuleSetException(sorted(problems));
    }
    return builder.newKieBase();
  }

  /** Every rule's metadata read and checked, and where each rule is declared. */
  private static RuleBase withMetadata(
      KieBase base,
      Map<String, RuleLines.Place> places,
      boolean shippedModel,
      Map<String, byte[]> texts) {
    List<RuleProblem> problems = new ArrayList<>();
    Map<String, String> ids = new HashMap<>();
    List<RuleInfo> infos = new ArrayList<>();
    for (KiePackage pkg : base.getKiePackages()) {
      for (Rule rule : pkg.getRules()) {
        // Where the rule is declared, from the files: the executable model's rules keep no
        // resource to ask.
        RuleLines.Place place = places.get(RuleLines.key(pkg.getName(), rule.getName()));
        String source = place == null ? RuleMetadata.source(rule) : place.source();
        Integer line = place == null ? null : place.line();
        List<String> ruleProblems = RuleMetadata.problems(rule, ids);
        for (String problem : ruleProblems) {
          problems.add(new RuleProblem(source, line, null, problem));
        }
        if (ruleProblems.isEmpty()) {
          if (line == null) {
            // Both come from Drools' own parser, so this is a bug here, not in the rule.
            throw new IllegalStateException(
                source + ": no declaration found for rule \"" + rule.getName() + "\"");
          }
          RuleInfo info = RuleMetadata.read(rule, source, line);
          // Read once here, not at every finding the rule makes (Findings.finding).
          RuleMetadata.keep(rule, info);
          infos.add(info);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new RuleSetException(sorted(problems));
    }
    infos.sort(Comparator.comparing(RuleInfo::id));
    return new RuleBase(base, List.copyOf(infos), shippedModel, texts);
  }

  private static Resource resource(String source, byte[] text) {
    Resource resource = ResourceFactory.newByteArrayResource(text);
    resource.setSourcePath(source);
    return resource;
  }

  /**
   * Each file parsed on its own, so that a syntax error is reported in the file that has it; each
   * parse is kept in {@code parsed}.
   */
  private static List<RuleProblem> syntaxErrors(
      Map<String, byte[]> texts, Map<String, PackageDescr> parsed) {
    List<RuleProblem> problems = new ArrayList<>();
    texts.forEach(
        (source, text) -> {
          DrlParser parser = new DrlParser();
          try {
            PackageDescr pkg =
                parser.parse(
                    resource(source, text),
                    new InputStreamReader(new ByteArrayInputStream(text), StandardCharsets.UTF_8));
            if (pkg != null) {
              parsed.put(source, pkg);
            }
          } catch (DroolsParserException e) {
            problems.add(new RuleProblem(source, null, null, e.getMessage()));
            return;
          }
          List<RuleProblem> inFile = new ArrayList<>();
          for (DroolsError error : parser.getErrors()) {
            inFile.add(problem(source, error));
          }
          // "Parser returned a null Package" and the like follow from a located error: drop them.
          if (inFile.stream().anyMatch(p -> p.line() != null)) {
            inFile.removeIf(p -> p.line() == null);
          }
          problems.addAll(inFile);
        });
    return problems;
  }

  /** Drools' ParserError and DescrBuildError carry a column (from 0); other results a line. */
  private static RuleProblem problem(KnowledgeBuilderResult result) {
    String source = result.getResource() == null ? null : result.getResource().getSourcePath();
    return problem(source, result);
  }

  private static RuleProblem problem(String source, KnowledgeBuilderResult result) {
    int line = result.getLines().length > 0 ? result.getLines()[0] : -1;
    int column = -1;
    if (result instanceof ParserError parse) {
      line = parse.getRow();
      column = parse.getCol();
    } else if (result instanceof DescrBuildError descr) {
      column = descr.getColumn();
      BaseDescr parent = descr.getParentDescr();
      if (line <= 0 && parent != null) {
        // A constraint the analyser could not place: point at its rule instead.
        line = parent.getLine();
        column = parent.getColumn();
      }
    }
    return new RuleProblem(
        source, line, column >= 0 ? column + 1 : null, withoutPosition(result.getMessage()));
  }

  /**
   * Drools repeats the place inside its message ("Line 25:2 mismatched input", "[Line: 66, Column:
   * 2]"), counting columns from 0: the problem carries the place, counted from 1, so the repeat
   * would only disagree with it.
   */
  static String withoutPosition(String message) {
    return LINE_COLUMN_TRAILER
        .matcher(LINE_COLUMN_PREFIX.matcher(message.strip()).replaceFirst("$1"))
        .replaceAll("")
        .strip();
  }

  private static final Pattern LINE_COLUMN_PREFIX =
      Pattern.compile("^(\\[ERR \\d+\\] )?Line \\d+:\\d+ ");
  private static final Pattern LINE_COLUMN_TRAILER =
      Pattern.compile("\\s*\\[Line: \\d+, Column: \\d+\\]\\s*$");

  private static List<RuleProblem> sorted(List<RuleProblem> problems) {
    return problems.stream()
        .sorted(
            Comparator.comparing(
                    RuleProblem::file, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                .thenComparing(RuleProblem::line, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(
                    RuleProblem::column, Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
  }

  private static List<Path> drlFiles(Path dir) {
    try (Stream<Path> listing = Files.list(dir)) {
      List<Path> files = listing.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
      if (files.isEmpty()) {
        throw RuleSetException.of(dir + ": no .drl files");
      }
      return files;
    } catch (IOException e) {
      throw RuleSetException.of(dir + ": cannot list rules: " + e.getMessage());
    }
  }
}
