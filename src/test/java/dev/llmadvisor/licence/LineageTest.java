package dev.llmadvisor.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.llmadvisor.catalogue.CatalogueLoader;
import dev.llmadvisor.catalogue.Catalogues;
import dev.llmadvisor.catalogue.Licence;
import dev.llmadvisor.plan.PlanReader;
import dev.llmadvisor.plan.PlanResolver;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How a plan's model becomes the flat lineage facts the licence rules reason over. */
class LineageTest {
  static final Catalogues CATALOGUES = CatalogueLoader.load(Path.of("catalogues"));

  static Lineage lineageOf(String yaml) {
    return Lineage.of(
        PlanResolver.resolve(PlanReader.read(yaml, PlanReader.Format.YAML), CATALOGUES),
        CATALOGUES);
  }

  @Test
  void aMergeBecomesOneComponentPerModelLinkedToItsParent() {
    Lineage lineage =
        lineageOf(
            """
            model:
              id: mistralai/Mistral-7B-Instruct-v0.3
              mergedFrom:
                - id: acme/inner-merge
                  mergedFrom:
                    - {id: Mistral-7B-v0.3}
                    - {id: example-org/nc-finetune, licence: cc-by-nc}
            hardware: {gpu: L4-24GB}
            """);

    assertThat(lineage.components())
        .containsExactly(
            new Component(
                "model",
                "mistralai/Mistral-7B-Instruct-v0.3",
                null,
                "served",
                "apache-2.0",
                null,
                null,
                null),
            new Component(
                "model.mergedFrom[0]",
                "acme/inner-merge",
                "model",
                "merged-from",
                null,
                null,
                null,
                null),
            // Found by its catalogue alias: the catalogue's licence applies.
            new Component(
                "model.mergedFrom[0].mergedFrom[0]",
                "Mistral-7B-v0.3",
                "model.mergedFrom[0]",
                "merged-from",
                "apache-2.0",
                null,
                null,
                null),
            // The plan names the licence by an alias; the fact carries the catalogue id.
            new Component(
                "model.mergedFrom[0].mergedFrom[1]",
                "example-org/nc-finetune",
                "model.mergedFrom[0]",
                "merged-from",
                null,
                "cc-by-nc-4.0",
                null,
                null));
    assertThat(lineage.licences())
        .extracting(Licence::id)
        .containsExactly("apache-2.0", "cc-by-nc-4.0");
  }

  @Test
  void theCataloguesBaseModelsJoinTheLineage() {
    Lineage lineage =
        lineageOf(
            """
            model: {id: deepseek-ai/DeepSeek-R1-Distill-Llama-70B}
            hardware: {gpu: H100-SXM-80GB, gpusPerNode: 2}
            parallelism: {tensor: 2}
            """);

    assertThat(lineage.components())
        .extracting(Component::path, Component::relation, Component::catalogueLicence)
        .containsExactly(
            tuple("model", "served", "mit"),
            tuple("model.baseModel[meta-llama/Llama-3.3-70B-Instruct]", "base-model", "llama3.3"));
  }

  @Test
  void customTermsAreCarriedWithTheirNameAndLinkAndNeedNoCatalogueEntry() {
    Lineage lineage =
        lineageOf(
            """
            model:
              id: mistralai/Mistral-7B-Instruct-v0.3
              mergedFrom:
                - id: example-org/custom-ft
                  licence: other
                  licenceName: example-licence
                  licenceLink: https://example.org/LICENSE
            hardware: {gpu: L4-24GB}
            """);

    assertThat(lineage.components().get(1))
        .isEqualTo(
            new Component(
                "model.mergedFrom[0]",
                "example-org/custom-ft",
                "model",
                "merged-from",
                null,
                "other",
                "example-licence",
                "https://example.org/LICENSE"));
    // "other" names no catalogue licence: only the served model's apache-2.0 is a Licence fact.
    assertThat(lineage.licences()).extracting(Licence::id).containsExactly("apache-2.0");
  }

  @Test
  void aModelOutsideTheCatalogueWithoutALicenceHasNone() {
    Component served =
        lineageOf(
                """
                model:
                  id: acme/private-8b
                  architecture: {parameters: 8.03e+9, numHiddenLayers: 32, hiddenSize: 4096,
                                 numAttentionHeads: 32, numKeyValueHeads: 8, headDim: 128,
                                 intermediateSize: 14336, vocabSize: 128256,
                                 maxPositionEmbeddings: 131072, tieWordEmbeddings: false}
                hardware: {gpu: L4-24GB}
                """)
            .components()
            .get(0);

    assertThat(served.licenceKnown()).isFalse();
    assertThat(served.served()).isTrue();
  }
}
