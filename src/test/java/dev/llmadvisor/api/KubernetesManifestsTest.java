package dev.llmadvisor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The manifests of {@code deploy/kubernetes/} hold together with the service they run: the probes
 * and the scrape path answer on the running service, the Service's ports are the container's and
 * the webhook's, the webhook's paths are the advisor's admission endpoints, and the profile the
 * Deployment selects is the one {@code application.properties} defines for PostgreSQL.
 */
@QuarkusTest
class KubernetesManifestsTest {
  static final Path ADVISOR = Path.of("deploy/kubernetes/advisor.yaml");
  static final Path WEBHOOK = Path.of("deploy/kubernetes/webhook.yaml");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void theProbesAndTheScrapePathAnswerOnTheService() throws IOException {
    Deployment deployment = one(ADVISOR, "Deployment", Deployment.class);
    Container advisor = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    for (String path :
        List.of(
            advisor.getReadinessProbe().getHttpGet().getPath(),
            advisor.getLivenessProbe().getHttpGet().getPath(),
            advisor.getStartupProbe().getHttpGet().getPath())) {
      given().get(path).then().statusCode(200);
    }
    Map<String, String> annotations =
        deployment.getSpec().getTemplate().getMetadata().getAnnotations();
    assertThat(given().get(annotations.get("prometheus.io/path")).asString())
        .contains("advisor_ruleset_info");
    // The probes and the scrape reach the plain-HTTP port the service listens on.
    assertThat(annotations.get("prometheus.io/port")).isEqualTo("8080");
    assertThat(port(advisor, "http")).isEqualTo(8080);
  }

  @Test
  void theServiceAndTheWebhookReachTheAdvisorsPorts() throws IOException {
    Deployment deployment = one(ADVISOR, "Deployment", Deployment.class);
    Container advisor = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    Service service = one(ADVISOR, "Service", Service.class);
    assertThat(service.getSpec().getSelector())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    for (ServicePort p : service.getSpec().getPorts()) {
      assertThat(port(advisor, p.getTargetPort().getStrVal())).as(p.getName()).isNotNull();
    }
    // HTTPS on the container's https port: the TLS options the container passes to the JVM.
    String javaOptions = env(advisor, "JAVA_OPTS_APPEND");
    assertThat(javaOptions)
        .contains("-Dquarkus.http.ssl-port=" + port(advisor, "https"))
        .contains("/etc/advisor/tls/tls.crt", "/etc/advisor/tls/tls.key");
    assertThat(advisor.getVolumeMounts().get(0).getMountPath()).isEqualTo("/etc/advisor/tls");

    ValidatingWebhookConfiguration webhooks =
        one(WEBHOOK, "ValidatingWebhookConfiguration", ValidatingWebhookConfiguration.class);
    assertThat(webhooks.getWebhooks()).hasSize(2);
    for (ValidatingWebhook w : webhooks.getWebhooks()) {
      var target = w.getClientConfig().getService();
      assertThat(target.getName()).isEqualTo(service.getMetadata().getName());
      assertThat(target.getNamespace()).isEqualTo(service.getMetadata().getNamespace());
      ServicePort https =
          service.getSpec().getPorts().stream()
              .filter(p -> p.getPort().equals(target.getPort()))
              .findFirst()
              .orElseThrow();
      assertThat(https.getTargetPort().getStrVal()).isEqualTo("https");
      // The path is the advisor's webhook: a malformed review there is its 400 problem.
      given()
          .contentType("application/json")
          .body("{}")
          .post(target.getPath())
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
  }

  @Test
  void theDeploymentSelectsThePostgresqlProfile() throws IOException {
    Container advisor =
        one(ADVISOR, "Deployment", Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    String profile = env(advisor, "QUARKUS_PROFILE");
    assertThat(Files.readString(Path.of("src/main/resources/application.properties")))
        .contains("%" + profile + ".quarkus.datasource.postgresql.active=true")
        .contains("%" + profile + ".quarkus.datasource.h2.active=false");
    // The datasource's settings come from the Secret, never from the manifest.
    for (String name :
        List.of(
            "QUARKUS_DATASOURCE_POSTGRESQL_JDBC_URL",
            "QUARKUS_DATASOURCE_POSTGRESQL_USERNAME",
            "QUARKUS_DATASOURCE_POSTGRESQL_PASSWORD")) {
      EnvVar v = advisor.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().get();
      assertThat(v.getValueFrom().getSecretKeyRef().getName()).isEqualTo("llm-advisor-db");
    }
  }

  /** The one document of {@code kind} in a multi-document manifest, read as fabric8's type. */
  static <T> T one(Path file, String kind, Class<T> type) throws IOException {
    List<JsonNode> found = new ArrayList<>();
    List<JsonNode> docs =
        YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file)).readAll();
    for (JsonNode doc : docs) {
      if (doc != null && kind.equals(doc.path("kind").asText())) {
        found.add(doc);
      }
    }
    assertThat(found).as(file + ": documents of kind " + kind).hasSize(1);
    return YAML.treeToValue(found.get(0), type);
  }

  static Integer port(Container c, String name) {
    return c.getPorts().stream()
        .filter(p -> name.equals(p.getName()))
        .map(p -> p.getContainerPort())
        .findFirst()
        .orElse(null);
  }

  static String env(Container c, String name) {
    return c.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .findFirst()
        .orElseThrow();
  }
}
