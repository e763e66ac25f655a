package io.github.multiprocessstore.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.multiprocessstore.repository.ObjectRepository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's Spring Boot application as a newcomer builds it (the starter, the web and actuator starters, its
 * {@code application.yml} and nothing else) does what the README says: the service's three kinds of write, the
 * customizer's history limit, the store's log line, and actuator over HTTP. Only the root moves to a temporary
 * directory, and writes skip fsync to keep the test fast. Spring Security is on this module's class path for the
 * sample's review pages but not in the newcomer's application, so its auto-configuration is left out here.
 */
@SpringBootTest(
        classes = MyApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.location=classpath:/readme/application.yml",
            "multiprocess.store.durable=false",
            "spring.autoconfigure.exclude="
                    + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
                    + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
                    + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
                    + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
                    + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"
        })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext // closes the store before JUnit deletes its directory
class MyApplicationTests {

    @TempDir
    static Path temp;

    @DynamicPropertySource
    static void rootInTempDir(DynamicPropertyRegistry registry) {
        registry.add("multiprocess.store.path", () -> root().toString());
    }

    private static Path root() {
        return temp.resolve("my-app-root");
    }

    @Autowired
    ProfileService service;

    @Autowired
    ObjectRepository<Profile> profiles;

    @LocalServerPort
    int port;

    @Test
    void theServiceInsertsUpdatesStrictlyAndCountsAtomically() {
        Profile alice = service.register("alice", "alice@example.com");
        assertThat(root().resolve("profiles").resolve("alice").resolve(alice.rev()))
                .isRegularFile();

        assertThat(service.countVisit("alice").visits()).isEqualTo(1);
        Profile changed = service.changeEmail("alice", "alice@example.org");

        assertThat(changed).isEqualTo(new Profile("alice", changed.rev(), "alice@example.org", 1));
        assertThat(profiles.findById("alice")).contains(changed);
        assertThatExceptionOfType(DuplicateKeyException.class)
                .isThrownBy(() -> service.register("alice", "someone@example.com"));
        assertThatExceptionOfType(OptimisticLockingFailureException.class)
                .isThrownBy(() -> profiles.save(alice.withEmail("stale@example.com")));
    }

    @Test
    void theCustomizerLimitsTheHistoryOfEveryObject() {
        service.register("bob", "bob@example.com");
        for (int i = 0; i < 150; i++) {
            service.countVisit("bob");
        }

        assertThat(profiles.findById("bob").orElseThrow().visits()).isEqualTo(150);
        assertThat(profiles.findRevisions("bob")).hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void actuatorAnswersOverHttp() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"multiprocessStore\"").contains("\"UP\"");

        HttpResponse<String> conflicts = get("/actuator/conflicts");
        assertThat(conflicts.statusCode()).as(conflicts.body()).isEqualTo(200);
        assertThat(conflicts.body()).contains("\"conflictedObjects\":0");

        assertThat(get("/actuator/info").body()).contains("\"multiprocessStore\"");
    }

    @Test
    void theStartLogsTheRootAndItsCollections(CapturedOutput output) {
        assertThat(output).contains("Multiprocess store at " + root() + " with collections [profiles]");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build();
        return HttpClient.newHttpClient().send(request, BodyHandlers.ofString());
    }
}
