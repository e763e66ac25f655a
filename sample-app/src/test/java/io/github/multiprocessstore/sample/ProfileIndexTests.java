package io.github.multiprocessstore.sample;

import static io.github.multiprocessstore.sample.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.test.autoconfigure.AutoConfigureMultiprocessStore;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The sample's profiles are {@code @Indexed} on {@code email} and {@code displayName}: {@code GET /profiles?email=}
 * and pages sorted by display name use the indexes, as the repository's debug explanation says, and see a write by
 * another writer of the directory (a second store instance, with its own journal segment, as another process has)
 * in the very next request.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "logging.level.io.github.multiprocessstore.repository=DEBUG")
@AutoConfigureMultiprocessStore
@ExtendWith(OutputCaptureExtension.class)
class ProfileIndexTests {

    @Autowired
    StoreRoot root;

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
    }

    private static List<String> ids(JsonNode page) {
        return page.path("content")
                .valueStream()
                .map(profile -> profile.path("_id").asString())
                .toList();
    }

    @Test
    void searchByEmailUsesTheIndexAndSeesEveryWriteOfAnotherWriterMadeBeforeIt(CapturedOutput output) {
        HttpResponse<String> created =
                api.post("/profiles", HttpApi.profileJson("ann", null, "ann@example.com", "Ann"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        try (ObjectStore otherWriter = ObjectStore.builder(
                        root.collection("profiles").path())
                .durable(false)
                .build()) {
            for (int i = 0; i < 20; i++) {
                otherWriter.createObject(JsonNodeFactory.instance
                        .objectNode()
                        .put("_id", "x" + i)
                        .put("email", "x" + i + "@example.com")
                        .put("displayName", "X"));
                assertThat(ids(json(api.get("/profiles?email=x" + i + "@example.com"))))
                        .as("right after write %d", i)
                        .containsExactly("x" + i);
                // The old address no longer matches as soon as the change is written, whatever the index says.
                otherWriter.updateObjectAtomically("x" + i, profile -> profile.put("email", "moved@example.com"));
                assertThat(ids(json(api.get("/profiles?email=x" + i + "@example.com"))))
                        .isEmpty();
            }
        }
        assertThat(ids(json(api.get("/profiles?email=ann@example.com")))).containsExactly("ann");
        assertThat(output).contains("Query findByEmail on collection 'profiles' used equality on index 'email'");
        assertThat(output).doesNotContain("Query findByEmail on collection 'profiles' scanned");
    }

    @Test
    void pagesSortedByDisplayNameWalkItsIndex(CapturedOutput output) {
        for (String[] profile : List.of(
                new String[] {"p1", "Cy"}, new String[] {"p2", "Ann"}, new String[] {"p3", "Bob"}, new String[] {
                    "p4", "Ann"
                })) {
            api.post("/profiles", HttpApi.profileJson(profile[0], null, profile[0] + "@example.com", profile[1]));
        }

        assertThat(ids(json(api.get("/profiles?page=0&size=3&sort=displayName"))))
                .containsExactly("p2", "p4", "p3");
        assertThat(ids(json(api.get("/profiles?page=1&size=3&sort=displayName,desc"))))
                .containsExactly("p4");
        assertThat(output)
                .contains("Query findAll(Pageable) on collection 'profiles' used the order of index 'displayName'");
    }
}
