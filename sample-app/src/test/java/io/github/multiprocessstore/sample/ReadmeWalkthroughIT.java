package io.github.multiprocessstore.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.multiprocessstore.sample.ReadmeTranscript.Step;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the README's curl walk-through, exactly as written, with bash, curl and jq against the sample on a random
 * port: only {@code localhost:8080} and the sample's default store directory are replaced by this test's. The
 * first run must print what the README shows (the random part of revision names aside; of each HTTP response the
 * status line, the headers the README shows and the body); a second run on the same store must give the same
 * statuses, as the README promises for every run. Skipped, with the reason, where bash, curl or jq is missing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext // closes the store before JUnit deletes its directory
class ReadmeWalkthroughIT {

    static final String MARKER =
            "walkthrough: run by sample-app/src/test/java/io/github/multiprocessstore/sample/ReadmeWalkthroughIT.java";

    private static final String STEP_SEPARATOR = "@@ readme step @@";
    private static final String README_PORT = "localhost:8080";
    private static final String README_STORE = "~/.multiprocess-store/sample-app";

    @TempDir
    static Path temp;

    @DynamicPropertySource
    static void storeInTempDir(DynamicPropertyRegistry registry) {
        registry.add("multiprocess.store.path", () -> store().toString());
    }

    private static Path store() {
        return temp.resolve("sample-app");
    }

    @LocalServerPort
    int port;

    @Test
    void theWalkthroughPrintsWhatTheReadmeShowsAndGivesTheSameStatusesWhenRunAgain() throws Exception {
        for (String tool : List.of("bash", "curl", "jq")) {
            assumeTrue(
                    onPath(tool),
                    tool + " is not on the PATH: the README walk-through test needs bash, curl and jq"
                            + " (e.g. apt-get install curl jq)");
        }
        List<Step> steps = ReadmeTranscript.read(MARKER).steps();
        assertThat(steps).isNotEmpty();
        assertThat(steps.stream().map(Step::statusLine))
                .as("the walk-through shows the strict update's 412")
                .contains("HTTP/1.1 412");

        List<String> first = run(steps);
        for (int i = 0; i < steps.size(); i++) {
            assertShows(steps.get(i), first.get(i));
        }

        List<String> second = run(steps);
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.showsStatus()) {
                assertThat(HttpText.parse(second.get(i)).status())
                        .as("second run, status of: %s", step.command())
                        .isEqualTo(step.statusLine());
            }
        }
    }

    /** Runs every command in one bash session, so that shell variables carry over; returns each one's output. */
    private List<String> run(List<Step> steps) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        for (Step step : steps) {
            script.append("printf '\\n%s\\n' '")
                    .append(STEP_SEPARATOR)
                    .append("'\n")
                    .append(step.command()
                            .replace(README_PORT, "localhost:" + port)
                            .replace(README_STORE, store().toString()))
                    .append('\n');
        }
        Path file = Files.writeString(temp.resolve("walkthrough.sh"), script);
        Path errors = temp.resolve("walkthrough.err");
        Process bash = new ProcessBuilder("bash", file.toString())
                .directory(temp.toFile())
                .redirectError(errors.toFile())
                .start();
        bash.getOutputStream().close();
        String stdout = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(2, TimeUnit.MINUTES)).as("bash finished").isTrue();
        assertThat(Files.readString(errors)).as("what bash printed on stderr").isEmpty();
        List<String> outputs = new ArrayList<>(Arrays.asList(stdout.split("\n" + STEP_SEPARATOR + "\n", -1)));
        assertThat(outputs.remove(0)).isEmpty();
        assertThat(outputs).hasSameSizeAs(steps);
        return outputs;
    }

    private static void assertShows(Step step, String actual) {
        if (!step.showsStatus()) {
            assertThat(normalized(actual)).as("output of: %s", step.command()).isEqualTo(normalized(step.output()));
            return;
        }
        HttpText expected = HttpText.parse(step.output());
        HttpText got = HttpText.parse(actual);
        assertThat(got.status()).as("status of: %s", step.command()).isEqualTo(expected.status());
        expected.headers()
                .forEach((name, value) -> assertThat(normalized(got.headers().getOrDefault(name, "(absent)")))
                        .as("header %s of: %s", name, step.command())
                        .isEqualTo(normalized(value)));
        assertThat(normalized(got.body())).as("body of: %s", step.command()).isEqualTo(normalized(expected.body()));
    }

    /** Revision names without their random part, runs of white space (ls's columns, line ends) as one space. */
    private static String normalized(String text) {
        return text.replaceAll("\\b(\\d+)-[0-9a-f]{32}\\b", "$1-<hex>")
                .replaceAll("\\s+", " ")
                .strip();
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null
                && Arrays.stream(path.split(File.pathSeparator))
                        .map(directory -> Path.of(directory, tool))
                        .anyMatch(Files::isExecutable);
    }

    /** An HTTP response as {@code curl -si} prints it: status line, headers (names in lower case), body. */
    private record HttpText(String status, Map<String, String> headers, String body) {

        static HttpText parse(String text) {
            List<String> lines = text.strip().lines().map(String::strip).toList();
            Map<String, String> headers = new LinkedHashMap<>();
            int i = 1;
            for (; i < lines.size() && !lines.get(i).isEmpty(); i++) {
                String[] header = lines.get(i).split(":", 2);
                headers.put(header[0].toLowerCase(Locale.ROOT), header.length > 1 ? header[1].strip() : "");
            }
            String body = String.join("\n", lines.subList(Math.min(i, lines.size()), lines.size()));
            return new HttpText(lines.isEmpty() ? "" : lines.get(0), headers, body);
        }
    }
}
