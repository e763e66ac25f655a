package io.github.multiprocessstore.sample;

import static io.github.multiprocessstore.sample.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The review pages' answers over HTTP, signed in with Basic and posting with the page's CSRF token: what a merge
 * that cannot be saved, a stale merge and unknown ids get, and that every value is escaped in the HTML.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"spring.security.user.name=reviewer", "spring.security.user.password=s3cret-pass"})
@DirtiesContext
class ReviewPagesTests {

    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString("reviewer:s3cret-pass".getBytes(StandardCharsets.UTF_8));

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TempDir
    static Path store;

    @DynamicPropertySource
    static void storeInTempDir(DynamicPropertyRegistry registry) {
        registry.add("multiprocess.store.path", store::toString);
    }

    @LocalServerPort
    int port;

    HttpApi api;

    /** Keeps the session cookie, which holds the CSRF token. */
    HttpClient browser;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    @Test
    void thePageEscapesEveryValue() {
        conflict("eve", "<img src=x onerror=alert(1)>", "Eve & \"co\"");

        String page = page("/review/eve").body();

        assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt;", "Eve &amp; &quot;co&quot;");
        assertThat(page).doesNotContain("<img src=x");
    }

    @Test
    void aMergeThatIsNotAJsonObjectOrNamesAnotherIdIsRefusedAndChangesNothing() {
        conflict("frank", "one", "two");

        assertThat(post("/review/frank/merge", "merged", "not json").statusCode())
                .isEqualTo(400);
        assertThat(post("/review/frank/merge", "merged", "[1,2]").statusCode()).isEqualTo(400);
        HttpResponse<String> otherId = post("/review/frank/merge", "merged", "{\"_id\":\"grace\"}");
        assertThat(otherId.statusCode()).isEqualTo(400);
        assertThat(otherId.body()).contains("must be &#39;frank&#39;");
        assertThat(json(api.get("/profiles/frank/conflicts"))).hasSize(1);
    }

    @Test
    void aMergeBasedOnARevisionThatNoLongerWinsIsRefusedWith409() {
        String[] revisions = conflict("heidi", "one", "two");
        String winner = json(api.get("/profiles/heidi")).get("_rev").asString();
        String loser = winner.equals(revisions[0]) ? revisions[1] : revisions[0];

        HttpResponse<String> stale = post(
                "/review/heidi/merge",
                "merged",
                "{\"_rev\":\"" + loser + "\",\"email\":\"h@example.com\",\"displayName\":\"both\"}");

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("A newer revision arrived");
        assertThat(json(api.get("/profiles/heidi/conflicts"))).hasSize(1);
    }

    @Test
    void aMergeWithoutRevisionIsBasedOnTheCurrentWinnerAndResolves() {
        conflict("ivan", "one", "two");

        HttpResponse<String> merged =
                post("/review/ivan/merge", "merged", "{\"email\":\"i@example.com\",\"displayName\":\"both\"}");

        assertThat(merged.statusCode()).isEqualTo(302);
        assertThat(merged.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/review"));
        assertThat(json(api.get("/profiles/ivan/conflicts"))).isEmpty();
        assertThat(json(api.get("/profiles/ivan")).get("displayName").asString())
                .isEqualTo("both");
    }

    @Test
    void unknownProfilesAndRevisionsAre404AndBadRevisions400() {
        conflict("judy", "one", "two");

        assertThat(page("/review/nobody").statusCode()).isEqualTo(404);
        assertThat(post("/review/judy/keep", "rev", "1-" + "0".repeat(32)).statusCode())
                .isEqualTo(404);
        assertThat(post("/review/judy/keep", "rev", "not-a-revision").statusCode())
                .isEqualTo(400);
        assertThat(json(api.get("/profiles/judy/conflicts"))).hasSize(1);
    }

    private String[] conflict(String id, String first, String second) {
        String base = api.create(id).get("_rev").asString();
        return new String[] {
            api.update(id, base, first).get("_rev").asString(),
            api.update(id, base, second).get("_rev").asString()
        };
    }

    private HttpResponse<String> page(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", BASIC)
                .header("Accept", "text/html")
                .GET()
                .build());
    }

    /** Posts a form with the CSRF token of the review list page, in the same session. */
    private HttpResponse<String> post(String path, String field, String value) {
        Matcher token = CSRF.matcher(page("/review").body());
        assertThat(token.find()).as("the page holds a CSRF token").isTrue();
        String form = field + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", BASIC)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return browser.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
