package dev.llmadvisor.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The service with evaluations behind the role advisor-submitter. */
public class SubmitterRoleProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("advisor.evaluations.require-role", "true");
  }
}
