package io.github.multiprocessstore.filesystems;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the host's tools (mount, mkfs, strace, gluster...) for the file-system tests, and the assumptions that turn
 * a missing tool or missing root into a skip with the reason, never a silent pass.
 */
final class HostTools {

    private HostTools() {}

    /** The result of a command: exit status and its output (standard output and error together). */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** Skips the test unless the JVM runs as root (mounting needs it). */
    static void assumeRoot() {
        assumeTrue(
                "root".equals(System.getProperty("user.name")) || uid() == 0,
                "needs root to mount file systems (runs in .ci/run, as root, with -Pfilesystems); running as "
                        + System.getProperty("user.name"));
    }

    /** Skips the test unless every program is on the PATH. */
    static void assumeTools(String... programs) {
        for (String program : programs) {
            assumeTrue(onPath(program), "needs '" + program + "' on the PATH (.ci/run installs it)");
        }
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        List<String> directories = new ArrayList<>(List.of(path == null ? new String[0] : path.split(":")));
        directories.addAll(List.of("/usr/sbin", "/sbin"));
        for (String directory : directories) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    private static long uid() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return ((Number) uid).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** Runs a command to its end (at most two minutes), returning its status and output. */
    static Result run(String... command) {
        return run(List.of(command));
    }

    static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(withSbin(command))
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Result(-1, "timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** Runs a command that must succeed; fails the test with its output otherwise. */
    static String require(String... command) {
        Result result = run(command);
        if (!result.ok()) {
            throw new AssertionError(
                    String.join(" ", command) + " failed (" + result.exitCode() + "): " + result.output());
        }
        return result.output();
    }

    private static List<String> withSbin(List<String> command) {
        List<String> resolved = new ArrayList<>(command);
        String program = command.get(0);
        if (!program.contains("/")) {
            for (String directory : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
                if (Files.isExecutable(Path.of(directory, program))) {
                    resolved.set(0, directory + "/" + program);
                    break;
                }
            }
        }
        return resolved;
    }
}
