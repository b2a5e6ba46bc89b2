package dev.llmadvisor.api;

import dev.llmadvisor.evaluation.RulesetFiles;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The service serving a copy of the shipped rules and catalogues under {@code target/}, which tests
 * edit, watched every 200 ms.
 */
public class LiveReloadProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    try {
      Path root =
          Files.createTempDirectory(Files.createDirectories(Path.of("target")), "live-reload-");
      RulesetFiles files = RulesetFiles.copyUnder(root);
      return Map.of(
          "advisor.rules-dir",
          files.rules().toString(),
          "advisor.catalogues-dir",
          files.catalogues().toString(),
          "advisor.reload.enabled",
          "true",
          "advisor.reload.interval",
          "200ms");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
