package io.github.multiprocessstore.sample;

import static io.github.multiprocessstore.sample.HttpApi.assertOneConflict;
import static io.github.multiprocessstore.sample.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Two instances of the sample on one store path: instance A runs in this test's JVM, instance B is started as a
 * separate JVM. A conflict made through A shows up in B's {@code /actuator/conflicts} and in B's gauge within
 * the conflict scan interval; a profile written through B is read through A.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext // closes instance A before JUnit deletes the store directory
class TwoInstancesTests {

    private static final Duration SCAN_INTERVAL = Duration.ofSeconds(1);

    /** Time to answer HTTP and finish a scan, with room for a busy CI machine. */
    private static final Duration SLACK = Duration.ofSeconds(4);

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void storeInTempDir(DynamicPropertyRegistry registry) {
        registry.add("multiprocess.store.path", TwoInstancesTests::storePath);
        registry.add("multiprocess.store.conflict-scan-interval", SCAN_INTERVAL::toString);
    }

    private static String storePath() {
        return root.resolve("store").toString();
    }

    @LocalServerPort
    int port;

    @Test
    void instancesOnOneStoreSeeEachOthersWritesAndConflicts() throws Exception {
        HttpApi a = new HttpApi(port);
        Path tmpDir = Files.createDirectory(root.resolve("instance-b-tmp"));
        try (SeparateJvmApp instanceB = SeparateJvmApp.start(
                tmpDir,
                "--multiprocess.store.path=" + storePath(),
                "--multiprocess.store.conflict-scan-interval=" + SCAN_INTERVAL)) {
            HttpApi b = new HttpApi(instanceB.awaitPort(Duration.ofSeconds(90)));

            String rev0 = a.create("carol").path("_rev").asString();
            String first = a.update("carol", rev0, "Carol A").path("_rev").asString();
            String second = a.update("carol", rev0, "Carol B").path("_rev").asString();

            await().atMost(SCAN_INTERVAL.plus(SLACK)).untilAsserted(() -> {
                HttpResponse<String> gauge =
                        b.get("/actuator/metrics/multiprocess.store.conflicts?tag=collection:profiles");
                assertThat(gauge.statusCode()).as(gauge.body()).isEqualTo(200);
                assertThat(json(gauge)
                                .path("measurements")
                                .path(0)
                                .path("value")
                                .asDouble())
                        .isEqualTo(1.0);
            });
            JsonNode conflictsOnB = json(b.get("/actuator/conflicts"));
            assertThat(conflictsOnB.path("conflictedObjects").asInt()).isEqualTo(1);
            assertOneConflict(conflictsOnB.path("collections").path("profiles").path("carol"), first, second);
            assertOneConflict(json(b.get("/profiles/carol/conflicts")), first, second);

            HttpResponse<String> createdOnB =
                    b.post("/profiles", HttpApi.profileJson("dave", null, "dave@example.com", "Dave"));
            assertThat(createdOnB.statusCode()).as(instanceB.output()).isEqualTo(201);
            HttpResponse<String> readOnA = a.get("/profiles/dave");
            assertThat(readOnA.statusCode()).isEqualTo(200);
            assertThat(readOnA.body()).isEqualTo(createdOnB.body());
            assertThat(a.post("/profiles", HttpApi.profileJson("dave", null, "x@example.com", "X"))
                            .statusCode())
                    .isEqualTo(409);
        }
    }
}
