package io.github.multiprocessstore.sample;

import static io.github.multiprocessstore.sample.HttpApi.json;
import static io.github.multiprocessstore.sample.HttpApi.profileJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
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
 * Spring Security guards the review pages only: {@code /review/**} needs a signed-in user (401 with a Basic
 * challenge for other clients, the login page for browsers, CSRF tokens on forms), while the profile API and actuator
 * answer as without it, through a request firewall that lets ids with {@code %} and {@code ;} through.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"spring.security.user.name=reviewer", "spring.security.user.password=s3cret-pass"})
@DirtiesContext
class ReviewSecurityTests {

    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString("reviewer:s3cret-pass".getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path store;

    @DynamicPropertySource
    static void storeInTempDir(DynamicPropertyRegistry registry) {
        registry.add("multiprocess.store.path", store::toString);
    }

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
    }

    @Test
    void anUnauthenticatedClientGetsABasicChallenge() {
        for (String path : new String[] {"/review", "/review/alice"}) {
            HttpResponse<String> response = api.get(path, "Accept", "application/json");

            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic"));
        }
        assertThat(api.get("/review").statusCode()).isEqualTo(401);
    }

    @Test
    void anUnauthenticatedBrowserIsSentToTheLoginPage() {
        HttpResponse<String> response = api.get("/review", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
        HttpResponse<String> login = api.get("/login", "Accept", "text/html");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"username\"", "name=\"password\"", "_csrf");
    }

    @Test
    void aSignedInClientSeesTheReviewPage() {
        HttpResponse<String> response = api.get("/review", "Authorization", BASIC);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("<h1>Conflicts to review</h1>");
    }

    @Test
    void wrongCredentialsAreRefused() {
        String wrong = "Basic " + Base64.getEncoder().encodeToString("reviewer:guess".getBytes(StandardCharsets.UTF_8));

        assertThat(api.get("/review", "Authorization", wrong).statusCode()).isEqualTo(401);
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() {
        JsonNodeIds ids = conflict("carol");

        HttpResponse<String> keep = api.send(
                "POST",
                "/review/carol/keep",
                null,
                "Authorization",
                BASIC,
                "Content-Type",
                "application/x-www-form-urlencoded");
        HttpResponse<String> keepWithBody = api.sendForm("/review/carol/keep", "rev=" + ids.first(), BASIC);

        assertThat(keep.statusCode()).isEqualTo(403);
        assertThat(keepWithBody.statusCode()).isEqualTo(403);
        assertThat(json(api.get("/profiles/carol/conflicts"))).hasSize(1);
    }

    @Test
    void theProfileApiNeedsNoCredentialsNorTokenAndGetsNoSecurityHeaders() {
        HttpResponse<String> created = api.post("/profiles", profileJson("dave", null, "d@example.com", "Dave"));
        HttpResponse<String> read = api.get("/profiles/dave");
        HttpResponse<String> health = api.get("/actuator/health");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(health.statusCode()).isEqualTo(200);
        for (HttpResponse<String> response : java.util.List.of(created, read, health)) {
            assertThat(response.headers().map())
                    .doesNotContainKeys("cache-control", "x-frame-options", "x-content-type-options", "set-cookie");
        }
    }

    @Test
    void idsWithPercentAndSemicolonStillWork() {
        HttpResponse<String> created = api.post("/profiles", profileJson("50%;off", null, "sale@example.com", "Sale"));
        assertThat(created.statusCode()).isEqualTo(201);

        HttpResponse<String> read = api.get("/profiles/50%25%3Boff");

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).get("_id").asString()).isEqualTo("50%;off");
        assertThat(api.get("/profiles/50%25%3Boff/conflicts").statusCode()).isEqualTo(200);
    }

    @Test
    void anEncodedSlashStillReachesTheControllerAndGetsItsProblemDetail() {
        HttpApi.assertProblem(api.get("/profiles/a%2Fb"), 400, "'a/b'");
    }

    @Test
    void theStrictFirewallStillGuardsTheReviewPages() {
        HttpResponse<String> response = api.get("/review/a%2Fb", "Authorization", BASIC);

        assertThat(response.statusCode()).isEqualTo(400);
    }

    private record JsonNodeIds(String first, String second) {}

    private JsonNodeIds conflict(String id) {
        String base = api.create(id).get("_rev").asString();
        String first = api.update(id, base, "one").get("_rev").asString();
        String second = api.update(id, base, "two").get("_rev").asString();
        return new JsonNodeIds(first, second);
    }
}
