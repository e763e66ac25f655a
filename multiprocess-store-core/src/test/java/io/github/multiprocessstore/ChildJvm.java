package io.github.multiprocessstore;

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
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real, separate JVM running a test main class on the test class path, talking over its standard streams: it
 * prints {@code READY} when set up, starts on a {@code GO} line on its standard input (so that all children can be
 * released together), prints its results as lines, and exits. Standard error goes to a file quoted in failures.
 * Always {@link #close() closed} in a {@code finally} (try-with-resources), which destroys the process. Shared by
 * the integration tests of every package that prove a claim across processes.
 */
public final class ChildJvm implements AutoCloseable {

    /** Bounds every wait on a child, so that a hung child fails the test instead of hanging the build. */
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static final String EOF = "\u0000EOF";

    private final String name;
    private final Process process;
    private final Path stderr;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> output = new ArrayList<>();

    private ChildJvm(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread pump = new Thread(this::pumpStdout, "stdout-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts {@code mainClass} in a new JVM with the current {@code java} and class path.
     *
     * @param workDir   where the child's standard error file goes
     * @param name      a name for messages and the file
     * @param jvmArgs   extra JVM options (e.g. system properties), may be empty
     * @param mainClass the class to run
     * @param args      its arguments
     * @return the running child
     */
    public static ChildJvm start(Path workDir, String name, List<String> jvmArgs, Class<?> mainClass, String... args) {
        return startUnder(List.of(), workDir, name, jvmArgs, mainClass, args);
    }

    /**
     * Starts {@code mainClass} in a new JVM run by another program, e.g. {@code strace} or {@code setpriv}.
     *
     * @param wrapper   the program and its options, to which the {@code java} command line is appended
     * @param workDir   where the child's standard error file goes
     * @param name      a name for messages and the file
     * @param jvmArgs   extra JVM options (e.g. system properties), may be empty
     * @param mainClass the class to run
     * @param args      its arguments
     * @return the running child
     */
    public static ChildJvm startUnder(
            List<String> wrapper, Path workDir, String name, List<String> jvmArgs, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>(wrapper);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small, quick-starting children: 2 cores are shared by up to 5 JVMs.
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.add("-Xmx256m");
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Path stderr = workDir.resolve(name + ".stderr.txt");
        try {
            Process process =
                    new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            return new ChildJvm(name, process, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start child JVM " + name, e);
        }
    }

    /**
     * Starts {@code mainClass} in a new JVM without extra JVM options.
     *
     * @param workDir   where the child's standard error file goes
     * @param name      a name for messages and the file
     * @param mainClass the class to run
     * @param args      its arguments
     * @return the running child
     */
    public static ChildJvm start(Path workDir, String name, Class<?> mainClass, String... args) {
        return start(workDir, name, List.of(), mainClass, args);
    }

    private void pumpStdout() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("PUMP-FAILED " + e);
        } finally {
            lines.add(EOF);
        }
    }

    /** Waits until the child prints {@code line}; lines before it are kept in {@link #output()}. */
    public void awaitLine(String line) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            String next;
            try {
                next = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + line + " from " + name, e);
            }
            if (next == null) {
                throw new AssertionError(name + " did not print " + line + " within " + TIMEOUT + describe());
            }
            if (next.equals(EOF)) {
                lines.add(EOF);
                throw new AssertionError(name + " ended before printing " + line + describe());
            }
            output.add(next);
            if (next.equals(line)) {
                return;
            }
        }
    }

    /**
     * Waits until everything the child printed so far satisfies {@code done} (checked after each line).
     *
     * @param done the condition on all lines printed so far
     * @return the lines
     */
    public List<String> awaitOutput(java.util.function.Predicate<List<String>> done) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!done.test(output)) {
            String next;
            try {
                next = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + name, e);
            }
            if (next == null) {
                throw new AssertionError(name + " did not print what was expected within " + TIMEOUT + describe());
            }
            if (next.equals(EOF)) {
                lines.add(EOF);
                throw new AssertionError(name + " ended before printing what was expected" + describe());
            }
            output.add(next);
        }
        return List.copyOf(output);
    }

    /** Sends one line to the child's standard input. */
    public void send(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError("could not send " + line + " to " + name + describe(), e);
        }
    }

    /**
     * Waits for the child to exit with status 0 and returns everything it printed to standard output.
     *
     * @return the output lines
     */
    public List<String> awaitSuccess() {
        awaitLine("DONE");
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not exit within " + TIMEOUT + describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + name, e);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(name + " exited with " + process.exitValue() + describe());
        }
        return List.copyOf(output);
    }

    /**
     * Whether the child is still running.
     *
     * @return true until it exits
     */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** What the child printed so far. */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** The child's standard error so far. */
    public String stderr() {
        try {
            return Files.exists(stderr) ? Files.readString(stderr) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private String describe() {
        List<String> tail = output.size() > 40 ? output.subList(output.size() - 40, output.size()) : output;
        return "\n--- stdout (last lines) of " + name + ":\n" + String.join("\n", tail) + "\n--- stderr of " + name
                + ":\n" + stderr();
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
