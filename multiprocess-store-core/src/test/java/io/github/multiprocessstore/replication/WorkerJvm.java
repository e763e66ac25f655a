package io.github.multiprocessstore.replication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, separate JVM running a worker main class of the tests, started with the current {@code java} and the
 * test class path. Its standard output is collected as lines, its standard error goes to a file quoted when it
 * fails. Always closed (try-with-resources), which kills it if it is still running.
 */
public final class WorkerJvm implements AutoCloseable {

    /** Bounds every wait, so a hung worker fails the test instead of hanging the build. */
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final Process process;
    private final Path stderr;
    private final Writer stdin;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final Thread pump;

    private WorkerJvm(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.pump = new Thread(this::pumpStdout, "stdout-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts a worker.
     *
     * @param workDir   where its standard error file goes
     * @param name      a name for messages
     * @param mainClass the worker's class, with a {@code main}
     * @param args      its arguments
     * @return the running worker
     */
    public static WorkerJvm start(Path workDir, String name, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small, quick-starting children: a 2-core machine runs several of them at once.
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Path stderr = workDir.resolve(name + ".stderr.txt");
        try {
            return new WorkerJvm(
                    name,
                    new ProcessBuilder(command).redirectError(stderr.toFile()).start(),
                    stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start worker JVM " + name, e);
        }
    }

    private void pumpStdout() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
            }
        } catch (IOException e) {
            output.add("PUMP-FAILED " + e);
        }
    }

    /**
     * Sends one line to the worker's standard input.
     *
     * @param line the line
     */
    public void send(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError("could not send " + line + " to " + name + describe(), e);
        }
    }

    /**
     * Whether the worker is still running.
     *
     * @return true until it exits
     */
    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Waits for the worker to exit with status 0.
     *
     * @return every line it printed
     */
    public List<String> awaitSuccess() {
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not exit within " + TIMEOUT + describe());
            }
            pump.join(TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + name, e);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(name + " exited with " + process.exitValue() + describe());
        }
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    private String describe() {
        String err;
        try {
            err = Files.exists(stderr) ? Files.readString(stderr) : "";
        } catch (IOException e) {
            err = "(unreadable: " + e + ")";
        }
        List<String> lines;
        synchronized (output) {
            lines = List.copyOf(output.subList(Math.max(0, output.size() - 30), output.size()));
        }
        return "\n--- last stdout lines of " + name + ":\n" + String.join("\n", lines) + "\n--- stderr of " + name
                + ":\n" + err;
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
