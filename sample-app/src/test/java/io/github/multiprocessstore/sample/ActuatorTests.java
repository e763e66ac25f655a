package io.github.multiprocessstore.sample;

import static io.github.multiprocessstore.sample.HttpApi.assertOneConflict;
import static io.github.multiprocessstore.sample.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The actuator endpoints the sample exposes by default ({@code health} with details, {@code conflicts},
 * {@code metrics}, {@code info}), seeing a conflict made through the API. One conflict in an otherwise empty
 * store, so the counts are exact.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext // closes the application before JUnit deletes its store directory
class ActuatorTests {

    /** The sample's configured interval (application.yml); the gauge must follow the disk within it. */
    private static final Duration SCAN_INTERVAL = Duration.ofSeconds(2);

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
    void healthShowsStoreDetails() {
        HttpResponse<String> response = api.get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = json(response);
        assertThat(health.path("status").asString()).isEqualTo("UP");
        JsonNode storeHealth = health.path("components").path("multiprocessStore");
        assertThat(storeHealth.path("status").asString()).isEqualTo("UP");
        assertThat(Path.of(storeHealth.path("details").path("path").asString())).isEqualTo(store);
        assertThat(storeHealth.path("details").path("conflictedObjects").isNumber())
                .isTrue();
    }

    @Test
    void conflictShowsInConflictsEndpointAndGauge() {
        String rev0 = api.create("olga").path("_rev").asString();
        String first = api.update("olga", rev0, "Olga A").path("_rev").asString();
        String second = api.update("olga", rev0, "Olga B").path("_rev").asString();

        HttpResponse<String> response = api.get("/actuator/conflicts");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode conflicts = json(response);
        assertThat(conflicts.path("conflictedObjects").asInt()).isEqualTo(1);
        assertOneConflict(conflicts.path("collections").path("profiles").path("olga"), first, second);
        await().atMost(SCAN_INTERVAL.plusSeconds(3)).untilAsserted(() -> {
            HttpResponse<String> gauge =
                    api.get("/actuator/metrics/multiprocess.store.conflicts?tag=collection:profiles");
            assertThat(gauge.statusCode()).as(gauge.body()).isEqualTo(200);
            assertThat(json(gauge).path("measurements").path(0).path("value").asDouble())
                    .isEqualTo(1.0);
        });
        await().atMost(SCAN_INTERVAL.plusSeconds(3))
                .untilAsserted(() -> assertThat(json(api.get("/actuator/health"))
                                .path("components")
                                .path("multiprocessStore")
                                .path("details")
                                .path("conflictedObjects")
                                .asInt())
                        .isEqualTo(1));
    }

    @Test
    void infoNamesTheApplication() {
        HttpResponse<String> response = api.get("/actuator/info");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode app = json(response).path("app");
        assertThat(app.path("name").asString()).isEqualTo("sample-app");
        assertThat(app.path("description").asString()).contains("profile manager");
    }
}
