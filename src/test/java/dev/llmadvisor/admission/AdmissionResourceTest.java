package dev.llmadvisor.admission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AdmissionReview fixtures ({@code src/test/resources/admission/}) through {@code POST
 * /api/v1/admission}; requests and answers are read with fabric8's Kubernetes API types (the
 * AdmissionReview of {@code io.fabric8:kubernetes-model-admissionregistration}) to prove their
 * shape, and every decision is read back from {@code /api/v1/decisions}.
 */
@QuarkusTest
class AdmissionResourceTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Kubernetes' types, strictly: a field they do not have fails the read. */
  static final ObjectMapper K8S =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  static String fixture(String name) {
    try (InputStream in =
        AdmissionResourceTest.class.getResourceAsStream("/admission/" + name + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("fixture " + name, e);
    }
  }

  /** A fixture with a fresh uid and, when given, another namespace (tests do not share plans). */
  static String fixture(String name, String namespace) throws IOException {
    ObjectNode review = (ObjectNode) JSON.readTree(fixture(name));
    ObjectNode request = (ObjectNode) review.get("request");
    request.put("uid", UUID.randomUUID().toString());
    if (namespace != null) {
      request.put("namespace", namespace);
      ((ObjectNode) request.path("object").path("metadata")).put("namespace", namespace);
    }
    return JSON.writeValueAsString(review);
  }

  static String post(String path, String review) {
    return given()
        .contentType("application/json")
        .body(review.getBytes(StandardCharsets.UTF_8))
        .post(path)
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .asString();
  }

  /** The answer, read as the API server reads it, checked against the request it answers. */
  static AdmissionResponse review(String path, String request) throws IOException {
    AdmissionReview asked = K8S.readValue(request, AdmissionReview.class);
    AdmissionReview answer = K8S.readValue(post(path, request), AdmissionReview.class);
    assertThat(answer.getApiVersion()).isEqualTo("admission.k8s.io/v1");
    assertThat(answer.getKind()).isEqualTo("AdmissionReview");
    assertThat(answer.getRequest()).isNull();
    assertThat(answer.getAdditionalProperties()).isEmpty();
    AdmissionResponse r = answer.getResponse();
    assertThat(r.getUid()).isEqualTo(asked.getRequest().getUid());
    assertThat(r.getAdditionalProperties()).isEmpty();
    assertThat(r.getPatch()).as("a validating webhook never patches").isNull();
    return r;
  }

  static AdmissionResponse review(String request) throws IOException {
    return review("/api/v1/admission", request);
  }

  static JsonPath decision(AdmissionResponse r) {
    String id = r.getAuditAnnotations().get("decision-id");
    assertThat(id).isNotBlank();
    return given().get("/api/v1/decisions/{id}", id).then().statusCode(200).extract().jsonPath();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "allowed-llama-8b-h100",
        "denied-llama-70b-one-h100",
        "warned-llama-8b-no-alerts",
        "not-a-model-nginx",
        "update-helm-upgrade",
        "statefulset-qwen-72b-awq",
        "leaderworkerset-llama-405b",
        "incomplete-no-gpu",
        "unknown-annotation"
      })
  void everyFixtureIsAnAdmissionReviewRequestAsKubernetesTypesReadIt(String name)
      throws IOException {
    AdmissionReview review = K8S.readValue(fixture(name), AdmissionReview.class);
    assertThat(review.getApiVersion()).isEqualTo("admission.k8s.io/v1");
    assertThat(review.getAdditionalProperties()).isEmpty();
    AdmissionRequest request = review.getRequest();
    assertThat(request.getAdditionalProperties()).isEmpty();
    assertThat(request.getUid()).isNotBlank();
    assertThat(request.getOperation()).isIn("CREATE", "UPDATE");
    // a kind the model knows (apps/v1, with kubernetes-model-apps on the class path) reads as its
    // type; a LeaderWorkerSet stays a map
    Object object = request.getObject();
    Object kind =
        object instanceof io.fabric8.kubernetes.api.model.HasMetadata typed
            ? typed.getKind()
            : ((Map<?, ?>) object).get("kind");
    assertThat(request.getKind().getKind())
        .isIn("Deployment", "StatefulSet", "LeaderWorkerSet")
        .isEqualTo(kind);
    assertThat(request.getUserInfo().getUsername()).isNotBlank();
    assertThat(request.getOldObject() != null).isEqualTo(request.getOperation().equals("UPDATE"));
  }

  /**
   * The done-when: the README's 70B FP8 workload on one H100 (examples/
   * llama-70b-fp8-one-h100.yaml as a Deployment) is denied with the advisor's message; with a
   * waiver of its BLOCKER it is admitted with its warnings; both decisions are in the record.
   */
  @Test
  void theReadmes70BOnOneH100IsDeniedThenWithAWaiverAllowedWithWarningsBothRecorded()
      throws IOException {
    String ns = "prod-llm-" + UUID.randomUUID().toString().substring(0, 8);
    String plan = ns + "/llama-70b-single-h100";

    AdmissionResponse denied = review(fixture("denied-llama-70b-one-h100", ns));
    assertThat(denied.getAllowed()).isFalse();
    assertThat(denied.getStatus().getCode()).isEqualTo(403);
    assertThat(denied.getStatus().getMessage())
        .startsWith(
            "LLM Deploy Advisor: Deployment "
                + plan
                + " is REJECTED by SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE (BLOCKER). After 67.67 GiB"
                + " of weights")
        .contains("4,288 tokens", "Largest maxModelLen that fits: 4,288.")
        .contains("Remediation: Lower engine.maxModelLen to what the cache holds")
        .contains("Decision " + denied.getAuditAnnotations().get("decision-id"));
    assertThat(denied.getWarnings())
        .anyMatch(w -> w.startsWith("SIZING-UNDER-GUIDE-MARGIN: Weights take 67.67 GiB"));
    assertThat(denied.getAuditAnnotations())
        .containsEntry("verdict", "REJECTED")
        .containsEntry("outcome", "evaluated");

    String waiver =
        given()
            .auth()
            .preemptive()
            .basic("reviewer", "reviewer-dev")
            .contentType("application/json")
            .body(
                Map.of(
                    "ruleId",
                    "SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE",
                    "scope",
                    Map.of("planName", plan),
                    "reason",
                    "4k context accepted for the pilot (ticket ML-42)",
                    "expiresAt",
                    java.time.Instant.now().plusSeconds(86_400).toString()))
            .post("/api/v1/waivers")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    try {
      AdmissionResponse waived = review(fixture("denied-llama-70b-one-h100", ns));
      assertThat(waived.getAllowed()).isTrue();
      assertThat(waived.getStatus()).isNull();
      assertThat(waived.getAuditAnnotations()).containsEntry("verdict", "APPROVED_WITH_WARNINGS");
      assertThat(waived.getWarnings())
          .anyMatch(w -> w.startsWith("SIZING-UNDER-GUIDE-MARGIN: Weights take 67.67 GiB"))
          .anyMatch(
              w ->
                  w.startsWith(
                      "SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE (BLOCKER) waived by "
                          + waiver
                          + " until "))
          .allMatch(w -> w.getBytes(StandardCharsets.UTF_8).length <= 256);

      JsonPath first = decision(denied);
      JsonPath second = decision(waived);
      assertThat(first.getString("planName")).isEqualTo(plan);
      assertThat(first.getString("verdict")).isEqualTo("REJECTED");
      assertThat(first.getString("planFormat")).isEqualTo("k8s");
      assertThat(first.getString("submitter")).isEqualTo("alice@example.com");
      assertThat(first.getBoolean("admission.allowed")).isFalse();
      assertThat(first.getString("admission.namespace")).isEqualTo(ns);
      assertThat(first.getString("admission.name")).isEqualTo("llama-70b-single-h100");
      assertThat(first.getString("admission.kind")).isEqualTo("Deployment");
      assertThat(first.getString("admission.operation")).isEqualTo("CREATE");
      assertThat(first.getString("admission.message")).isEqualTo(denied.getStatus().getMessage());
      assertThat(first.getString("plan.hardware.gpu")).isEqualTo("H100-SXM-80GB");
      assertThat(first.getString("planSubmitted"))
          .startsWith("# Imported from Deployment/llama-70b-single-h100 (container vllm)");
      assertThat(second.getString("verdict")).isEqualTo("APPROVED_WITH_WARNINGS");
      assertThat(second.getBoolean("admission.allowed")).isTrue();
      assertThat(second.getList("waiversApplied")).containsExactly(waiver);
      assertThat(second.getString("planHash")).isEqualTo(first.getString("planHash"));
      assertThat(second.getList("admission.warnings")).isEqualTo(waived.getWarnings());

      // both in the record, newest first, by the plan's name (namespace/name)
      given()
          .queryParam("plan", plan)
          .get("/api/v1/decisions")
          .then()
          .statusCode(200)
          .body("total", org.hamcrest.Matchers.equalTo(2))
          .body(
              "items.verdict",
              org.hamcrest.Matchers.equalTo(List.of("APPROVED_WITH_WARNINGS", "REJECTED")));
    } finally {
      given()
          .auth()
          .preemptive()
          .basic("reviewer", "reviewer-dev")
          .delete("/api/v1/waivers/{id}", waiver)
          .then()
          .statusCode(200);
    }
  }

  @Test
  void anApprovedWorkloadIsAllowedWithoutWarnings() throws IOException {
    AdmissionResponse r = review(fixture("allowed-llama-8b-h100", "ml-ok"));
    assertThat(r.getAllowed()).isTrue();
    assertThat(r.getStatus()).isNull();
    assertThat(r.getWarnings()).isNullOrEmpty();
    assertThat(r.getAuditAnnotations()).containsEntry("verdict", "APPROVED");
    JsonPath d = decision(r);
    assertThat(d.getString("admission.outcome")).isEqualTo("evaluated");
    assertThat(d.getString("plan.usage.monthlyActiveUsers")).isEqualTo("150000000");
  }

  @Test
  void warningsAreTheAnswersWarnings() throws IOException {
    AdmissionResponse r = review(fixture("warned-llama-8b-no-alerts", "ml-warn"));
    assertThat(r.getAllowed()).isTrue();
    assertThat(r.getAuditAnnotations()).containsEntry("verdict", "APPROVED_WITH_WARNINGS");
    assertThat(r.getWarnings()).anyMatch(w -> w.startsWith("SLI-ALERT-MISSING: "));
    assertThat(r.getWarnings()).noneMatch(w -> w.startsWith("Warning"));
  }

  @Test
  void aWorkloadServingNoModelIsAllowedUntouchedAndRecordedSo() throws IOException {
    AdmissionResponse r = review(fixture("not-a-model-nginx", "web-team"));
    assertThat(r.getAllowed()).isTrue();
    assertThat(r.getWarnings()).isNullOrEmpty();
    assertThat(r.getAuditAnnotations())
        .containsEntry("outcome", "not-a-model")
        .containsEntry("verdict", "NOT_EVALUATED");
    JsonPath d = decision(r);
    assertThat(d.getString("submitter")).isEqualTo("bob@example.com");
    assertThat(d.getString("planName")).isEqualTo("web-team/web");
    assertThat(d.getString("admission.message"))
        .isEqualTo(
            "Deployment web-team/web serves no model the advisor recognises (no container runs"
                + " vLLM): admitted untouched");
    assertThat(d.getList("findings")).isEmpty();
  }

  @Test
  void anUpdateIsReviewedOnTheNewObject() throws IOException {
    // a Helm upgrade: --max-model-len 8192 → 131072 and the H100 → an L4, at once
    AdmissionResponse r = review(fixture("update-helm-upgrade", "ml-upgrade"));
    assertThat(r.getAllowed()).isFalse();
    assertThat(r.getStatus().getMessage()).contains("is REJECTED by ");
    JsonPath d = decision(r);
    assertThat(d.getString("admission.operation")).isEqualTo("UPDATE");
    assertThat(d.getString("admission.workloadUid"))
        .isEqualTo("3f6a2b1c-1111-4a2b-8c3d-5e6f7a8b9c0d");
    assertThat(d.getString("submitter")).isEqualTo("system:serviceaccount:ci:helm");
    assertThat(d.getString("plan.hardware.gpu")).isEqualTo("L4-24GB");
    assertThat(d.getInt("plan.engine.maxModelLen")).isEqualTo(131072);
  }

  @Test
  void aStatefulSetIsImportedAsTheCliImportsIt() throws IOException {
    AdmissionResponse r = review(fixture("statefulset-qwen-72b-awq", "ml-sts"));
    JsonPath d = decision(r);
    assertThat(d.getString("admission.kind")).isEqualTo("StatefulSet");
    assertThat(d.getString("plan.model.id")).isEqualTo("Qwen/Qwen2.5-72B-Instruct");
    assertThat(d.getString("plan.quantization.weights")).isEqualTo("awq-int4");
    assertThat(d.getString("plan.quantization.kvCache")).isEqualTo("fp8");
    assertThat(d.getString("plan.hardware.gpu")).isEqualTo("A100-SXM-80GB");
    assertThat(d.getInt("plan.hardware.gpusPerNode")).isEqualTo(2);
    assertThat(d.getInt("plan.parallelism.tensor")).isEqualTo(2);
  }

  @Test
  void aLeaderWorkerSetIsOnePlanOverItsGroupsPods() throws IOException {
    AdmissionResponse r = review(fixture("leaderworkerset-llama-405b", "ml-lws"));
    JsonPath d = decision(r);
    assertThat(d.getString("admission.kind")).isEqualTo("LeaderWorkerSet");
    assertThat(d.getString("plan.model.id")).isEqualTo("meta-llama/Llama-3.1-405B-Instruct");
    // size 2 pods of 8 GPUs: TP 8 × PP 2 = 16 GPUs over 2 nodes
    assertThat(d.getInt("plan.hardware.nodes")).isEqualTo(2);
    assertThat(d.getInt("plan.hardware.gpusPerNode")).isEqualTo(8);
    assertThat(d.getInt("plan.parallelism.tensor")).isEqualTo(8);
    assertThat(d.getInt("plan.parallelism.pipeline")).isEqualTo(2);
    assertThat(d.getString("admission.outcome")).isEqualTo("evaluated");
  }

  @Test
  void anIncompletePlanIsDeniedInProductionAndAdmittedWithAWarningElsewhere() throws IOException {
    AdmissionResponse prod = review(fixture("incomplete-no-gpu", "production"));
    assertThat(prod.getAllowed()).isFalse();
    assertThat(prod.getStatus().getCode()).isEqualTo(403);
    assertThat(prod.getStatus().getMessage())
        .startsWith(
            "LLM Deploy Advisor: Deployment production/llama-8b-anywhere cannot be evaluated:"
                + " hardware.gpu: missing:")
        .contains("(annotation llm-advisor/hardware.gpu)")
        .contains(
            "Denied by advisor.admission.on-incomplete=closed-in-production (a production"
                + " namespace or workload)");
    assertThat(prod.getAuditAnnotations()).containsEntry("outcome", "incomplete");

    AdmissionResponse dev = review(fixture("incomplete-no-gpu", "dev-team"));
    assertThat(dev.getAllowed()).isTrue();
    assertThat(dev.getWarnings())
        .singleElement()
        .satisfies(w -> assertThat(w).startsWith("not evaluated, admitted: hardware.gpu: missing"));
    JsonPath d = decision(dev);
    assertThat(d.getString("verdict")).isEqualTo("NOT_EVALUATED");
    assertThat(d.getString("planSubmitted")).contains("# MISSING: hardware.gpu");

    // named like production, configured as not production
    assertThat(review(fixture("incomplete-no-gpu", "sandbox-prod")).getAllowed()).isTrue();
    // the route a namespaceSelector on production labels calls
    assertThat(
            review("/api/v1/admission/production", fixture("incomplete-no-gpu", "dev-team"))
                .getAllowed())
        .isFalse();
  }

  @Test
  void anAnnotationNamingNoPlanFieldIsNamedInTheAnswer() throws IOException {
    AdmissionResponse dev = review(fixture("unknown-annotation", "ml-typo"));
    assertThat(dev.getAllowed()).isTrue();
    assertThat(dev.getWarnings())
        .singleElement()
        .satisfies(
            w ->
                assertThat(w)
                    .startsWith(
                        "not evaluated, admitted: metadata.annotations[llm-advisor/usage.comercial]:"
                            + " unknown field 'comercial'")
                    .contains("commercial"));

    AdmissionResponse prod = review(fixture("unknown-annotation", "prod-typo"));
    assertThat(prod.getAllowed()).isFalse();
    assertThat(prod.getStatus().getMessage())
        .contains("metadata.annotations[llm-advisor/usage.comercial]: unknown field 'comercial'");
  }

  @Test
  void auditModeAdmitsWhatItWouldDenyAndSaysSo() throws IOException {
    AdmissionResponse r = review(fixture("denied-llama-70b-one-h100", "audit-ns"));
    assertThat(r.getAllowed()).isTrue();
    assertThat(r.getStatus()).isNull();
    assertThat(r.getWarnings().get(0))
        .startsWith(
            "audit mode, not enforced: would deny: SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE (decision ");
    JsonPath d = decision(r);
    assertThat(d.getBoolean("admission.enforced")).isFalse();
    assertThat(d.getBoolean("admission.allowed")).isTrue();
    assertThat(d.getString("verdict")).isEqualTo("REJECTED");
  }

  @Test
  void theNamespaceDefaultsApplyAndTheWorkloadsAnnotationsWinOverThem() throws IOException {
    // namespace "licensed": usage.monthlyActiveUsers=900000000 by default; the fixture says 150 M
    AdmissionResponse annotated = review(fixture("allowed-llama-8b-h100", "licensed"));
    assertThat(annotated.getAllowed()).isTrue();

    ObjectNode review = (ObjectNode) JSON.readTree(fixture("allowed-llama-8b-h100", "licensed"));
    ((ObjectNode) review.at("/request/object/metadata/annotations"))
        .remove("llm-advisor/usage.monthlyActiveUsers");
    AdmissionResponse defaulted = review(JSON.writeValueAsString(review));
    assertThat(defaulted.getAllowed()).isFalse();
    assertThat(defaulted.getStatus().getMessage()).contains("LICENCE-USER-THRESHOLD-EXCEEDED");
    assertThat(decision(defaulted).getString("plan.usage.monthlyActiveUsers"))
        .isEqualTo("900000000");
  }

  @Test
  void aDeleteIsAllowedAndRecordedAsNotReviewed() throws IOException {
    ObjectNode review = (ObjectNode) JSON.readTree(fixture("allowed-llama-8b-h100", "ml-del"));
    ObjectNode request = (ObjectNode) review.get("request");
    request.put("operation", "DELETE");
    request.set("oldObject", request.get("object"));
    request.putNull("object");
    request.put("dryRun", true);
    AdmissionResponse r = review(JSON.writeValueAsString(review));
    assertThat(r.getAllowed()).isTrue();
    JsonPath d = decision(r);
    assertThat(d.getString("admission.outcome")).isEqualTo("not-applicable");
    assertThat(d.getBoolean("admission.dryRun")).isTrue();
  }

  @Test
  void aMalformedReviewIsA400ProblemNamingEachField() {
    given()
        .contentType("application/json")
        .body(fixture("malformed-v1beta1-no-uid"))
        .post("/api/v1/admission")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", org.hamcrest.Matchers.endsWith("/malformed-admission-review"))
        .body("errors.field", org.hamcrest.Matchers.equalTo(List.of("apiVersion", "request.uid")))
        .body("errors[0].rejectedValue", org.hamcrest.Matchers.equalTo("admission.k8s.io/v1beta1"));
    given()
        .contentType("application/json")
        .body("{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": ")
        .post("/api/v1/admission")
        .then()
        .statusCode(400)
        .body("errors[0].field", org.hamcrest.Matchers.equalTo("$"))
        .body("errors[0].message", org.hamcrest.Matchers.startsWith("not JSON"));
    given()
        .contentType("application/json")
        .body("{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\"}")
        .post("/api/v1/admission")
        .then()
        .statusCode(400)
        .body("errors.field", org.hamcrest.Matchers.equalTo(List.of("request")));
    given()
        .contentType("text/plain")
        .body("hello")
        .post("/api/v1/admission")
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
  }

  @Test
  void aMalformedReviewIsNotRecorded() {
    given()
        .queryParam("plan", "ml-serving/")
        .get("/api/v1/decisions")
        .then()
        .statusCode(200)
        .body("total", org.hamcrest.Matchers.equalTo(0));
  }

  static JsonNode tree(String s) throws IOException {
    return JSON.readTree(s);
  }
}
