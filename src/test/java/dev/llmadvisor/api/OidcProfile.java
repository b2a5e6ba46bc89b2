package dev.llmadvisor.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * OIDC switched on by configuration alone, with tokens verified by a configured public key ({@code
 * quarkus.oidc.public-key}), so no identity provider is needed. The key pair is a test fixture in
 * files: the profile and the test run in different class loaders, so a key generated in memory
 * would differ between them.
 */
public class OidcProfile implements QuarkusTestProfile {
  static final String ISSUER = "https://idp.example/realms/advisor";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.oidc.tenant-enabled",
        "true",
        "quarkus.oidc.public-key",
        read("test-idp-public.der.b64"),
        "quarkus.oidc.token.issuer",
        ISSUER,
        "quarkus.oidc.roles.role-claim-path",
        "groups");
  }

  static String read(String name) {
    try {
      return Files.readString(Path.of("src/test/resources/oidc", name)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
