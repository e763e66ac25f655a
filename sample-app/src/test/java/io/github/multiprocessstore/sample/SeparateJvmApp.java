package io.github.multiprocessstore.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample app started with {@code java -cp <test class path> SampleApplication --server.port=0 …} in a
 * separate JVM, as a second instance next to the one a test runs in. Its port is read from Boot's
 * "Tomcat started on port N" log line; its output is kept for failure messages. {@link #close()} stops it
 * (SIGTERM, then SIGKILL) and waits for it to exit.
 */
final class SeparateJvmApp implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");
    private static final int KEPT_LINES = 200;

    private final Process process;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final Deque<String> output = new ArrayDeque<>();

    private SeparateJvmApp(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "separate-jvm-app-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the app on a random port.
     *
     * @param tmpDir  the JVM's {@code java.io.tmpdir}, so that Tomcat's scratch files end up in the test's
     *                temporary directory
     * @param appArgs further Spring Boot arguments, e.g. {@code --multiprocess.store.path=…}
     */
    static SeparateJvmApp start(Path tmpDir, String... appArgs) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmpDir,
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                SampleApplication.class.getName(),
                "--server.port=0",
                "--spring.main.banner-mode=off"));
        command.addAll(List.of(appArgs));
        try {
            return new SeparateJvmApp(
                    new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
    }

    /** Waits until the app serves requests and returns its port; fails with the app's output if it does not. */
    int awaitPort(Duration timeout) {
        try {
            return port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new AssertionError("The second instance did not start within " + timeout + ":\n" + output(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for the second instance", e);
        }
    }

    /** The last lines the app printed. */
    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private void readOutput() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                keep(line);
                Matcher started = STARTED.matcher(line);
                if (started.find()) {
                    port.complete(Integer.parseInt(started.group(1)));
                }
            }
        } catch (IOException e) {
            keep("(output unreadable: " + e + ")");
        }
        port.completeExceptionally(new IllegalStateException("The second instance exited before it started"));
    }

    private void keep(String line) {
        synchronized (output) {
            output.addLast(line);
            if (output.size() > KEPT_LINES) {
                output.removeFirst();
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
