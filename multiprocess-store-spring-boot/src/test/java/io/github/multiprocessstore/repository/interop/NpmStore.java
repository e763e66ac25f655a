package io.github.multiprocessstore.repository.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs small scripts against the real npm package {@code multiprocess-store} 1.25.0, installed with npm once per
 * build into {@code target/npm-interop/} (as the core's interop tests do). Fails, never skips, when node or npm is
 * missing: compatibility with the original package is a promise of this library.
 */
final class NpmStore {

    private static final String PACKAGE = "multiprocess-store@1.25.0";

    private NpmStore() {}

    /**
     * Runs a node script (CommonJS, {@code store} is the package) with the store directory as its argument.
     *
     * @return what it printed on stdout
     */
    static String run(String script, Path storeDirectory) {
        Path directory = install();
        try {
            Path file = Files.createTempFile(directory, "script-", ".js");
            Files.writeString(file, "'use strict';\nconst store = require('multiprocess-store');\n" + script);
            try {
                return exec(List.of("node", file.toString(), storeDirectory.toString()), directory, 120);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path install() {
        Path directory = Path.of("target", "npm-interop").toAbsolutePath();
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(
                            directory.resolve(".install.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                if (!Files.isRegularFile(directory.resolve("node_modules/multiprocess-store/package.json"))) {
                    Files.writeString(
                            directory.resolve("package.json"),
                            "{\"name\": \"starter-npm-interop\", \"private\": true}\n");
                    exec(List.of("npm", "install", "--no-audit", "--no-fund", PACKAGE), directory, 300);
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not install " + PACKAGE + " into " + directory, e);
        }
    }

    private static String exec(List<String> command, Path directory, int timeoutSeconds) throws IOException {
        Path out = Files.createTempFile("npm-store-", ".out");
        Path err = Files.createTempFile("npm-store-", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds
                        + " s; stderr: " + Files.readString(err));
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + "; stdout: " + stdout + "; stderr: " + Files.readString(err));
            }
            return stdout;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot run '" + String.join(" ", command) + "' (" + e.getMessage()
                            + "): this test needs Node.js and npm on the PATH",
                    e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
