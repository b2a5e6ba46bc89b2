package dev.llmadvisor.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmadvisor.catalogue.CatalogueLoader;
import dev.llmadvisor.catalogue.Catalogues;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The plan's licence and usage fields: Hugging Face's {@code other} tag is read, an id neither
 * catalogued nor {@code other} is refused with the nearest ids, and the retired {@code
 * usage.publishedName} names its replacements. Bad input cannot be a fixture (a fixture's plan must
 * be valid), so it is tested here.
 */
class PlanLicenceFieldsTest {
  static final Catalogues CATALOGUES = CatalogueLoader.load(Path.of("catalogues"));
  static final String GPU = "hardware: {gpu: H100-SXM-80GB}\n";

  static ResolvedPlan resolve(String yaml) {
    return PlanResolver.resolve(PlanReader.read(yaml, PlanReader.Format.YAML), CATALOGUES);
  }

  static InvalidPlanException refused(String yaml) {
    return catchThrowableOfType(InvalidPlanException.class, () -> resolve(yaml));
  }

  @Test
  void customTermsAreReadOnTheModelAndOnMergedComponents() {
    ResolvedPlan r =
        resolve(
            """
            model:
              id: meta-llama/Llama-3.1-8B-Instruct
              licence: other
              licenceName: acme-model-licence
              licenceLink: https://example.org/LICENSE
              mergedFrom: [{id: example-org/custom-ft, licence: other}]
            """
                + GPU);

    assertThat(r.plan().model().licence()).isEqualTo("other");
    assertThat(r.plan().model().licenceName()).isEqualTo("acme-model-licence");
    assertThat(r.plan().model().licenceLink()).isEqualTo("https://example.org/LICENSE");
    assertThat(r.plan().model().mergedFrom().get(0).licence()).isEqualTo("other");
  }

  @Test
  void anUnknownLicenceIdIsStillRefusedWithTheNearestIdsAndTheWayToCustomTerms() {
    InvalidPlanException e =
        refused(
            """
            model:
              id: meta-llama/Llama-3.1-8B-Instruct
              licence: apache-2.1
              mergedFrom: [{id: example-org/ft, licence: llama3.4}]
            """
                + GPU);

    assertThat(e.unreadable()).isFalse(); // 422
    assertThat(e.errors())
        .extracting(FieldError::field)
        .containsExactly("model.licence", "model.mergedFrom[0].licence");
    assertThat(e.errors().get(0).message())
        .isEqualTo(
            "unknown id 'apache-2.1'; for terms the catalogue does not hold, give licence: other"
                + " with licenceName and licenceLink");
    assertThat(e.errors().get(0).nearest()).first().isEqualTo("apache-2.0");
    assertThat(e.errors().get(1).nearest()).contains("llama3.1", "llama3.3");
  }

  @Test
  void aLicenceNameOrLinkWithoutCustomTermsIsRefused() {
    InvalidPlanException e =
        refused(
            """
            model: {id: meta-llama/Llama-3.1-8B-Instruct, licence: llama3.1, licenceLink: LICENSE}
            """
                + GPU);

    assertThat(e.errors())
        .singleElement()
        .satisfies(
            err -> {
              assertThat(err.field()).isEqualTo("model.licenceLink");
              assertThat(err.message())
                  .isEqualTo("names custom terms: give it only with licence: other");
            });
  }

  @Test
  void theRetiredPublishedNameIsA400NamingBothReplacements() {
    InvalidPlanException e =
        catchThrowableOfType(
            InvalidPlanException.class,
            () ->
                PlanReader.read(
                    "model: {id: meta-llama/Llama-3.1-8B-Instruct}\n"
                        + GPU
                        + "usage: {publishedName: acme-assistant}\n",
                    PlanReader.Format.YAML));

    assertThat(e.unreadable()).isTrue(); // 400
    FieldError err = e.errors().get(0);
    assertThat(err.field()).isEqualTo("usage.publishedName");
    assertThat(err.message()).contains("usage.publishedModelName", "usage.productName");
    assertThat(err.nearest()).contains("productName", "publishedModelName");
  }

  @Test
  void productAndPublishedModelNamesAreKeptApartAndMayNotBeBlank() {
    ResolvedPlan r =
        resolve(
            "model: {id: meta-llama/Llama-3.1-8B-Instruct}\n"
                + GPU
                + "usage: {productName: acme-assistant, publishedModelName: acme/Llama-3.1-Acme-8B}\n");
    assertThat(r.plan().usage().productName()).isEqualTo("acme-assistant");
    assertThat(r.plan().usage().publishedModelName()).isEqualTo("acme/Llama-3.1-Acme-8B");

    assertThat(
            refused(
                    "model: {id: meta-llama/Llama-3.1-8B-Instruct}\n"
                        + GPU
                        + "usage: {productName: ' '}\n")
                .errors())
        .extracting(FieldError::field)
        .containsExactly("usage.productName");
  }
}
