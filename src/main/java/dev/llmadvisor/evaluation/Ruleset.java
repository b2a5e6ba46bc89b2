package dev.llmadvisor.evaluation;

import dev.llmadvisor.catalogue.CatalogueLoader;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.rules.RuleBase;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 */
public record Ruleset(RuleBase rules, Catalogues catalogues, String version, Instant loadedAt) {

  public static Ruleset load(Path rulesDir, Path cataloguesDir) {
    Catalogues catalogues = CatalogueLoader.load(cataloguesDir);
    RuleBase rules = RuleBase.compile(rulesDir);
    return new Ruleset(rules, catalogues, version(rulesDir, cataloguesDir), Instant.now());
  }

  static String version(Path rulesDir, Path cataloguesDir) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path dir : List.of(rulesDir, cataloguesDir)) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            sha.update(
                f.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
