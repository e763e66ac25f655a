package io.github.multiprocessstore.sample;

import static io.github.multiprocessstore.sample.HttpApi.assertProblem;
import static io.github.multiprocessstore.sample.HttpApi.json;
import static io.github.multiprocessstore.sample.HttpApi.profileJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.multiprocessstore.autoconfigure.ObjectStoreBuilderCustomizer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * The sample over HTTP on a store whose file system fills up or turns read-only (a tmpfs the test mounts, so it
 * needs root): a write on a full disk is 507 and on a read-only file system 503, both
 * {@code application/problem+json}; reads keep working; health is DOWN with the reason; and once space is freed or
 * the file system remounted read-write, the same running application writes again.
 */
@Tag("filesystems")
class StoreFailuresOverHttpIT {

    /**
     * The change journal keeps its segment open for writing, and Linux refuses {@code mount -o remount,ro} (EBUSY)
     * while a file is open for writing (a kernel remounting read-only after an error does not ask); off here, so the
     * test can remount the way an administrator would.
     */
    @Configuration(proxyBeanMethods = false)
    static class JournalOff {
        @Bean
        ObjectStoreBuilderCustomizer journalOff() {
            return builder -> builder.changeJournal(false);
        }
    }

    @TempDir
    Path temp;

    private Path mount;
    private ConfigurableApplicationContext application;
    private HttpApi api;

    @BeforeEach
    void mountAndStart() {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "needs root to mount a tmpfs (runs in .ci/run, as root, with -Pfilesystems)");
        mount = temp.resolve("mnt");
        run("mkdir", "-p", mount.toString());
        run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString());
        application = new SpringApplicationBuilder(SampleApplication.class, JournalOff.class)
                .run(
                        "--server.port=0",
                        "--multiprocess.store.path=" + mount.resolve("store"),
                        "--multiprocess.store.health.min-free-space=0B",
                        "--server.tomcat.basedir=" + temp.resolve("tomcat"));
        int port = ((WebServerApplicationContext) application).getWebServer().getPort();
        api = new HttpApi(port);
    }

    @AfterEach
    void stopAndUnmount() {
        if (application != null) {
            application.close();
        }
        if (mount != null && run("mountpoint", "-q", mount.toString()) != null) {
            if (run("umount", mount.toString()) == null) {
                run("umount", "-l", mount.toString());
            }
        }
    }

    @Test
    void aFullDiskAnswers507ReadsStillWorkHealthIsDownAndFreeingSpaceHeals() throws IOException {
        JsonNode alice = api.create("alice");
        Path filler = mount.resolve("filler");
        fill(filler);

        assertProblem(api.post("/profiles", profileJson("bob", null, "bob@example.com", "Bob")), 507, "full");
        assertProblem(
                api.put(
                        "/profiles/alice",
                        profileJson("alice", alice.get("_rev").asString(), "a@x", "A")),
                507,
                "full");
        JsonNode problem = assertProblem(api.delete("/profiles/alice"), 507, "nothing was written");
        assertThat(problem.get("title").asString()).isEqualTo("Profile store is full");
        assertThat(json(api.get("/profiles/alice"))).isEqualTo(alice);
        assertHealthDown("disk is full");

        Files.delete(filler);

        api.create("bob");
        api.update("alice", alice.get("_rev").asString(), "Alice again");
        assertThat(json(api.get("/actuator/health")).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void aReadOnlyFileSystemAnswers503ReadsStillWorkHealthIsDownAndARemountHeals() {
        JsonNode alice = api.create("alice");
        run("mount", "-o", "remount,ro", mount.toString());
        try {
            JsonNode problem = assertProblem(
                    api.post("/profiles", profileJson("bob", null, "bob@example.com", "Bob")), 503, "read-only");
            assertThat(problem.get("title").asString()).isEqualTo("Profile store is read-only");
            assertProblem(api.delete("/profiles/alice"), 503, "read-only");
            assertThat(json(api.get("/profiles/alice"))).isEqualTo(alice);
            assertThat(api.get("/profiles").statusCode()).isEqualTo(200);
            assertHealthDown("read-only");
        } finally {
            run("mount", "-o", "remount,rw", mount.toString());
        }

        api.create("bob");
        assertThat(api.delete("/profiles/alice").statusCode()).isEqualTo(204);
        assertThat(json(api.get("/actuator/health")).path("status").asString()).isEqualTo("UP");
    }

    private void assertHealthDown(String reason) {
        HttpResponse<String> health = api.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode store = json(health).path("components").path("multiprocessStore");
        assertThat(store.path("status").asString()).isEqualTo("DOWN");
        assertThat(store.path("details").path("reason").asString()).contains(reason);
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).contains("No space left");
        }
    }

    /** Runs a command; returns its output, or null (after failing the test unless it may fail) if it failed. */
    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                if (command[0].equals("mount") || command[0].equals("mkdir")) {
                    throw new AssertionError(String.join(" ", command) + " failed: " + output);
                }
                return null;
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError(String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
