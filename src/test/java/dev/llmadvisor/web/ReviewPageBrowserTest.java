package dev.llmadvisor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reviewer's page in a real browser (docs/governance.md, "The reviewer's page"): headless
 * Chromium from Debian's {@code chromium} package driven through its {@code chromium-driver} by
 * Selenium. One browser for the class, one Quarkus boot shared with the other tests. Without the
 * two binaries the class fails: {@code .ci/run} installs them.
 *
 * <p>The walk: upload the README's 70B example, see its verdict, memory picture and licence tree,
 * sign in as the reviewer, record a review through the form and find it in the history; then a plan
 * named {@code <script>alert(1)</script>} shows as text and runs nothing. Screenshots go to {@code
 * target/screenshots/}.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewPageBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target/screenshots");

  static ChromeDriver browser;
  static Path profile;
  static String decisionPath;

  @TestHTTPResource("/")
  URL root;

  @BeforeAll
  static void startBrowser() throws IOException {
    assertThat(CHROMIUM)
        .as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run installs it)")
        .isExecutable();
    assertThat(CHROMEDRIVER)
        .as("Debian's chromium-driver (apt-get install chromium chromium-driver)")
        .isExecutable();
    profile = Files.createTempDirectory("advisor-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  String url(String path) {
    return root.toString().replaceAll("/$", "") + path;
  }

  /**
   * Clicks a submit button and waits for the page the post leads to: a click returns once the event
   * is dispatched, not when the 303 and the page after it have arrived.
   */
  static void submit(By button, ExpectedCondition<?> arrived) {
    browser.findElement(button).click();
    new WebDriverWait(browser, Duration.ofSeconds(60)).until(arrived);
  }

  static void screenshot(String name) throws IOException {
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  @Order(1)
  void theReadmeExampleUploadedShowsItsVerdictMemoryPictureAndLicenceTree() throws IOException {
    browser.get(url("/reviews/new"));
    browser.findElement(By.id("source-plan")).click();
    browser
        .findElement(By.id("file"))
        .sendKeys(Path.of("examples/llama-70b-fp8-one-h100.yaml").toAbsolutePath().toString());
    submit(
        By.id("evaluate"),
        ExpectedConditions.and(
            ExpectedConditions.urlMatches(".*/reviews/[0-9a-f-]{36}$"),
            ExpectedConditions.presenceOfElementLocated(By.id("plan"))));
    decisionPath = browser.getCurrentUrl().replaceFirst("^https?://[^/]+", "");
    assertThat(browser.findElement(By.id("plan-name")).getText())
        .isEqualTo("llama-70b-single-h100");
    assertThat(browser.findElement(By.id("verdict")).getText()).isEqualTo("REJECTED");
    assertThat(browser.findElement(By.cssSelector("#findings [data-rule]")).getText())
        .contains("SIZING-KV-CANNOT-HOLD-ONE-SEQUENCE");

    // The plan's picture (the first figure): one H100, its KV cache shorter than one sequence's.
    WebElement plan = browser.findElements(By.cssSelector("figure.memory")).get(0);
    assertThat(plan.findElements(By.cssSelector("g.gpu"))).hasSize(1);
    WebElement kv = plan.findElement(By.cssSelector("rect[data-segment=kv]"));
    WebElement oneSequence = plan.findElement(By.cssSelector("rect[data-segment=one-sequence]"));
    long kvBytes = Long.parseLong(kv.getAttribute("data-bytes"));
    long sequenceBytes = Long.parseLong(oneSequence.getAttribute("data-bytes"));
    // 1.31 GiB of KV cache against 8,192 tokens × 320 KiB = 2.50 GiB for one sequence.
    assertThat(kvBytes).isLessThan(sequenceBytes);
    assertThat(sequenceBytes).isEqualTo(8192L * 320 * 1024);
    assertThat(kv.getRect().getWidth()).isLessThan(oneSequence.getRect().getWidth());
    assertThat(kv.findElement(By.tagName("title")).getAttribute("textContent"))
        .startsWith("KV cache: 1.31 GiB");
    // The recommended plan's picture beside it holds the sequence.
    WebElement recommended = browser.findElements(By.cssSelector("figure.memory")).get(1);
    assertThat(recommended.getAttribute("data-caption")).isEqualTo("The recommended plan");
    assertThat(
            Long.parseLong(
                recommended
                    .findElement(By.cssSelector("rect[data-segment=kv]"))
                    .getAttribute("data-bytes")))
        .isGreaterThan(sequenceBytes);
    // The same figures as a table, readable without the picture.
    assertThat(plan.findElement(By.cssSelector("tr.row-one-sequence")).getText())
        .contains("does not fit");

    // The licence tree: the served model at its root with the terms of its licence.
    WebElement root = browser.findElement(By.cssSelector("#lineage > li.lineage-node"));
    assertThat(root.getAttribute("data-path")).isEqualTo("model");
    assertThat(root.getText()).contains("meta-llama/Llama-3.1-70B-Instruct").contains("llama3.1");
    assertThat(root.findElements(By.cssSelector("li.restriction"))).isNotEmpty();

    // Reading needs no sign-in, and shows no form.
    assertThat(browser.findElements(By.id("review-form"))).isEmpty();
    screenshot("review-page.png");
    browser.executeScript("document.getElementById('licence').scrollIntoView();");
    screenshot("licence-and-recommendation.png");
  }

  @Test
  @Order(2)
  void aReviewPostedThroughTheFormAppearsInTheHistory() throws IOException {
    assertThat(decisionPath).as("the first test recorded the decision").isNotNull();
    // HTTP basic: the credentials in the address once; the browser keeps them for the site.
    String signIn =
        url("/sign-in?then=" + decisionPath).replaceFirst("://", "://reviewer:reviewer-dev@");
    browser.get(signIn);
    assertThat(browser.getCurrentUrl()).endsWith(decisionPath);
    assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("reviewer");
    assertThat(browser.findElement(By.id("no-reviews")).getText()).isEqualTo("Not reviewed yet.");

    browser.findElement(By.id("outcome-changes-requested")).click();
    browser
        .findElement(By.id("comment"))
        .sendKeys("KV cache too small for 8k: take the FP8 KV cache recommendation.");
    submit(
        By.id("submit-review"),
        ExpectedConditions.and(
            ExpectedConditions.urlContains(decisionPath + "#history"),
            ExpectedConditions.presenceOfElementLocated(By.id("history-table"))));
    List<WebElement> rows = browser.findElements(By.cssSelector("#history-table tr.review"));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getText())
        .contains("reviewer")
        .contains("changes-requested")
        .contains("KV cache too small for 8k");
    screenshot("review-history.png");
  }

  @Test
  @Order(3)
  void aPlanWithAnUnknownModelShowsTheErrorBesideIt() throws IOException {
    browser.get(url("/reviews/new"));
    browser
        .findElement(By.id("plan"))
        .sendKeys(
            "name: typo\nmodel: {id: meta-llama/Llama-3.1-8B-Instrukt}\nhardware: {gpu: H100}\n");
    submit(By.id("evaluate"), ExpectedConditions.presenceOfElementLocated(By.id("errors")));
    WebElement errors = browser.findElement(By.id("errors"));
    assertThat(errors.getText()).contains("Invalid deployment plan");
    WebElement model = errors.findElement(By.cssSelector("[data-field='model.id']"));
    assertThat(model.getText()).contains("line 2").contains("meta-llama/Llama-3.1-8B-Instruct");
    // The plan stays in the textarea, beside its errors.
    assertThat(browser.findElement(By.id("plan")).getAttribute("value")).contains("Instrukt");
    assertThat(errors.getRect().getX())
        .isGreaterThan(browser.findElement(By.id("plan")).getRect().getX());
    screenshot("new-review-errors.png");
  }

  @Test
  @Order(4)
  void aPlanNamedScriptIsShownAsTextAndRunsNothing() throws IOException {
    String name = "<script>alert(1)</script>";
    String plan =
        Files.readString(Path.of("examples/llama-70b-fp8-one-h100.yaml"))
            .replace("name: llama-70b-single-h100", "name: '" + name + "'");
    browser.get(url("/reviews/new"));
    WebElement text = browser.findElement(By.id("plan"));
    text.clear();
    // Pasted, not typed key by key: the textarea's value set as a paste would.
    browser.executeScript("arguments[0].value = arguments[1];", text, plan);
    submit(By.id("evaluate"), ExpectedConditions.presenceOfElementLocated(By.id("plan-name")));
    assertThat(browser.findElement(By.id("plan-name")).getText()).isEqualTo(name);
    assertThatThrownBy(() -> browser.switchTo().alert())
        .isInstanceOf(NoAlertPresentException.class);
    browser.get(url("/reviews"));
    assertThat(browser.findElement(By.id("decisions")).getText()).contains(name);
    assertThatThrownBy(() -> browser.switchTo().alert())
        .isInstanceOf(NoAlertPresentException.class);
  }
}
