package dev.llmadvisor.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmadvisor.api.Api;
import dev.llmadvisor.plan.NamedPlans;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The reviewer's page over HTTP, without a browser (docs/governance.md, "The reviewer's page"):
 * escaping, field errors beside the plan, the same refusals as the API for reviews and waivers,
 * sign-in, cross-site posts. The browser's own test is {@link ReviewPageBrowserTest}.
 */
@QuarkusTest
class WebResourceTest {
  static final String REVIEWER = "reviewer";
  static final String PASSWORD = "reviewer-dev";

  static String example70b() {
    return NamedPlans.text(NamedPlans.LLAMA_70B_FP8_ONE_H100);
  }

  /** A request as the reviewer that keeps a redirect as the answer (the form posts' 303). */
  static RequestSpecification reviewer() {
    return Api.as(REVIEWER, PASSWORD).redirects().follow(false);
  }

  /** The review form of decision {@code id} posted as the reviewer. */
  static Response postReview(String id, String outcome) {
    return reviewer().formParam("outcome", outcome).post("/reviews/" + id + "/reviews");
  }

  /** The waiver form of decision {@code id} for SIZING-UNDER-GUIDE-MARGIN on plan {@code name}. */
  static Response postWaiver(String id, String name, String reason, String expiresAt) {
    RequestSpecification form =
        reviewer()
            .formParam("ruleId", "SIZING-UNDER-GUIDE-MARGIN")
            .formParam("scopeKind", "planName")
            .formParam("scopeValue", name)
            .formParam("reason", reason);
    if (expiresAt != null) {
      form.formParam("expiresAt", expiresAt);
    }
    return form.post("/reviews/" + id + "/waivers");
  }

  /** Submits a plan through the form; returns the decision id from the redirect. */
  static String submit(String plan) {
    Response r =
        given()
            .redirects()
            .follow(false)
            .multiPart("source", "plan")
            .multiPart("plan", plan)
            .post("/reviews");
    assertThat(r.statusCode()).as(r.body().asString()).isEqualTo(303);
    String location = r.header("Location");
    assertThat(location).contains("/reviews/");
    return location.substring(location.lastIndexOf('/') + 1);
  }

  static String renamed(String plan, String name) {
    return plan.replace("name: llama-70b-single-h100", "name: '" + name + "'");
  }

