package io.github.multiprocessstore.sample;

import static io.github.multiprocessstore.sample.HttpApi.assertProblem;
import static io.github.multiprocessstore.sample.HttpApi.profileJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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
 * A profile over {@code multiprocess.store.max-object-size} is refused with 413 {@code application/problem+json}
 * (not the 400 of other invalid input), for a create and an update alike, and nothing is written.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "multiprocess.store.max-object-size=1KB")
@DirtiesContext // closes the application before JUnit deletes its store directory
class ProfileSizeLimitTests {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void storeInTempDir(DynamicPropertyRegistry registry) {
        registry.add("multiprocess.store.path", () -> root.resolve("store").toString());
    }

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
    }

    @Test
    void aProfileOverTheLimitIsRefusedWith413AndNothingIsWritten() throws IOException {
        JsonNode problem = assertProblem(
                api.post("/profiles", withBio("big", null, "x".repeat(2000))), 413, "over the store's limit");

        assertThat(problem.get("title").asString()).isEqualTo("Profile too large");
        assertThat(problem.get("detail").asString()).contains("1024 bytes");
        assertThat(root.resolve("store/profiles/big")).doesNotExist();
    }

    @Test
    void anUpdateOverTheLimitIsRefusedWith413AndTheProfileStaysAsItWas() throws IOException {
        JsonNode created = api.create("grows");
        String rev = created.get("_rev").asString();

        assertProblem(api.put("/profiles/grows", withBio("grows", rev, "y".repeat(2000))), 413, "make it smaller");

        assertThat(HttpApi.json(api.get("/profiles/grows"))).isEqualTo(created);
        try (Stream<Path> revisions = Files.list(root.resolve("store/profiles/grows"))) {
            assertThat(revisions).hasSize(1);
        }
    }

    /**
     * A valid profile made large by a field the sample does not validate (profiles are open objects), so that only
     * the store's size limit can refuse it.
     */
    private static String withBio(String id, String rev, String bio) {
        String json = profileJson(id, rev, id + "@example.com", "A. Person");
        return json.substring(0, json.length() - 1) + ",\"bio\":\"" + bio + "\"}";
    }
}
