package io.github.multiprocessstore.sample;

import static io.github.multiprocessstore.sample.HttpApi.assertProblem;
import static io.github.multiprocessstore.sample.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.test.autoconfigure.AutoConfigureMultiprocessStore;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /profiles} with paging, sorting and filters, validation of bodies with an {@code errors} array, and
 * profiles as open objects (extra fields kept, PUT replacing the document), over a real port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMultiprocessStore
class ProfileQueryAndOpenObjectTests {

    @Autowired
    StoreRoot root;

    @Autowired
    ProfileRepository profiles;

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
    }

    private void createProfiles() {
        for (String[] profile : List.of(
                new String[] {"p1", "ann@example.com", "Ann"},
                new String[] {"p2", "bob@example.com", "Bob"},
                new String[] {"p3", "ann@example.com", "Annie"},
                new String[] {"p4", "cy@example.com", "Cy"},
                new String[] {"p5", "dee@example.com", "Ann"})) {
            HttpResponse<String> created =
                    api.post("/profiles", HttpApi.profileJson(profile[0], null, profile[1], profile[2]));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
    }

    private static List<String> ids(JsonNode content) {
        return content.valueStream()
                .map(profile -> profile.path("_id").asString())
                .toList();
    }

    @Test
    void withoutParametersTheListIsAnArrayOfEveryProfile() {
        createProfiles();

        JsonNode list = json(api.get("/profiles"));

        assertThat(list.isArray()).isTrue();
        assertThat(ids(list)).containsExactly("p1", "p2", "p3", "p4", "p5");
    }

    @Test
    void pagingSortingAndFiltersAnswerSpringDatasPageShape() {
        createProfiles();

        JsonNode page = json(api.get("/profiles?page=1&size=2&sort=displayName,desc"));
        assertThat(ids(page.path("content"))).containsExactly("p3", "p1");
        assertThat(page.path("page").path("size").asInt()).isEqualTo(2);
        assertThat(page.path("page").path("number").asInt()).isEqualTo(1);
        assertThat(page.path("page").path("totalElements").asLong()).isEqualTo(5);
        assertThat(page.path("page").path("totalPages").asInt()).isEqualTo(3);

        JsonNode byEmail = json(api.get("/profiles?email=ann@example.com"));
        assertThat(ids(byEmail.path("content"))).containsExactly("p1", "p3");
        assertThat(byEmail.path("page").path("size").asInt()).isEqualTo(20);
        assertThat(byEmail.path("page").path("number").asInt()).isZero();
        assertThat(byEmail.path("page").path("totalElements").asLong()).isEqualTo(2);

        JsonNode byName = json(api.get("/profiles?displayName=Ann&sort=_id,desc"));
        assertThat(ids(byName.path("content"))).containsExactly("p5", "p1");

        JsonNode both = json(api.get("/profiles?displayName=Ann&email=ann@example.com"));
        assertThat(ids(both.path("content"))).containsExactly("p1");

        JsonNode sortedByEmail = json(api.get("/profiles?sort=email&sort=displayName,desc&size=1000"));
        assertThat(ids(sortedByEmail.path("content"))).containsExactly("p3", "p1", "p2", "p4", "p5");
        assertThat(profiles.findByEmail("ann@example.com"))
                .extracting(Profile::id)
                .containsExactly("p1", "p3");
    }

    @Test
    void unknownSortFieldsAndTooLargePagesAreBadRequests() {
        assertProblem(api.get("/profiles?sort=phone"), 400, "'phone'");
        assertProblem(api.get("/profiles?sort=email,sideways"), 400, "email,sideways");
        assertProblem(api.get("/profiles?size=1001"), 400, "'size'");
        assertProblem(api.get("/profiles?size=0"), 400, "'size'");
        assertProblem(api.get("/profiles?page=-1"), 400, "'page'");
        assertProblem(api.get("/profiles?page=first"), 400, "'page'");
    }

    @Test
    void invalidFieldsAreListedOneByOneAndNothingIsWritten() throws Exception {
        HttpResponse<String> response = api.post(
                "/profiles",
                "{\"_id\":\"val\",\"email\":\"not-an-address\",\"displayName\":\"" + "x".repeat(201) + "\"}");

        JsonNode problem = assertProblem(response, 400, "'email'");
        assertThat(problem.path("errors")
                        .valueStream()
                        .map(error -> error.path("field").asString()))
                .containsExactly("displayName", "email");
        assertThat(problem.path("errors")
                        .valueStream()
                        .map(error -> error.path("message").asString()))
                .allSatisfy(message -> assertThat(message).isNotBlank());

        JsonNode typeErrors = assertProblem(
                api.post("/profiles", "{\"_id\":\"val\",\"email\":5,\"displayName\":true}"), 400, "JSON string");
        assertThat(typeErrors
                        .path("errors")
                        .valueStream()
                        .map(error -> error.path("field").asString()))
                .containsExactly("email", "displayName");
        assertThat(Files.exists(root.path().resolve("profiles").resolve("val"))).isFalse();

        String rev = api.create("valid").path("_rev").asString();
        JsonNode putProblem = assertProblem(
                api.put("/profiles/valid", "{\"_rev\":\"" + rev + "\",\"email\":\"nope\"}"), 400, "email");
        assertThat(putProblem.path("errors").get(0).path("field").asString()).isEqualTo("email");
        assertThat(profiles.findRevisions("valid")).containsExactly(rev);
        assertThat(api.post("/profiles", "{\"_id\":\"ok\",\"displayName\":\"" + "x".repeat(200) + "\"}")
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void extraFieldsAreStoredShownAndReplacedByPut() throws Exception {
        HttpResponse<String> created = api.post(
                "/profiles", "{\"_id\":\"open\",\"email\":\"o@example.com\",\"phone\":\"555\",\"tags\":[\"a\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        String rev = json(created).path("_rev").asString();
        JsonNode onDisk = HttpApi.parse(
                Files.readString(root.path().resolve("profiles/open").resolve(rev)));
        assertThat(onDisk.path("phone").asString()).isEqualTo("555");

        JsonNode read = json(api.get("/profiles/open"));
        assertThat(read.path("phone").asString()).isEqualTo("555");
        assertThat(read.path("tags").get(0).asString()).isEqualTo("a");

        HttpResponse<String> replaced =
                api.put("/profiles/open", "{\"_rev\":\"" + rev + "\",\"email\":\"o@example.com\",\"phone\":\"777\"}");
        assertThat(replaced.statusCode()).isEqualTo(200);
        JsonNode after = json(api.get("/profiles/open"));
        assertThat(after.path("phone").asString()).isEqualTo("777");
        assertThat(after.has("tags")).isFalse();
    }

    @Test
    void aFieldAnotherProgramWroteIsShownByGetAndTheList() {
        ObjectNode written = (ObjectNode) HttpApi.parse(
                "{\"_id\":\"node\",\"email\":\"n@example.com\",\"displayName\":\"Node\",\"phone\":\"+1 555\"}");
        root.collection("profiles").createObject(written);

        assertThat(json(api.get("/profiles/node")).path("phone").asString()).isEqualTo("+1 555");
        assertThat(json(api.get("/profiles")).get(0).path("phone").asString()).isEqualTo("+1 555");
    }
}
