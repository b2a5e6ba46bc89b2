package dev.llmadvisor.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmadvisor.plan.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an {@code admission.k8s.io/v1} AdmissionReview request the webhook reads (the type:
 * kubernetes/api {@code admission/v1/types.go}, AdmissionRequest).
 *
 * @param uid {@code request.uid}, repeated in the answer
 * @param kind {@code request.kind.kind} ({@code Deployment}, …)
 * @param group {@code request.kind.group}
 * @param operation {@code request.operation}: CREATE, UPDATE, DELETE or CONNECT
 * @param namespace {@code request.namespace}
 * @param name {@code request.name}, else the object's {@code metadata.name} (a CREATE with {@code
 *     generateName} has neither: then {@code metadata.generateName})
 * @param username {@code request.userInfo.username}
 * @param dryRun {@code request.dryRun}
 * @param object {@code request.object}: the workload as it would be stored; null for DELETE
 */
public record ReviewRequest(
    String uid,
    String kind,
    String group,
    String operation,
    String namespace,
    String name,
    String username,
    boolean dryRun,
    JsonNode object) {
  static final String API_VERSION = "admission.k8s.io/v1";
  static final String KIND = "AdmissionReview";

  /**
   * Reads a body strictly enough to answer it: JSON, {@code apiVersion admission.k8s.io/v1}, {@code
   * kind AdmissionReview}, a {@code request} with a {@code uid}, an {@code operation} and, for
   * CREATE and UPDATE, an {@code object}.
   *
   * @throws MalformedReviewException naming each field at fault
   */
  static ReviewRequest parse(String body, ObjectMapper json) {
    JsonNode root;
    try {
      root = json.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new MalformedReviewException(
          List.of(FieldError.of("$", "not JSON: " + e.getOriginalMessage(), null)));
    }
    List<FieldError> errors = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new MalformedReviewException(
          List.of(FieldError.of("$", "must be a JSON object (an AdmissionReview)", null)));
    }
    String apiVersion = root.path("apiVersion").asText("");
    if (!API_VERSION.equals(apiVersion)) {
      errors.add(
          new FieldError(
              "apiVersion",
              "the webhook answers AdmissionReview "
                  + API_VERSION
                  + " (admissionReviewVersions: [v1])",
              apiVersion,
              List.of(API_VERSION)));
    }
    if (!KIND.equals(root.path("kind").asText(""))) {
      errors.add(
          new FieldError(
              "kind", "must be AdmissionReview", root.path("kind").asText(""), List.of(KIND)));
    }
    JsonNode req = root.path("request");
    if (!req.isObject()) {
      errors.add(
          FieldError.of("request", "required: the AdmissionReview carries no request", null));
      throw new MalformedReviewException(errors);
    }
    String uid = text(req, "uid");
    if (uid == null || uid.isBlank()) {
      errors.add(FieldError.of("request.uid", "required: the answer must repeat it", null));
    }
    String operation = text(req, "operation");
    List<String> operations = List.of("CREATE", "UPDATE", "DELETE", "CONNECT");
    if (operation == null || !operations.contains(operation)) {
      errors.add(new FieldError("request.operation", "unknown operation", operation, operations));
    }
    JsonNode object = req.path("object");
    boolean writes = "CREATE".equals(operation) || "UPDATE".equals(operation);
    if (writes && !object.isObject()) {
      errors.add(
          FieldError.of(
              "request.object", "required for " + operation + ": the workload to admit", null));
    }
    if (!req.path("kind").isObject() || text(req.path("kind"), "kind") == null) {
      errors.add(FieldError.of("request.kind.kind", "required", null));
    }
    if (!errors.isEmpty()) {
      throw new MalformedReviewException(errors);
    }
    JsonNode metadata = object.path("metadata");
    String name = text(req, "name");
    if (name == null || name.isBlank()) {
      name = text(metadata, "name");
    }
    if (name == null || name.isBlank()) {
      name = text(metadata, "generateName");
    }
    String namespace = text(req, "namespace");
    if (namespace == null || namespace.isBlank()) {
      namespace = text(metadata, "namespace");
    }
    return new ReviewRequest(
        uid,
        text(req.path("kind"), "kind"),
        text(req.path("kind"), "group"),
        operation,
        namespace == null ? "" : namespace,
        name == null ? "" : name,
        text(req.path("userInfo"), "username"),
        req.path("dryRun").asBoolean(false),
        object.isObject() ? object : null);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isTextual() ? v.asText() : null;
  }
}
