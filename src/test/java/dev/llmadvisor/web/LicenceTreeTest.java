package dev.llmadvisor.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.evaluation.Advisor;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The licence lineage as a tree, from the report of examples/merge-of-merges.yaml. */
class LicenceTreeTest {
  @Test
  void theMergeOfMergesShowsEachComponentAndTheNonCommercialTermsWithTheirPath() throws Exception {
    Report r =
        new Advisor(Path.of("rules"), Path.of("catalogues"))
            .evaluate(
                Files.readString(Path.of("examples/merge-of-merges.yaml")), PlanReader.Format.YAML);
    LicenceTree tree = LicenceTree.of(r.licence());

    LicenceTree.Node served = tree.root();
    assertThat(served.path()).isEqualTo("model");
    assertThat(served.modelId()).isEqualTo("acme/Llama-3.1-Acme-Merge-8B");
    assertThat(served.relation()).isEqualTo("served");
    assertThat(served.licence()).isEqualTo("llama3.1 (declared by the plan)");
    // Two merge components under the served model, the inner merge with its own two.
    assertThat(served.children())
        .extracting(LicenceTree.Node::modelId)
        .containsExactly("acme/Llama-3.1-Inner-Merge-8B", "meta-llama/Llama-3.1-8B");
    LicenceTree.Node inner = served.children().get(0);
    assertThat(inner.relation()).isEqualTo("merged-from");
    assertThat(inner.children())
        .extracting(LicenceTree.Node::path)
        .contains("model.mergedFrom[0].mergedFrom[0]", "model.mergedFrom[0].mergedFrom[1]");
    LicenceTree.Node finetune =
        inner.children().stream()
            .filter(n -> n.modelId().equals("example-org/Llama-3.1-8B-RP-Finetune"))
            .findFirst()
            .orElseThrow();
    // Its CC BY-NC licence imposes the non-commercial term, carried two levels up.
    assertThat(finetune.imposes())
        .anySatisfy(
            i -> {
              assertThat(i.kind()).isEqualTo("commercial-use");
              assertThat(i.licence()).isEqualTo("cc-by-nc-4.0");
              assertThat(i.steps()).isEqualTo(2);
              assertThat(i.path())
                  .isEqualTo(
                      "example-org/Llama-3.1-8B-RP-Finetune (cc-by-nc-4.0) →"
                          + " acme/Llama-3.1-Inner-Merge-8B → acme/Llama-3.1-Acme-Merge-8B");
            });
    // Every restriction that reaches the served model appears once, at its origin.
    assertThat(count(served)).isEqualTo(r.licence().restrictions().size());
  }

  static int count(LicenceTree.Node n) {
    return n.imposes().size() + n.children().stream().mapToInt(LicenceTreeTest::count).sum();
  }
}
