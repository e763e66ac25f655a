package io.github.multiprocessstore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.multiprocessstore.cli.CliProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar: every command that reads a whole store draws it on stderr in a pseudo-terminal (made by
 * util-linux {@code script}), and prints nothing extra when stderr is a pipe.
 */
class ProgressBarIT {

    @TempDir
    Path temp;

    private Path store;

    @BeforeEach
    void writeAStore() {
        store = temp.resolve("store");
        Fixtures.cleanStore(store, 2000);
    }

    private List<List<String>> wholeStoreCommands() {
        return List.of(
                List.of("ls", store.toString()),
                List.of("conflicts", store.toString()),
                List.of("verify", store.toString()),
                List.of("stats", store.toString()),
                List.of(
                        "export",
                        store.toString(),
                        "--out",
                        temp.resolve("out.ndjson").toString()),
                List.of("compact", store.toString()),
                List.of("compact", store.toString(), "--dry-run"),
                List.of("replicate", store.toString(), temp.resolve("copy").toString()));
    }

    @Test
    void inATerminalEveryWholeStoreCommandDrawsTheBar() throws Exception {
        assumeTrue(scriptIsInstalled(), "util-linux 'script' is not installed: cannot make a pseudo-terminal");
        for (List<String> args : wholeStoreCommands()) {
            String screen = inPseudoTerminal(Map.of(), args);

            assertThat(screen)
                    .as(args.toString())
                    .contains(" objects")
                    .contains("/s")
                    .contains(" left");
            assertThat(screen).as(args.toString()).containsPattern("\\[#+\\] 100% 2,000/2,000 objects");
        }
    }

    @Test
    void theEnvironmentTurnsTheBarOffEvenInATerminal() throws Exception {
        assumeTrue(scriptIsInstalled(), "util-linux 'script' is not installed: cannot make a pseudo-terminal");

        String screen = inPseudoTerminal(Map.of("MPSTORE_PROGRESS", "never"), List.of("verify", store.toString()));

        assertThat(screen).doesNotContain("objects").doesNotContain(" left");
    }

    @Test
    void withoutATerminalNothingExtraIsPrinted() {
        for (List<String> args : wholeStoreCommands()) {
            Result result = CliProcess.run(args.toArray(String[]::new));

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.err()).as(args.toString()).isEmpty();
            assertThat(result.out())
                    .as(args.toString())
                    .doesNotContain("objects  ")
                    .doesNotContain("\r");
        }
    }

    /** Runs the jar under {@code script}, whose pseudo-terminal is the command's stdin, stdout and stderr. */
    private String inPseudoTerminal(Map<String, String> environment, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(CliProcess.javaCommand());
        command.addAll(args);
        String line = command.stream().map(ProgressBarIT::quote).collect(Collectors.joining(" "));
        Path typescript = temp.resolve("typescript");
        ProcessBuilder builder = new ProcessBuilder("script", "-q", "-e", "-c", line, typescript.toString());
        builder.environment().remove("MPSTORE_PROGRESS");
        builder.environment().put("TERM", "xterm");
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        builder.redirectOutput(temp.resolve("script.out").toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("script ends").isTrue();
        String screen = Files.readString(typescript, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(args + "\n" + screen).isZero();
        return screen;
    }

    private static String quote(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    private static boolean scriptIsInstalled() {
        try {
            Process process = new ProcessBuilder("script", "--version")
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
