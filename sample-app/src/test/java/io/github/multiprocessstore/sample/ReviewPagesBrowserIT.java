package io.github.multiprocessstore.sample;

import static io.github.multiprocessstore.sample.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.multiprocessstore.replication.Replicator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The review pages in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, driven by
 * Selenium) against the app on a real port: sign in, see the differing fields marked, keep a revision, save a
 * merged version, and the conflicts are gone from {@code /actuator/conflicts} and stay gone after replication with a
 * peer that still holds the rivals; HTML in a profile shows as text; signed out, the pages are refused. Skipped, with
 * the reason, where the browser or its driver is missing. Leaves a screenshot of the review page in
 * {@code target/screenshots/review-page.png} (the README's picture).
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"spring.security.user.name=reviewer", "spring.security.user.password=s3cret-pass"})
@DirtiesContext
class ReviewPagesBrowserIT {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static final String XSS = "<script>window.xssRan=true</script><b>bold</b>";

    @TempDir
    static Path store;

    @TempDir
    Path peer;

    @DynamicPropertySource
    static void storeInTempDir(DynamicPropertyRegistry registry) {
        registry.add("multiprocess.store.path", store::toString);
    }

    @LocalServerPort
    int port;

    HttpApi api;

    WebDriver browser;

    @BeforeEach
    void startBrowser() {
        Optional<Path> chromium = onPath("chromium", "chromium-browser", "google-chrome");
        Optional<Path> driver = onPath("chromedriver");
        assumeTrue(chromium.isPresent(), "no chromium on the PATH (apt-get install chromium)");
        assumeTrue(driver.isPresent(), "no chromedriver on the PATH (apt-get install chromium-driver)");
        api = new HttpApi(port);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.get().toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900");
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aSignedInPersonKeepsARevisionAndMergesAnotherAndTheConflictsStayGone() throws Exception {
        String[] alice = conflict("alice", "Alice A.", "Alice B.");
        conflict("mallory", XSS, "Mallory");
        Path collection = store.resolve("profiles");
        Replicator.replicate(collection, peer);

        open("/review");
        assertThat(browser.getCurrentUrl()).as("sent to sign in").endsWith("/login");
        signIn();
        assertThat(heading()).isEqualTo("Conflicts to review");
        assertThat(browser.findElements(By.cssSelector("#conflicts tbody th a")))
                .extracting(WebElement::getText)
                .containsExactly("alice", "mallory");

        navigateBy(browser.findElement(By.linkText("alice")));
        assertThat(heading()).isEqualTo("Conflicting revisions of alice");
        assertThat(row("displayName").getAttribute("class")).isEqualTo("differs");
        assertThat(row("displayName").getText()).contains("Alice A.", "Alice B.", "differs");
        assertThat(row("email").getAttribute("class")).isEqualTo("same");
        screenshot();

        String winner = json(api.get("/profiles/alice")).get("_rev").asString();
        String loser = winner.equals(alice[0]) ? alice[1] : alice[0];
        navigateBy(browser.findElement(By.cssSelector("button.keep[data-rev='" + loser + "']")));
        assertThat(heading()).isEqualTo("Conflicts to review");
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .contains("Kept revision " + loser + " of alice");
        assertThat(json(api.get("/profiles/alice")).get("_rev").asString()).isEqualTo(loser);

        navigateBy(browser.findElement(By.linkText("mallory")));
        assertThat(row("displayName").getText()).contains(XSS);
        assertThat(browser.findElements(By.cssSelector("#revisions td b"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.xssRan === undefined"))
                .isEqualTo(true);
        WebElement merged = browser.findElement(By.id("merged"));
        ObjectNode edited = (ObjectNode) JSON.readTree(merged.getAttribute("value"));
        assertThat(edited.get("_rev").asString())
                .isEqualTo(json(api.get("/profiles/mallory")).get("_rev").asString());
        edited.put("displayName", "Mallory (merged)");
        merged.clear();
        merged.sendKeys(JSON.writeValueAsString(edited));
        navigateBy(browser.findElement(By.id("merge")));
        assertThat(heading()).isEqualTo("Conflicts to review");
        assertThat(browser.findElement(By.id("no-conflicts")).getText()).contains("No profile");

        assertThat(profileConflicts()).isEmpty();
        assertThat(json(api.get("/profiles/mallory")).get("displayName").asString())
                .isEqualTo("Mallory (merged)");

        // The peer still holds every rival; replicating both ways brings none back.
        Replicator.replicate(peer, collection);
        Replicator.replicate(collection, peer);
        assertThat(profileConflicts()).isEmpty();
        assertThat(json(api.get("/profiles/alice")).get("_rev").asString()).isEqualTo(loser);
        assertThat(json(api.get("/profiles/mallory")).get("displayName").asString())
                .isEqualTo("Mallory (merged)");

        navigateBy(browser.findElement(By.cssSelector("header form button")));
        open("/review/alice");
        assertThat(browser.getCurrentUrl())
                .as("signed out: sent to sign in again")
                .endsWith("/login");
    }

    private String[] conflict(String id, String first, String second) {
        String base = api.create(id).get("_rev").asString();
        return new String[] {
            api.update(id, base, first).get("_rev").asString(),
            api.update(id, base, second).get("_rev").asString()
        };
    }

    private JsonNode profileConflicts() {
        return json(api.get("/actuator/conflicts")).path("collections").path("profiles");
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private void signIn() {
        browser.findElement(By.id("username")).sendKeys("reviewer");
        browser.findElement(By.id("password")).sendKeys("s3cret-pass");
        navigateBy(browser.findElement(By.cssSelector("button[type=submit]")));
    }

    /** Clicks something that loads another page, and waits until that page is there. */
    private void navigateBy(WebElement element) {
        WebElement page = browser.findElement(By.tagName("html"));
        element.click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.stalenessOf(page));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("body")));
    }

    private String heading() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    private WebElement row(String field) {
        return browser.findElement(By.cssSelector("#revisions tr[data-field='" + field + "']"));
    }

    private void screenshot() throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots", "review-page.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Optional<Path> onPath(String... names) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .flatMap(dir -> Stream.of(names).map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
