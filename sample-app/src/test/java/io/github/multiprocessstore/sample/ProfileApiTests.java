package io.github.multiprocessstore.sample;

import static io.github.multiprocessstore.sample.HttpApi.REVISION;
import static io.github.multiprocessstore.sample.HttpApi.assertOneConflict;
import static io.github.multiprocessstore.sample.HttpApi.assertProblem;
import static io.github.multiprocessstore.sample.HttpApi.etag;
import static io.github.multiprocessstore.sample.HttpApi.json;
import static io.github.multiprocessstore.sample.HttpApi.profileJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.test.autoconfigure.AutoConfigureMultiprocessStore;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Every route of the profile API and each of its statuses, over a real port, with the files it leaves in the
 * store checked on disk. The store is a temporary one ({@link AutoConfigureMultiprocessStore}), emptied before each
 * test, so the tests share one application without sharing data.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMultiprocessStore
class ProfileApiTests {

    @Autowired
    StoreRoot root;

    Path store;

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
        store = root.path();
    }

    @Test
    void postCreatesProfileAtRevisionZeroWithLocationEtagAndFile() throws IOException {
        HttpResponse<String> response =
                api.post("/profiles", "{\"_id\":\"alice\",\"email\":\"alice@example.com\",\"displayName\":\"Alice\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue("/profiles/alice");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json(response);
        String rev = body.path("_rev").asString();
        assertThat(rev).matches("0-[0-9a-f]{32}");
        assertThat(etag(response)).isEqualTo("\"" + rev + "\"");
        assertThat(body.path("_id").asString()).isEqualTo("alice");
        assertThat(body.path("email").asString()).isEqualTo("alice@example.com");
        assertThat(body.path("displayName").asString()).isEqualTo("Alice");

        Path file = store.resolve("profiles").resolve("alice").resolve(rev);
        assertThat(file).isRegularFile();
        JsonNode onDisk = HttpApi.parse(Files.readString(file));
        assertThat(onDisk.path("email").asString()).isEqualTo("alice@example.com");
        assertThat(revisionFiles("alice")).containsExactly(rev);
    }

    @Test
    void idThatIsNotAPlainNameGetsAnEncodedLocation() {
        HttpResponse<String> response = api.post("/profiles", profileJson("Zoë Smith", null, "zoe@example.com", "Zoë"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue("/profiles/Zo%C3%AB%20Smith");
        HttpResponse<String> read = api.get("/profiles/Zo%C3%AB%20Smith");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).path("_id").asString()).isEqualTo("Zoë Smith");
    }

    @Test
    void postIgnoresRevisionInBody() {
        HttpResponse<String> response = api.post(
                "/profiles", profileJson("ruth", "7-0123456789abcdef0123456789abcdef", "ruth@example.com", "Ruth"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).path("_rev").asString()).startsWith("0-");
    }

    @Test
    void postOfExistingIdIsConflict() throws IOException {
        String rev = api.create("bob").path("_rev").asString();

        HttpResponse<String> response = api.post("/profiles", profileJson("bob", null, "other@example.com", "B"));

        assertProblem(response, 409, "already exists");
        assertThat(response.body()).as("no server path in errors").doesNotContain(store.toString());
        assertThat(revisionFiles("bob")).containsExactly(rev);
        assertThat(json(api.get("/profiles/bob")).path("email").asString()).isEqualTo("bob@example.com");
    }

    @Test
    void postAfterDeleteCreatesProfileAgain() {
        api.create("phoenix");
        assertThat(api.delete("/profiles/phoenix").statusCode()).isEqualTo(204);

        HttpResponse<String> response = api.post("/profiles", profileJson("phoenix", null, "new@example.com", "P"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(api.get("/profiles/phoenix")).path("email").asString()).isEqualTo("new@example.com");
    }

    @Test
    void getReturnsProfileWithEtag() {
        String rev = api.create("carol").path("_rev").asString();

        HttpResponse<String> response = api.get("/profiles/carol");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(etag(response)).isEqualTo("\"" + rev + "\"");
        JsonNode body = json(response);
        assertThat(body.path("_id").asString()).isEqualTo("carol");
        assertThat(body.path("_rev").asString()).isEqualTo(rev);
        assertThat(body.path("email").asString()).isEqualTo("carol@example.com");
    }

    @Test
    void getWithCurrentEtagInIfNoneMatchIsNotModified() {
        String rev = api.create("cached").path("_rev").asString();

        HttpResponse<String> response = api.get("/profiles/cached", "If-None-Match", "\"" + rev + "\"");

        assertThat(response.statusCode()).isEqualTo(304);
    }

    @Test
    void getOfAbsentProfileIsNotFound() {
        assertProblem(api.get("/profiles/nobody"), 404, "nobody");
    }

    @Test
    void putWithRevisionWritesNextRevision() throws IOException {
        String rev0 = api.create("dave").path("_rev").asString();

        // No _id in the body: the path names the profile.
        HttpResponse<String> response = api.put("/profiles/dave", profileJson(null, rev0, "dave@example.org", "David"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        String rev1 = body.path("_rev").asString();
        assertThat(rev1).matches("1-[0-9a-f]{32}");
        assertThat(etag(response)).isEqualTo("\"" + rev1 + "\"");
        assertThat(body.path("_id").asString()).isEqualTo("dave");
        assertThat(body.path("displayName").asString()).isEqualTo("David");
        assertThat(revisionFiles("dave")).containsExactly(rev0, rev1);
        assertThat(json(api.get("/profiles/dave")).path("email").asString()).isEqualTo("dave@example.org");
    }

    @Test
    void twoPutsFromSameRevisionBothLandAsConflict() throws IOException {
        String rev0 = api.create("erin").path("_rev").asString();

        String first = api.update("erin", rev0, "Erin A").path("_rev").asString();
        String second = api.update("erin", rev0, "Erin B").path("_rev").asString();

        assertThat(first).startsWith("1-");
        assertThat(second).startsWith("1-").isNotEqualTo(first);
        assertThat(revisionFiles("erin")).contains(first, second);
        HttpResponse<String> conflicts = api.get("/profiles/erin/conflicts");
        assertThat(conflicts.statusCode()).isEqualTo(200);
        assertOneConflict(json(conflicts), first, second);
        // Both revisions are kept; one of them wins for every reader.
        assertThat(json(api.get("/profiles/erin")).path("_rev").asString()).isIn(first, second);
    }

    @Test
    void putWithCurrentIfMatchUpdates() {
        String rev0 = api.create("frank").path("_rev").asString();

        HttpResponse<String> response = api.put(
                "/profiles/frank",
                profileJson("frank", null, "frank@example.com", "Frank"),
                "If-Match",
                "\"" + rev0 + "\"");

        assertThat(response.statusCode()).isEqualTo(200);
        String rev1 = json(response).path("_rev").asString();
        assertThat(rev1).startsWith("1-");
        assertThat(etag(response)).isEqualTo("\"" + rev1 + "\"");
    }

    @Test
    void putWithStaleIfMatchIsPreconditionFailedAndWritesNothing() throws IOException {
        String rev0 = api.create("gina").path("_rev").asString();
        String rev1 = api.update("gina", rev0, "Gina 1").path("_rev").asString();

        HttpResponse<String> response = api.put(
                "/profiles/gina",
                profileJson("gina", rev0, "gina@example.com", "Gina stale"),
                "If-Match",
                "\"" + rev0 + "\"");

        assertProblem(response, 412, "gina");
        assertThat(revisionFiles("gina")).containsExactly(rev0, rev1);
        assertThat(json(api.get("/profiles/gina")).path("displayName").asString())
                .isEqualTo("Gina 1");
    }

    @Test
    void putOfAbsentProfileIsNotFound() {
        String rev = "0-0123456789abcdef0123456789abcdef";
        assertProblem(api.put("/profiles/nobody", profileJson("nobody", rev, "n@example.com", "N")), 404, "nobody");
        assertProblem(
                api.put(
                        "/profiles/nobody",
                        profileJson("nobody", null, "n@example.com", "N"),
                        "If-Match",
                        "\"" + rev + "\""),
                404,
                "nobody");
        assertThat(store.resolve("profiles").resolve("nobody")).doesNotExist();
    }

    @Test
    void putOfDeletedProfileIsNotFound() {
        String rev0 = api.create("gone").path("_rev").asString();
        assertThat(api.delete("/profiles/gone").statusCode()).isEqualTo(204);

        assertProblem(api.put("/profiles/gone", profileJson("gone", rev0, "g@example.com", "G")), 404, "gone");
        assertProblem(
                api.put(
                        "/profiles/gone",
                        profileJson("gone", null, "g@example.com", "G"),
                        "If-Match",
                        "\"" + rev0 + "\""),
                404,
                "gone");
        assertThat(api.get("/profiles/gone").statusCode()).isEqualTo(404);
    }

    @Test
    void putWithoutRevisionOrIfMatchIsBadRequestNamingRev() {
        api.create("hank");

        assertProblem(api.put("/profiles/hank", profileJson("hank", null, "h@example.com", "H")), 400, "_rev");
    }

    @Test
    void putWithDifferentIdInBodyIsBadRequest() throws IOException {
        String rev0 = api.create("ivy").path("_rev").asString();

        HttpResponse<String> response = api.put("/profiles/ivy", profileJson("mallory", rev0, "m@example.com", "M"));

        assertProblem(response, 400, "mallory");
        assertThat(revisionFiles("ivy")).containsExactly(rev0);
        assertThat(store.resolve("profiles").resolve("mallory")).doesNotExist();
    }

    @Test
    void putWithIfMatchContradictingBodyRevisionIsBadRequest() {
        String rev0 = api.create("jack").path("_rev").asString();
        String other = "0-ffffffffffffffffffffffffffffffff";

        HttpResponse<String> response = api.put(
                "/profiles/jack", profileJson("jack", other, "j@example.com", "J"), "If-Match", "\"" + rev0 + "\"");

        assertProblem(response, 400, "If-Match");
    }

    @Test
    void putWithMalformedIfMatchIsBadRequest() {
        String rev0 = api.create("kate").path("_rev").asString();
        String body = profileJson("kate", null, "k@example.com", "K");

        assertProblem(api.put("/profiles/kate", body, "If-Match", rev0), 400, "If-Match");
        assertProblem(api.put("/profiles/kate", body, "If-Match", "W/\"" + rev0 + "\""), 400, "If-Match");
        assertProblem(api.put("/profiles/kate", body, "If-Match", "*"), 400, "If-Match");
    }

    @Test
    void putWithRevisionThatIsNoRevisionNameIsBadRequest() throws IOException {
        String rev0 = api.create("rita").path("_rev").asString();

        assertProblem(
                api.put("/profiles/rita", profileJson("rita", "garbage", "r@example.com", "R")), 400, "'garbage'");
        assertProblem(
                api.put("/profiles/rita", profileJson("rita", null, "r@example.com", "R"), "If-Match", "\"garbage\""),
                400,
                "'garbage'");
        assertThat(revisionFiles("rita")).containsExactly(rev0);
    }

    @Test
    void deleteRemovesProfileAndKeepsTombstoneRevision() throws IOException {
        String rev0 = api.create("liam").path("_rev").asString();

        HttpResponse<String> response = api.delete("/profiles/liam");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertProblem(api.get("/profiles/liam"), 404, "liam");
        assertThat(revisionFiles("liam")).hasSize(2).first().isEqualTo(rev0);
        assertThat(revisionFiles("liam").get(1)).startsWith("1-");
    }

    @Test
    void deleteOfAbsentProfileIsNotFound() {
        assertProblem(api.delete("/profiles/nobody"), 404, "nobody");
    }

    @Test
    void deleteOfDeletedProfileIsNotFound() {
        api.create("twice");
        assertThat(api.delete("/profiles/twice").statusCode()).isEqualTo(204);

        assertProblem(api.delete("/profiles/twice"), 404, "twice");
    }

    @Test
    void listReturnsLiveProfilesOnly() {
        api.create("list-a");
        api.create("list-b");
        api.create("list-deleted");
        api.delete("/profiles/list-deleted");

        HttpResponse<String> response = api.get("/profiles");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode list = json(response);
        assertThat(list.isArray()).isTrue();
        List<String> ids = list.valueStream()
                .map(profile -> profile.path("_id").asString())
                .toList();
        assertThat(ids).contains("list-a", "list-b").doesNotContain("list-deleted");
        assertThat(list.valueStream())
                .allSatisfy(
                        profile -> assertThat(profile.path("_rev").asString()).matches(REVISION));
    }

    @Test
    void conflictsOfProfileWithoutConflictsIsEmptyArray() {
        api.create("mona");

        HttpResponse<String> response = api.get("/profiles/mona/conflicts");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void conflictsOfAbsentProfileIsNotFound() {
        assertProblem(api.get("/profiles/nobody/conflicts"), 404, "nobody");
    }

    private List<String> revisionFiles(String id) throws IOException {
        try (Stream<Path> files = Files.list(store.resolve("profiles").resolve(id))) {
            return files.map(file -> file.getFileName().toString())
                    .sorted(ProfileApiTests::byRevision)
                    .toList();
        }
    }

    /** Orders revision names by number, then name (enough for the single-digit revisions of these tests). */
    private static int byRevision(String a, String b) {
        int byNumber = Integer.compare(number(a), number(b));
        return byNumber != 0 ? byNumber : a.compareTo(b);
    }

    private static int number(String revision) {
        return Integer.parseInt(revision.substring(0, revision.indexOf('-')));
    }
}
