package io.github.multiprocessstore.testapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.multiprocessstore.repository.ObjectRepository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter in a real web application on a random port: health, info, the conflicts endpoint and the conflicts
 * gauge over HTTP, including a conflict written by another JVM process.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.endpoints.web.exposure.include=health,conflicts,metrics,info",
            "management.endpoint.health.show-details=always",
            "multiprocess.store.conflict-scan-interval=200ms",
            "multiprocess.store.durable=false"
        })
@DirtiesContext
class ActuatorOverHttpTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path store;

    @LocalServerPort
    int port;

    @Autowired
    ProfileService profileService;

    @Autowired
    ObjectRepository<Profile> profiles;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void storePath(DynamicPropertyRegistry registry) {
        registry.add("multiprocess.store.path", store::toString);
    }

    @Test
    void healthEndpointAndGaugeShowAConflictWrittenByAnotherProcess() throws Exception {
        profileService.register("alice", "alice@example.com", "s3cret-alice");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(get("/actuator/health", 200)
                                .at("/components/multiprocessStore/details/conflictedObjects")
                                .asInt())
                        .isZero());

        List<String> written = writeConflictInAnotherJvm("profile", "alice");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(get("/actuator/metrics/multiprocess.store.conflicts", 200)
                                .at("/measurements/0/value")
                                .asDouble())
                        .isEqualTo(1.0));

        JsonNode health = get("/actuator/health", 200).at("/components/multiprocessStore");
        assertThat(health.at("/status").asString()).isEqualTo("UP");
        assertThat(health.at("/details/conflictedObjects").asInt()).isEqualTo(1);
        assertThat(health.at("/details/path").asString()).isEqualTo(store.toString());
        assertThat(health.at("/details/freeBytes").asLong()).isPositive();

        String document = getText("/actuator/conflicts", 200);
        JsonNode conflicts = JSON.readTree(document);
        assertThat(conflicts.at("/conflictedObjects").asInt()).isEqualTo(1);
        assertThat(names(conflicts.at("/collections/profile/alice/0"))).containsExactlyInAnyOrderElementsOf(written);
        assertThat(conflicts.at("/collections/notes").isObject()).isTrue();
        assertThat(conflicts.at("/collections/notes").size()).isZero();
        assertThat(document).doesNotContain("s3cret").doesNotContain("@example.com");

        JsonNode selected = get("/actuator/conflicts/profile/alice", 200);
        assertThat(selected.size()).isEqualTo(1);
        assertThat(names(selected.get(0))).containsExactlyInAnyOrderElementsOf(written);
        getText("/actuator/conflicts/profile/nobody", 404);
        getText("/actuator/conflicts/nowhere/alice", 404);

        JsonNode gauge = get("/actuator/metrics/multiprocess.store.conflicts", 200);
        assertThat(gauge.at("/availableTags/0/tag").asString()).isEqualTo("collection");
        assertThat(names(gauge.at("/availableTags/0/values"))).contains("profile", "notes");
        assertThat(get("/actuator/metrics/multiprocess.store.conflicts?tag=collection:notes", 200)
                        .at("/measurements/0/value")
                        .asDouble())
                .isZero();
    }

    @Test
    void repositoryOperationsAreTimedOverHttp() throws Exception {
        profiles.save(new Profile("bob", null, "bob@example.com", "s3cret-bob"));
        profiles.findById("bob");

        JsonNode timer = get("/actuator/metrics/multiprocess.store.operations?tag=operation:findById", 200);

        assertThat(timer.at("/measurements/0/statistic").asString()).isEqualTo("COUNT");
        assertThat(timer.at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void theConflictsEndpointOffersNoWriteOperation() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(uri("/actuator/conflicts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"collection\":\"profile\",\"id\":\"alice\"}"))
                .build();

        assertThat(http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(405);
    }

    private List<String> writeConflictInAnotherJvm(String collection, String id)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ConflictWriterMain.class.getName(),
                        store.toString(),
                        collection,
                        id)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("child JVM finished")
                .isTrue();
        assertThat(process.exitValue())
                .as("child JVM exit code; output:%n%s", output)
                .isZero();
        List<String> revisions =
                output.lines().filter(line -> line.matches("1-[0-9a-f]{32}")).toList();
        assertThat(revisions)
                .as("revisions printed by the child JVM:%n%s", output)
                .hasSize(2);
        return revisions;
    }

    @Test
    void infoShowsTheStoresRootCollectionsAndVersion() throws Exception {
        profileService.register("carol", "carol@example.com", "s3cret-carol");

        JsonNode info = get("/actuator/info", 200).path("multiprocessStore");

        assertThat(info.path("root").asString()).isEqualTo(store.toString());
        assertThat(info.path("collections").toString()).contains("\"profile\"");
        assertThat(info.path("version").asString()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    private JsonNode get(String path, int expectedStatus) throws IOException, InterruptedException {
        return JSON.readTree(getText(path, expectedStatus));
    }

    private String getText(String path, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(expectedStatus);
        return response.body();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(element -> names.add(element.asString()));
        return names;
    }
}
