package io.github.multiprocessstore.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One started worker process (a JVM or Node.js): its stdout read line by line on a thread of its own, each line
 * stamped with {@link System#nanoTime()} when it arrived, so that the harness can time several processes from one
 * {@code go} to their last result; stderr goes to a log file.
 */
final class WorkerProcess {

    /** A line of the worker's stdout and when the harness received it. */
    record Line(String text, long receivedNanos) {}

    private static final Line END = new Line(null, 0);

    private final String name;
    private final Process process;
    private final Path log;
    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    private volatile IOException readFailure;
    private String lastOtherLine;

    private WorkerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readStdout, "stdout of " + name);
        reader.setDaemon(true);
        reader.start();
    }

    static WorkerProcess start(String name, List<String> command, Path log) {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            return new WorkerProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command.get(0), e);
        }
    }

    long pid() {
        return process.pid();
    }

    /**
     * Waits for the next line that is exactly {@code expected} (for {@code ready}) or, with {@code expected} null,
     * for the next line that starts with <code>{</code> (a result); other lines are ignored.
     */
    Line await(String expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (; ; ) {
                long left = deadline - System.nanoTime();
                Line line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
                if (line == null) {
                    process.destroyForcibly();
                    throw new IllegalStateException(name + " gave no " + (expected == null ? "result" : expected)
                            + " within " + timeout + "; see " + log);
                }
                if (line == END) {
                    lines.add(END);
                    throw new IllegalStateException(
                            name + " ended (exit code " + process.waitFor()
                                    + ") without " + (expected == null ? "a result" : "'" + expected + "'")
                                    + (lastOtherLine == null ? "" : "; it last printed: " + lastOtherLine) + "; see "
                                    + log
                                    + (readFailure == null ? "" : "; reading its output failed: " + readFailure),
                            readFailure);
                }
                String text = line.text().trim();
                if (expected == null ? text.startsWith("{") : text.equals(expected)) {
                    return line;
                }
                // e.g. the JVM's "Terminating due to java.lang.OutOfMemoryError", which goes to stdout
                lastOtherLine = text;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name, e);
        }
    }

    /** Writes the one line a worker waits for on its stdin, and closes stdin. */
    void sendAndClose(String line) {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + name, e);
        }
    }

    /** Waits for the process to end and fails, naming its log, if it did not exit with 0. */
    void awaitSuccess(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not exit within " + timeout + "; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        name + " failed with exit code " + process.exitValue() + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name, e);
        }
    }

    /** Ends the process if it still runs (after a failure elsewhere). */
    void destroy() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void readStdout() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                lines.add(new Line(text, System.nanoTime()));
            }
        } catch (IOException e) {
            readFailure = e; // reported by await() with the END marker below
        } finally {
            lines.add(END);
        }
    }
}
