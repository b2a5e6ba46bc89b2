package dev.llmadvisor.sizing;

import dev.llmadvisor.catalogue.CatalogueLoader;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.PlanResolver;
import java.nio.file.Path;

/** Plans for the sizing tests: a vLLM deployment described only by what sizing depends on. */
final class VllmPlans {
  static final Catalogues CATALOGUES = CatalogueLoader.load(Path.of("catalogues"));

  private VllmPlans() {}

  static DeploymentPlan plan(
      String model,
      String weights,
      String kvCache,
      String gpu,
      int tensor,
      int pipeline,
      DeploymentPlan.Engine engine) {
    return new DeploymentPlan(
        model + " on " + gpu,
        "research",
        new DeploymentPlan.Model(model, null, null, null),
        new DeploymentPlan.Quantization(weights, kvCache),
        engine,
        new DeploymentPlan.Hardware(gpu, tensor * pipeline, 1, null),
        new DeploymentPlan.Parallelism(tensor, pipeline),
        null,
        null,
        null,
        null,
        null);
  }

  static Sizing size(DeploymentPlan plan) {
    return SizingModel.size(PlanResolver.resolve(plan, CATALOGUES));
  }
}
