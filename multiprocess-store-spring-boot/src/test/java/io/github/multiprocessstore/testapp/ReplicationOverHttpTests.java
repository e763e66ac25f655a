package io.github.multiprocessstore.testapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.maintenance.ReplicationScheduler;
import io.github.multiprocessstore.maintenance.StoreCompactor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * The starter in a real web application on a random port, replicating with a peer directory: the latest
 * replication result per peer over HTTP at {@code /actuator/replication}, before the first run, after a successful
 * one and after a failed one. The schedule is pushed out of the way (an hour) so that the test decides when runs
 * happen.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.endpoints.web.exposure.include=health,replication",
            "multiprocess.store.replication.initial-delay=1h",
            "multiprocess.store.durable=false"
        })
@DirtiesContext
class ReplicationOverHttpTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path temp;

    @LocalServerPort
    int port;

    @Autowired
    ProfileService profileService;

    @Autowired
    ReplicationScheduler replication;

    @Autowired
    StoreCompactor compactor;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void storeAndPeer(DynamicPropertyRegistry registry) {
        registry.add("multiprocess.store.path", () -> temp.resolve("store").toString());
        registry.add(
                "multiprocess.store.replication.peers",
                () -> temp.resolve("peer").toString());
    }

    /** One scenario, so that no test depends on another's run: pending, then succeeded, then failed. */
    @Test
    void theEndpointShowsEachPeersLatestResultThroughItsLife() throws Exception {
        beforeTheFirstRunThePeerIsPending();
        afterARunTheLatestResultIsShownWithoutObjectContents();
        afterAFailedRunTheErrorAndTheLastSuccessAreShown();
    }

    private void beforeTheFirstRunThePeerIsPending() throws Exception {
        JsonNode document = get("/actuator/replication");

        assertThat(document.at("/store").asString())
                .isEqualTo(temp.resolve("store").toString());
        assertThat(document.at("/direction").asString()).isEqualTo("BOTH");
        assertThat(document.at("/peers/0/path").asString())
                .isEqualTo(temp.resolve("peer").toString());
        assertThat(document.at("/peers/0/status").asString()).isEqualTo("PENDING");
    }

    private void afterARunTheLatestResultIsShownWithoutObjectContents() throws Exception {
        Files.createDirectories(temp.resolve("peer"));
        profileService.register("carol", "carol@example.com", "s3cret-carol");

        replication.replicateNow();

        String text = getText("/actuator/replication");
        JsonNode peer = JSON.readTree(text).at("/peers/0");
        assertThat(peer.at("/status").asString()).isEqualTo("SUCCEEDED");
        assertThat(peer.at("/lastRun").asString())
                .isNotBlank()
                .isEqualTo(peer.at("/lastSuccess").asString());
        assertThat(peer.at("/duration").asString()).startsWith("PT");
        assertThat(names(peer.at("/collections"))).containsExactly("notes", "profile");
        assertThat(peer.at("/pushed/revisionsCopied").asLong()).isEqualTo(2);
        assertThat(peer.at("/pushed/objectsCreated").asLong()).isEqualTo(2);
        assertThat(peer.at("/pulled/revisionsCopied").asLong()).isZero();
        assertThat(peer.at("/errors").size()).isZero();
        assertThat(text).doesNotContain("s3cret").doesNotContain("@example.com");
        assertThat(temp.resolve("peer").resolve("profile").resolve("carol")).isDirectory();
    }

    private void afterAFailedRunTheErrorAndTheLastSuccessAreShown() throws Exception {
        Path peer = temp.resolve("peer");
        Path away = Files.move(peer, temp.resolve("peer-unmounted"));
        try {
            replication.replicateNow();

            String text = getText("/actuator/replication");
            JsonNode status = JSON.readTree(text).at("/peers/0");
            assertThat(status.at("/status").asString()).isEqualTo("FAILED");
            assertThat(status.at("/errors/0").asString())
                    .contains(peer.toString())
                    .contains("does not exist");
            assertThat(Instant.parse(status.at("/lastSuccess").asString()))
                    .isBefore(Instant.parse(status.at("/lastRun").asString()));
            assertThat(peer).doesNotExist();
        } finally {
            Files.move(away, peer);
        }
    }

    @Test
    void compactionIsCallableFromCodeInTheApplication() {
        assertThat(compactor.compactNow())
                .extracting(result -> result.store().getFileName().toString())
                .containsExactly("notes", "profile");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(getText(path));
    }

    private String getText(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        return response.body();
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(element -> names.add(element.asString()));
        return names;
    }
}
