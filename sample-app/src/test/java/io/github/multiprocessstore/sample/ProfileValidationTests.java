package io.github.multiprocessstore.sample;

import static io.github.multiprocessstore.sample.HttpApi.assertProblem;
import static io.github.multiprocessstore.sample.HttpApi.profileJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Malformed bodies and ids that read as paths get a 400 {@code application/problem+json} that names the problem,
 * and touch no file: after every test the directory beside the store is still empty and the store holds no
 * object. No test here sends a valid profile, so the store must stay free of objects.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext // closes the application before JUnit deletes its store directory
class ProfileValidationTests {

    private static final String SOME_REVISION = "0-0123456789abcdef0123456789abcdef";

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void storeInTempDir(DynamicPropertyRegistry registry) {
        registry.add("multiprocess.store.path", () -> root.resolve("store").toString());
    }

    @BeforeAll
    static void createSiblingOfStore() throws IOException {
        Files.createDirectory(root.resolve("outside"));
    }

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
    }

    @AfterEach
    void nothingWasWrittenOutsideTheStoreNorAnyObjectInside() throws IOException {
        assertThat(names(root)).containsExactlyInAnyOrder("outside", "store");
        assertThat(names(root.resolve("outside"))).isEmpty();
        assertThat(visibleNames(root.resolve("store"))).isSubsetOf("profiles");
        assertThat(visibleNames(root.resolve("store").resolve("profiles")))
                .as("object directories")
                .isEmpty();
    }

    static Stream<Arguments> pathsWithBadIds() {
        List<List<String>> pathAndDecodedId = List.of(
                List.of("/profiles/..", ".."),
                List.of("/profiles/%2E%2E", ".."),
                List.of("/profiles/.", "."),
                List.of("/profiles/a%2Fb", "a/b"),
                List.of("/profiles/..%2Foutside%2Fevil", "../outside/evil"),
                List.of("/profiles/%2Ftmp%2Fevil", "/tmp/evil"),
                List.of("/profiles/..%5Coutside", "..\\outside"));
        return Stream.of("GET", "PUT", "DELETE", "GET conflicts")
                .flatMap(method -> pathAndDecodedId.stream()
                        .map(pathAndId -> Arguments.of(method, pathAndId.get(0), pathAndId.get(1))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pathsWithBadIds")
    void idThatReadsAsPathIsBadRequest(String method, String path, String decodedId) {
        String body = method.equals("PUT") ? profileJson(null, SOME_REVISION, "x@example.com", "X") : null;
        String httpMethod = method.startsWith("GET") ? "GET" : method;
        String target = method.endsWith("conflicts") ? path + "/conflicts" : path;

        assertProblem(api.send(httpMethod, target, body), 400, "'" + decodedId + "'");
    }

    static Stream<Arguments> bodiesWithBadIds() {
        return Stream.of(
                Arguments.of("{\"_id\":\"..\",\"email\":\"x@example.com\"}", "'..'"),
                Arguments.of("{\"_id\":\".\",\"email\":\"x@example.com\"}", "'.'"),
                Arguments.of("{\"_id\":\"../outside/evil\",\"email\":\"x@example.com\"}", "'../outside/evil'"),
                Arguments.of("{\"_id\":\"a\\\\b\",\"email\":\"x@example.com\"}", "'a\\b'"),
                Arguments.of("{\"_id\":\"\",\"email\":\"x@example.com\"}", "empty"),
                Arguments.of("{\"email\":\"x@example.com\"}", "_id"),
                Arguments.of("{\"_id\":null}", "_id"));
    }

    @ParameterizedTest(name = "POST {0}")
    @MethodSource("bodiesWithBadIds")
    void postWithBadIdIsBadRequest(String body, String detailFragment) {
        assertProblem(api.post("/profiles", body), 400, detailFragment);
    }

    @Test
    void idTheStoreCannotHoldIsBadRequest() {
        String tooLongForAFileName = "x".repeat(300);

        assertProblem(
                api.post("/profiles", profileJson(tooLongForAFileName, null, "x@example.com", "X")),
                400,
                tooLongForAFileName);
    }

    @Test
    void malformedJsonIsBadRequestNamingTheSyntaxError() {
        assertProblem(api.post("/profiles", "{\"_id\":\"nina\","), 400, "end-of-input");
        assertProblem(api.put("/profiles/nina", "{\"_rev\":"), 400, "end-of-input");
        assertProblem(api.post("/profiles", "{\"_id\":\"nina\"} trailing"), 400, "trailing");
    }

    @Test
    void jsonThatIsNotAProfileIsBadRequest() {
        assertProblem(api.post("/profiles", "[1, 2]"), 400, "not an object");
        assertProblem(api.post("/profiles", "\"nina\""), 400, "not an object");
        assertProblem(api.post("/profiles", "{\"_id\":\"nina\",\"email\":{\"a\":1}}"), 400, "'email'");
    }

    @Test
    void missingBodyIsBadRequest() {
        assertProblem(api.send("POST", "/profiles", null, "Content-Type", "application/json"), 400, "missing");
    }

    @Test
    void bodyThatIsNotJsonIsUnsupportedMediaType() {
        assertProblem(api.send("POST", "/profiles", null, "Content-Type", "text/plain"), 415, "text/plain");
    }

    private static List<String> names(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).toList();
        }
    }

    /** Entries other than the engine's own, which start with a dot and are never objects. */
    private static List<String> visibleNames(Path directory) throws IOException {
        return names(directory).stream().filter(name -> !name.startsWith(".")).toList();
    }
}
