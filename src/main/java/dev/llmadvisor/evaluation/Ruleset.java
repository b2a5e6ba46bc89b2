package dev.llmadvisor.evaluation;

import dev.llmadvisor.catalogue.CatalogueException;
import dev.llmadvisor.catalogue.CatalogueLoader;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.rules.RuleBase;
import dev.llmadvisor.rules.RuleProblem;
import dev.llmadvisor.rules.RuleSetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compiled rules and loaded catalogues that serve together, and their version: the SHA-256 of every
 * rule and catalogue file (names and contents, in name order).
 *
 * @param rulesVersion the same hash over the rule files alone: a reload whose rules are those of
 *     the serving ruleset keeps its compiled rules and reads only the catalogues again
 */
public record Ruleset(
    RuleBase rules, Catalogues catalogues, String version, Instant loadedAt, String rulesVersion) {
  /** Loads that find the files changed under them before giving up; the next try will come. */
  private static final int ATTEMPTS = 3;

  /**
   * Loads both folders. The version is the hash of the files that were read: the folders are hashed
   * before and after, and a load that saw them change (an editor saving while it ran) is done
   * again.
   *
   * @throws CatalogueException when a catalogue is invalid; problems in the rules found in the same
   *     pass are attached as a suppressed {@link RuleSetException}
   * @throws RuleSetException when the catalogues are valid and the rules are not, or when the files
   *     kept changing during every attempt
   */
  public static Ruleset load(Path rulesDir, Path cataloguesDir) {
    return load(rulesDir, cataloguesDir, null);
  }

  /**
   * As {@link #load(Path, Path)}, reusing the compiled rules of {@code serving} (when not null) if
   * the rule files are still the ones it was compiled from: an edit of a catalogue alone costs a
   * catalogue read, not a compile.
   */
  static Ruleset load(Path rulesDir, Path cataloguesDir, Ruleset serving) {
    for (int attempt = 1; ; attempt++) {
      String before = version(rulesDir, cataloguesDir);
      String rulesVersion = digest(List.of(rulesDir));
      RuleBase compiled =
          serving != null && serving.rulesVersion().equals(rulesVersion) ? serving.rules() : null;
      Ruleset loaded = loadOnce(rulesDir, cataloguesDir, before, rulesVersion, compiled);
      if (version(rulesDir, cataloguesDir).equals(before)) {
        return loaded;
      }
      if (attempt == ATTEMPTS) {
        throw RuleSetException.of(
            "rules and catalogues changed during each of "
                + ATTEMPTS
                + " attempts to load them; load again once the edits are saved");
      }
    }
  }

  /** Both folders read once; every problem of both is reported, not only the first folder's. */
  private static Ruleset loadOnce(
      Path rulesDir, Path cataloguesDir, String version, String rulesVersion, RuleBase compiled) {
    Catalogues catalogues = null;
    CatalogueException badCatalogues = null;
    try {
      catalogues = CatalogueLoader.load(cataloguesDir);
    } catch (CatalogueException e) {
      badCatalogues = e;
    }
    RuleBase rules = compiled;
    try {
      if (rules == null) {
        rules = RuleBase.compile(rulesDir);
      }
    } catch (RuleSetException e) {
      if (badCatalogues == null) {
        throw e;
      }
      badCatalogues.addSuppressed(e);
      throw badCatalogues;
    }
    if (badCatalogues != null) {
      throw badCatalogues;
    }
    List<RuleProblem> undeclared = rules.undeclaredValues(catalogues.planValues().all());
    if (!undeclared.isEmpty()) {
      throw new RuleSetException(undeclared);
    }
    return new Ruleset(rules, catalogues, version, Instant.now(), rulesVersion);
  }

  /** The number of rules, for reports and status. */
  public int ruleCount() {
    return rules.rules().size();
  }

  public static String version(Path rulesDir, Path cataloguesDir) {
    return digest(List.of(rulesDir, cataloguesDir));
  }

  private static String digest(List<Path> dirs) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path dir : dirs) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            sha.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Files.readAllBytes(f));
          }
        }
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
