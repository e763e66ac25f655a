package io.github.multiprocessstore.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real, packaged {@code mpstore} jar ({@code java -jar target/multiprocess-store-cli-<version>.jar}) as a
 * separate process, as an operator does, and collects its exit code, stdout and stderr. Failsafe runs after the
 * package phase and passes the jar's path as {@code mpstore.jar}; from an IDE the jar is found in {@code target/}.
 */
final class CliProcess {

    private static final long TIMEOUT_SECONDS = 120;

    /** What a run printed and how it ended. */
    record Result(int exitCode, String out, String err) {

        List<String> outLines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private CliProcess() {}

    /** Runs {@code mpstore args...} with no stdin. */
    static Result run(String... args) {
        return run(null, Map.of(), args);
    }

    /** Runs {@code mpstore args...} with {@code stdin} (or none) and extra environment variables. */
    static Result run(String stdin, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("MPSTORE_PROGRESS");
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("mpstore " + String.join(" ", args) + " did not end in "
                        + TIMEOUT_SECONDS + " s; stderr: " + err.getNow(""));
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code java -jar <the jar>}, with the java running the tests. */
    static List<String> javaCommand() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return List.of(java.toString(), "-jar", jar().toString());
    }

    /** The packaged jar. */
    static Path jar() {
        String property = System.getProperty("mpstore.jar");
        if (property != null && Files.isRegularFile(Path.of(property))) {
            return Path.of(property);
        }
        Path target = targetDirectory();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "multiprocess-store-cli-*.jar")) {
            for (Path jar : jars) {
                String name = jar.getFileName().toString();
                if (!name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar")) {
                    return jar;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("No multiprocess-store-cli-<version>.jar in " + target
                + ": run the integration tests with ./mvnw verify (after the package phase)");
    }

    /** This module's {@code target/}: the parent of {@code target/test-classes}. */
    static Path targetDirectory() {
        try {
            return Path.of(CliProcess.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
