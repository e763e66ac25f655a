package io.github.multiprocessstore.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.sample.EventStream.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /profile-changes} over real ports, with two instances of the sample on one store: instance A is this
 * test's application, instance B a second application context in this JVM with its own port. Changes made through
 * either instance, and files written into the store by another program, appear in A's stream.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "sample.profile-changes.heartbeat=300ms",
            "multiprocess.store.changes.reconcile-interval=300ms",
            "multiprocess.store.changes.retention=1h"
        })
@DirtiesContext
class ProfileChangesStreamTests {

    @TempDir
    static Path root;

    private static ConfigurableApplicationContext instanceB;

    @DynamicPropertySource
    static void storeInTempDir(DynamicPropertyRegistry registry) {
        registry.add("multiprocess.store.path", () -> root.resolve("store").toString());
    }

    @LocalServerPort
    int port;

    @BeforeAll
    static void startInstanceB() {
        instanceB = new SpringApplicationBuilder(SampleApplication.class)
                .web(WebApplicationType.SERVLET)
                .run(
                        "--server.port=0",
                        "--multiprocess.store.path=" + root.resolve("store"),
                        "--multiprocess.store.durable=false",
                        "--management.server.port=",
                        "--spring.jmx.enabled=false");
    }

    @AfterAll
    static void stopInstanceB() {
        instanceB.close();
    }

    private static HttpApi instanceB() {
        return new HttpApi(
                ((WebServerApplicationContext) instanceB).getWebServer().getPort());
    }

    private static Map<String, String> data(Event event) {
        JsonNode json = HttpApi.parse(event.data());
        assertThat(json.propertyNames()).containsExactly("_id", "_rev", "kind");
        return Map.of(
                "_id", json.get("_id").asString(),
                "_rev", json.get("_rev").asString(),
                "kind", json.get("kind").asString());
    }

    private static String rev(JsonNode profile) {
        return profile.path("_rev").asString();
    }

    @Test
    void changesThroughEitherInstanceStreamAsEventsWithTheirTokens() throws Exception {
        HttpApi a = new HttpApi(port);
        HttpApi b = instanceB();
        try (EventStream stream = new EventStream(port, "/profile-changes")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            stream.nextComment(); // subscribed: the first heartbeat comes after the subscription started

            String created = rev(b.create("ann"));
            String updated = rev(a.update("ann", created, "Ann A"));
            assertThat(b.delete("/profiles/ann").statusCode()).isEqualTo(204);

            List<Event> events = stream.next(3);
            assertThat(events).allSatisfy(event -> {
                assertThat(event.name()).isEqualTo("change");
                assertThat(event.id()).isNotBlank().doesNotContain(" ", "\n");
            });
            assertThat(events.stream().map(ProfileChangesStreamTests::data))
                    .containsExactly(
                            Map.of("_id", "ann", "_rev", created, "kind", "created"),
                            Map.of("_id", "ann", "_rev", updated, "kind", "updated"),
                            Map.of("_id", "ann", "_rev", data(events.get(2)).get("_rev"), "kind", "deleted"));
        }
    }

    @Test
    void sinceZeroStartsWithEveryLiveProfileOnceThenTheChanges() throws Exception {
        HttpApi a = new HttpApi(port);
        String bob = rev(a.create("bob"));
        a.create("gone");
        a.delete("/profiles/gone");
        try (EventStream stream = new EventStream(port, "/profile-changes?since=0")) {
            List<Event> snapshot = stream.next(1);
            String cid = rev(instanceB().create("cid"));
            Event after = stream.next();

            assertThat(data(snapshot.get(0))).containsEntry("_id", "bob").containsEntry("_rev", bob);
            assertThat(data(snapshot.get(0))).containsEntry("kind", "created");
            assertThat(data(after)).isEqualTo(Map.of("_id", "cid", "_rev", cid, "kind", "created"));
        } finally {
            a.delete("/profiles/bob");
            a.delete("/profiles/cid");
        }
    }

    @Test
    void aClientResumesWithLastEventIdOrSinceAndMissesNothing() throws Exception {
        HttpApi a = new HttpApi(port);
        String lastSeen;
        try (EventStream stream = new EventStream(port, "/profile-changes")) {
            stream.nextComment();
            a.create("dan");
            lastSeen = stream.next().id();
        } // disconnected
        String missed1 = rev(instanceB().create("eve"));
        String missed2 = rev(a.create("fay"));

        try (EventStream resumed = new EventStream(port, "/profile-changes?since=0", "Last-Event-ID", lastSeen)) {
            // per-object order is guaranteed; these are two objects written by two instances
            assertThat(resumed.next(2).stream().map(e -> data(e).get("_rev")))
                    .containsExactlyInAnyOrder(missed1, missed2);
        }
        try (EventStream resumed = new EventStream(port, "/profile-changes?since=" + lastSeen)) {
            assertThat(resumed.next(2).stream().map(e -> data(e).get("_rev")))
                    .containsExactlyInAnyOrder(missed1, missed2);
        } finally {
            for (String id : List.of("dan", "eve", "fay")) {
                a.delete("/profiles/" + id);
            }
        }
    }

    @Test
    void filesWrittenIntoTheStoreByAnotherProgramAppear() throws Exception {
        try (EventStream stream = new EventStream(port, "/profile-changes")) {
            stream.nextComment();
            // as the npm package writes: a directory, then the revision file in place; no journal record
            Path object = Files.createDirectories(root.resolve("store/profiles/gil"));
            String revision = "0-00000000000000000000000000000abc";
            Files.writeString(object.resolve(revision), "{\"email\":\"gil@example.com\",\"displayName\":\"Gil\"}");

            assertThat(data(stream.next())).isEqualTo(Map.of("_id", "gil", "_rev", revision, "kind", "created"));
        } finally {
            new HttpApi(port).delete("/profiles/gil");
        }
    }

    @Test
    void aTooOldPositionGivesAResetThenEveryLiveProfile() throws Exception {
        HttpApi a = new HttpApi(port);
        String token;
        try (EventStream stream = new EventStream(port, "/profile-changes")) {
            stream.nextComment();
            String hal = rev(a.create("hal"));
            token = stream.next().id();
            // The same position, as if stored long ago: its journal listing time set to the epoch.
            String[] fields = token.split("\\.");
            fields[1] = "1";
            String old = String.join(".", fields);
            try (EventStream resumed = new EventStream(port, "/profile-changes?since=" + old)) {
                Event reset = resumed.next();
                assertThat(reset.name()).isEqualTo("reset");
                assertThat(reset.id()).isNotBlank();
                Event hals = resumed.next();
                assertThat(data(hals)).isEqualTo(Map.of("_id", "hal", "_rev", hal, "kind", "created"));
            }
        } finally {
            a.delete("/profiles/hal");
        }
    }

    @Test
    void aPositionTheFeedNeverGaveIsAProblem() {
        HttpApi a = new HttpApi(port);
        HttpApi.assertProblem(a.get("/profile-changes?since=not%20a%20token"), 400, "not a position of this feed");
        HttpApi.assertProblem(a.get("/profile-changes?since=12"), 400, "not a position of this feed");
    }
}