  @Test
  void theListAndTheFormAreHtmlWithAContentSecurityPolicy() {
    for (String path : new String[] {"/", "/reviews", "/reviews/new"}) {
      Response r = given().get(path);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.contentType()).startsWith("text/html");
      assertThat(r.header("Content-Security-Policy")).contains("script-src 'self'");
      assertThat(r.body().asString()).contains("LLM Deploy Advisor");
    }
    assertThat(given().get("/web/advisor.css").statusCode()).isEqualTo(200);
  }

  @Test
  void aPlanNamedScriptIsEscapedInThePageAndTheList() throws Exception {
    String name = "<script>alert(1)</script>";
    String id = submit(renamed(example70b(), name));
    String page = given().get("/reviews/" + id).then().statusCode(200).extract().asString();
    assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(name);
    String list =
        given()
            .queryParam("plan", name)
            .get("/reviews")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(list).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(name);
    // The only script any page loads is the site's own file.
    assertThat(page.split("<script", -1)).hasSize(2);
    assertThat(page).contains("<script src=\"/web/copy.js\" defer></script>");
  }

  @Test
  void theMergeOfMergesShowsItsLineageAsANestedTreeWithThePathOfEachTerm() throws Exception {
    String id = submit(Files.readString(Path.of("examples/merge-of-merges.yaml")));
    String page = given().get("/reviews/" + id).then().statusCode(200).extract().asString();
    // served model → inner merge → the CC BY-NC fine-tune, each a list inside its parent's item.
    int served = page.indexOf("data-path=\"model\"");
    int inner = page.indexOf("data-path=\"model.mergedFrom[0]\"");
    int finetune = page.indexOf("data-path=\"model.mergedFrom[0].mergedFrom[1]\"");
    assertThat(served).isPositive().isLessThan(inner);
    assertThat(inner).isLessThan(finetune);
    assertThat(page)
        .contains(
            "from cc-by-nc-4.0, carried to the served model: example-org/Llama-3.1-8B-RP-Finetune"
                + " (cc-by-nc-4.0) → acme/Llama-3.1-Inner-Merge-8B → acme/Llama-3.1-Acme-Merge-8B");
  }

  @Test
  void anUnknownModelIdIsShownBesideThePlanWithItsLineAndTheNearestIds() {
    String plan =
        "name: typo\nmodel: {id: meta-llama/Llama-3.1-8B-Instrukt}\nhardware: {gpu: H100-SXM-80GB}\n";
    Response r = given().multiPart("source", "plan").multiPart("plan", plan).post("/reviews");
    assertThat(r.statusCode()).isEqualTo(422);
    String html = r.body().asString();
    assertThat(html)
        .contains("Invalid deployment plan")
        .contains("data-field=\"model.id\"")
        .contains("line 2")
        .contains("<code class=\"nearest\">meta-llama/Llama-3.1-8B-Instruct</code>");
    // The plan stays in the textarea to be corrected.
    assertThat(html).contains("meta-llama/Llama-3.1-8B-Instrukt}");
  }

  @Test
  void anUnreadablePlanIs400AndNamesTheField() {
    Response r =
        given()
            .multiPart("source", "plan")
            .multiPart(
                "plan", "name: x\nmodel: {id: meta-llama/Llama-3.1-8B-Instruct}\nhardwar: {}\n")
            .post("/reviews");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body().asString())
        .contains("Unreadable deployment plan")
        .contains("data-field=\"hardwar\"");
  }

  @Test
  void aVllmCommandIsImportedWithTheOverlayOrItsMissingFieldsAreListed() {
    String cmd = "vllm serve meta-llama/Llama-3.1-8B-Instruct --max-model-len 8192";
    Response missing =
        given().multiPart("source", "vllm-cmd").multiPart("plan", cmd).post("/reviews");
    assertThat(missing.statusCode()).isEqualTo(422);
    assertThat(missing.body().asString())
        .contains("The import is missing fields")
        .contains("data-field=\"hardware.gpu\"");
    Response ok =
        given()
            .redirects()
            .follow(false)
            .multiPart("source", "vllm-cmd")
            .multiPart("plan", cmd)
            .multiPart("overlay", "hardware: {gpu: H100-SXM-80GB}")
            .post("/reviews");
    assertThat(ok.statusCode()).isEqualTo(303);
    String page = given().get(ok.header("Location")).then().statusCode(200).extract().asString();
    // What is recorded is the imported plan with its provenance.
    assertThat(page).contains("# Imported from vLLM command").contains("gpu: H100-SXM-80GB");
  }

  @Test
  void reviewsFollowTheApiRules() throws Exception {
    String id = submit(renamed(example70b(), "web-rules-" + UUID.randomUUID()));
    // No credentials: the browser is asked for them.
    Response anonymous =
        given().formParam("outcome", "approved").post("/reviews/" + id + "/reviews");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("basic");
    // A rejected decision with an unwaived BLOCKER cannot be approved: 409, the rule named.
    Response approve = postReview(id, "approved");
    assertThat(approve.statusCode()).isEqualTo(409);
    assertThat(approve.body().asString())
        .contains("SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE")
        .contains("id=\"review-errors\"");
    // A misspelt outcome: 422 naming the field and the three outcomes.
    Response misspelt = postReview(id, "approve");
    assertThat(misspelt.statusCode()).isEqualTo(422);
    assertThat(misspelt.body().asString())
        .contains("<code>outcome</code>: unknown outcome")
        .contains("<code>changes-requested</code>");
    Response ok =
        reviewer()
            .formParam("outcome", "changes-requested")
            .formParam("comment", "Use an FP8 KV cache <b>first</b>.")
            .post("/reviews/" + id + "/reviews");
    assertThat(ok.statusCode()).isEqualTo(303);
    String page = Api.as(REVIEWER, PASSWORD).get("/reviews/" + id).asString();
    assertThat(page)
        .contains("<td>changes-requested</td>")
        .contains("Use an FP8 KV cache &lt;b&gt;first&lt;/b&gt;.")
        .contains("id=\"review-form\"");
    // Without credentials the page has no forms, only the way to sign in.
    assertThat(given().get("/reviews/" + id).asString())
        .doesNotContain("id=\"review-form\"")
        .contains("/sign-in?then=/reviews/" + id);
  }

  @Test
  void aReviewerCannotReviewTheirOwnSubmission() throws Exception {
    Response r =
        reviewer()
            .multiPart("source", "plan")
            .multiPart("plan", renamed(example70b(), "web-self-" + UUID.randomUUID()))
            .post("/reviews");
    assertThat(r.statusCode()).isEqualTo(303);
    String location = r.header("Location");
    Response self =
        postReview(location.substring(location.lastIndexOf('/') + 1), "changes-requested");
    assertThat(self.statusCode()).isEqualTo(403);
    assertThat(self.body().asString())
        .contains("cannot review it")
        .contains("<code>submitter</code>");
  }

  @Test
  void aWaiverNeedsAnExpiryAtMostNinetyDaysAhead() throws Exception {
    String name = "web-waiver-" + UUID.randomUUID();
    String id = submit(renamed(example70b(), name));
    Response none = postWaiver(id, name, "accepted", null);
    assertThat(none.statusCode()).isEqualTo(422);
    assertThat(none.body().asString())
        .contains("id=\"waiver-errors\"")
        .contains("<code>expiresAt</code>");
    String tooFar = LocalDate.now(ZoneOffset.UTC).plusDays(200).toString();
    Response far = postWaiver(id, name, "accepted", tooFar);
    assertThat(far.statusCode()).isEqualTo(422);
    assertThat(far.body().asString()).contains("at most 90 days ahead");
    String inMonth = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
    Response ok = postWaiver(id, name, "accepted for the pilot", inMonth);
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(given().get("/reviews/" + id).asString())
        .contains("accepted for the pilot")
        .contains("<td>live</td>");
    // Evaluated again, the new decision records the waiver on its finding.
    Response again = given().redirects().follow(false).post("/reviews/" + id + "/again");
    assertThat(again.statusCode()).isEqualTo(303);
    assertThat(given().get(again.header("Location")).asString())
        .contains("state-waived")
        .contains("Waivers applied:");
  }

  @Test
  void aFormPostedFromAnotherSiteIsRefused() throws Exception {
    String id = submit(renamed(example70b(), "web-csrf-" + UUID.randomUUID()));
    Response r =
        reviewer()
            .header("Origin", "https://evil.example")
            .formParam("outcome", "changes-requested")
            .post("/reviews/" + id + "/reviews");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body().asString()).contains("only be posted from this site");
    assertThat(given().get("/reviews/" + id).asString()).contains("Not reviewed yet.");
  }

  @Test
  void anUnknownDecisionIsA404PageAndABadFilterA400() {
    Response r = given().get("/reviews/no-such-decision");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.contentType()).startsWith("text/html");
    assertThat(r.body().asString()).contains("No decision no-such-decision is recorded.");
    Response bad = given().queryParam("verdict", "maybe").get("/reviews");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body().asString()).contains("unknown verdict");
  }

  @Test
  void signingInGoesBackToThePageAndOnlyToThisSite() {
    Response r = reviewer().queryParam("then", "/reviews/new").get("/sign-in");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.header("Location")).endsWith("/reviews/new");
    Response away = reviewer().queryParam("then", "//evil.example/").get("/sign-in");
    assertThat(away.header("Location")).endsWith("/reviews");
    Response anonymous = given().redirects().follow(false).get("/sign-in");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("basic");
    assertThat(new String(anonymous.body().asByteArray(), StandardCharsets.UTF_8))
        .contains("Sign in");
  }
}
