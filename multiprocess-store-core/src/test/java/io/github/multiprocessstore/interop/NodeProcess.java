package io.github.multiprocessstore.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
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
 * An external process (node or npm) whose stdout and stderr are drained on daemon threads, so that it can never
 * block on a full pipe, and whose stdout lines can also be awaited one by one while it runs. Every wait has a
 * timeout; a process that overstays it is killed and the failure shows what it printed.
 */
final class NodeProcess {

    private final String description;
    private final Process process;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final Thread stdoutPump;
    private final Thread stderrPump;

    private NodeProcess(String description, Process process) {
        this.description = description;
        this.process = process;
        this.stdoutPump = pump(process.getInputStream(), stdout, stdoutLines, description + " stdout");
        this.stderrPump = pump(process.getErrorStream(), stderr, null, description + " stderr");
    }

    /**
     * Starts a command.
     *
     * @throws IllegalStateException if the program cannot be started (typically: not on the PATH)
     */
    static NodeProcess start(List<String> command, Path workingDirectory) {
        String description = String.join(" ", command);
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .start();
            return new NodeProcess(description, process);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot run '" + description + "': " + e.getMessage()
                            + ". The interop tests prove compatibility with the npm package multiprocess-store and need"
                            + " Node.js (node) and npm on the PATH; install them (Node.js 18 or later) and run the build"
                            + " again.",
                    e);
        }
    }

    /** Writes all of {@code input} to the process's stdin and closes it. */
    void writeStdinAndClose(String input) {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Usually a broken pipe because the process died early: what it printed says why.
            Result result = awaitExit(Duration.ofSeconds(30));
            throw new IllegalStateException(
                    "Could not write stdin of '" + description + "' (" + e.getMessage() + "); " + result.describe(), e);
        }
    }

    /** Closes the process's stdin: the interop scripts that loop take this as their signal to stop. */
    void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close stdin of '" + description + "'", e);
        }
    }

    /**
     * The next line the process prints on stdout.
     *
     * @throws IllegalStateException if no line comes within the timeout or the process ends without printing one
     */
    String awaitLine(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                String line = stdoutLines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    return line;
                }
                if (!process.isAlive() && !stdoutPump.isAlive() && stdoutLines.isEmpty()) {
                    throw new IllegalStateException("'" + description + "' ended without printing the expected line; "
                            + awaitExit(Duration.ofSeconds(5)).describe());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for '" + description + "'", e);
        }
        process.destroyForcibly();
        throw new IllegalStateException("'" + description + "' printed no line within " + timeout + " and was killed; "
                + awaitExit(Duration.ofSeconds(10)).describe());
    }

    /**
     * Waits for the process to end and returns everything it printed.
     *
     * @throws IllegalStateException if it does not end within the timeout (it is then killed)
     */
    Result awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                stdoutPump.join(1_000);
                stderrPump.join(1_000);
                throw new IllegalStateException("'" + description + "' did not finish within " + timeout
                        + " and was killed; it printed:\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr);
            }
            stdoutPump.join(10_000);
            stderrPump.join(10_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for '" + description + "'", e);
        }
        return new Result(description, process.exitValue(), stdout.toString(), stderr.toString());
    }

    /** Kills the process if it still runs; for cleanup after a failed test. */
    void destroy() {
        process.destroyForcibly();
    }

    private static Thread pump(InputStream stream, StringBuffer all, BlockingQueue<String> lines, String name) {
        Thread thread = new Thread(
                () -> {
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            all.append(line).append('\n');
                            if (lines != null) {
                                lines.add(line);
                            }
                        }
                    } catch (IOException e) {
                        all.append("\n[reading ")
                                .append(name)
                                .append(" failed: ")
                                .append(e)
                                .append(']');
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * What a finished process printed.
     *
     * @param command  the command line
     * @param exitCode its exit code
     * @param stdout   everything on stdout
     * @param stderr   everything on stderr
     */
    record Result(String command, int exitCode, String stdout, String stderr) {

        /** This result, if the process exited with 0; otherwise an exception showing its output. */
        Result requireSuccess() {
            if (exitCode != 0) {
                throw new IllegalStateException("'" + command + "' failed; " + describe());
            }
            return this;
        }

        String describe() {
            return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }
}
