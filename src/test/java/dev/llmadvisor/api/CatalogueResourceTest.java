package dev.llmadvisor.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogueResourceTest {

  @Test
  void theIndexListsEveryCatalogue() {
    given()
        .when()
        .get("/api/v1/catalogues")
        .then()
        .statusCode(200)
        .body("gpus", hasItems("H100-SXM-80GB", "A100-SXM-80GB", "RTX-3060-12GB"))
        .body("models", hasItem("meta-llama/Llama-3.3-70B-Instruct"))
        .body("engines", hasItems("vllm", "tensorrt-llm", "llama.cpp"));
  }

  @Test
  void aGpuEntryCarriesItsFiguresAndSource() {
    given()
        .when()
        .get("/api/v1/catalogues/gpus/H100-SXM-80GB")
        .then()
        .statusCode(200)
        .body("computeCapability", equalTo(9.0f))
        .body("memoryReportedGib", equalTo(79.18f))
        .body("denseTflops.fp8", equalTo(1979.0f))
        .body(
            "source",
            org.hamcrest.Matchers.containsString("https://developer.nvidia.com/cuda-gpus"));
  }

  @Test
  void aModelIdWithASlashResolvesAndSoDoesAnAlias() {
    given()
        .when()
        .get("/api/v1/catalogues/models/meta-llama/Meta-Llama-3.1-8B-Instruct")
        .then()
        .statusCode(200)
        .body("id", equalTo("meta-llama/Llama-3.1-8B-Instruct"))
        .body("architecture.numKeyValueHeads", equalTo(8));
  }

  @Test
  void anUnknownEntryIsA404WithTheNearestIds() {
    given()
        .when()
        .get("/api/v1/catalogues/gpus/H100-SMX-80GB")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("errors[0].nearest[0]", equalTo("H100-SXM-80GB"));
  }

  @Test
  void anUnknownCatalogueIsA404ListingTheCatalogues() {
    given()
        .when()
        .get("/api/v1/catalogues/gpu")
        .then()
        .statusCode(404)
        .body("errors[0].nearest", hasItems("gpus", "models", "licences"));
  }
}
