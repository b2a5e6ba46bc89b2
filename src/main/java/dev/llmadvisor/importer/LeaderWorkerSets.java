package dev.llmadvisor.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a LeaderWorkerSet adds to a plan, read as its API types define it (kubernetes-sigs/lws
 * {@code api/leaderworkerset/v1/leaderworkerset_types.go} @
 * 060ab4da17eea1f0865fcbd3236bb1075e2cea32, group {@code leaderworkerset.x-k8s.io}, version {@code
 * v1}):
 *
 * <ul>
 *   <li>{@code spec.leaderWorkerTemplate.leaderTemplate} is the leader pod's template; without it
 *       the leader uses {@code workerTemplate} ("Defaults to the worker template if not
 *       specified"). vLLM's multi-node serving starts the API server in the leader (the repo's
 *       {@code docs/examples/vllm/GPU/lws.yaml}: {@code ray} in every pod, {@code vllm} in the
 *       leader), so the leader's container is the one imported;
 *   <li>{@code spec.leaderWorkerTemplate.size} is "the number of pods ... in each group", leader
 *       included, default 1: each pod is one node of the plan ({@code hardware.nodes});
 *   <li>{@code spec.replicas} is the number of groups, default 1 (a note, as a Deployment's
 *       replicas).
 * </ul>
 */
final class LeaderWorkerSets {
  static final String KIND = "LeaderWorkerSet";
  static final String TEMPLATE = "spec.leaderWorkerTemplate";

  private LeaderWorkerSets() {}

  /** The path of the pod template whose containers run the engine: the leader's. */
  static String vllmTemplate(JsonNode lws) {
    JsonNode leader = lws.path("spec").path("leaderWorkerTemplate").path("leaderTemplate");
    return leader.isObject() ? TEMPLATE + ".leaderTemplate" : TEMPLATE + ".workerTemplate";
  }

  /** The group's pods as nodes, and what the worker pods say that the plan does not. */
  static void group(Draft d, JsonNode lws, String leaderPodPath, List<String> gpuLimits) {
    JsonNode template = lws.path("spec").path("leaderWorkerTemplate");
    JsonNode size = template.path("size");
    String where = TEMPLATE + ".size";
    int pods = 1;
    if (!size.isMissingNode() && !size.isNull()) {
      if (!(size.isIntegralNumber() && size.canConvertToInt()) && !size.asText().matches("\\d+")) {
        d.error(where, "expected a whole number of pods per group", size.asText());
        return;
      }
      pods = size.asInt();
      if (pods < 1) {
        d.error(where, "expected at least 1 pod per group (the leader)", pods);
        return;
      }
    }
    if (pods > 1) {
      d.nodes = pods;
      d.from.put("hardware.nodes", where + " = " + pods);
    }
    if (!leaderPodPath.startsWith(TEMPLATE + ".leaderTemplate")) {
      return;
    }
    JsonNode workers = template.path("workerTemplate").path("spec").path("containers");
    d.ignored.add(
        TEMPLATE
            + ".workerTemplate: the group's "
            + (pods - 1)
            + " worker pod(s) join the leader's vLLM; counted as nodes, their containers are not"
            + " read as a server");
    if (pods > 1 && d.gpusPerNode != null) {
      for (int c = 0; c < workers.size(); c++) {
        JsonNode limits = workers.get(c).path("resources").path("limits");
        for (String vendor : gpuLimits) {
          if (limits.has(vendor) && !limits.path(vendor).asText().equals("" + d.gpusPerNode)) {
            d.notes.add(
                TEMPLATE
                    + ".workerTemplate.spec.containers["
                    + c
                    + "].resources.limits["
                    + vendor
                    + "] = "
                    + limits.path(vendor).asText()
                    + " differs from the leader's "
                    + d.gpusPerNode
                    + ": the plan counts the leader's GPUs on every node");
          }
        }
      }
    }
  }
}
