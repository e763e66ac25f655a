package io.github.multiprocessstore.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores written by the real npm package {@code multiprocess-store} 1.25.0, installed with npm once per build into
 * {@code target/npm-cli/} (as the core's interop tests do into theirs). Fails, never skips, without Node.js and npm:
 * working on the original's stores is a promise of the CLI.
 */
final class NodeStores {

    static final String PACKAGE = "multiprocess-store@1.25.0";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path installed; // guarded by NodeStores.class

    private NodeStores() {}

    /**
     * Writes a store with {@code node-writes-store.js} and returns what the package reads back from it: {@code ids},
     * {@code objects} (each id's {@code getObject}) and {@code conflicts} (each id's {@code getConflicts}).
     */
    static JsonNode writeStore(Path store) {
        Path directory = install();
        String output =
                run(List.of("node", directory.resolve("node-writes-store.js").toString(), store.toString()), directory);
        return JSON.readTree(output);
    }

    private static synchronized Path install() {
        if (installed != null) {
            return installed;
        }
        Path directory = CliProcess.targetDirectory().resolve("npm-cli");
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(
                            directory.resolve(".install.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                if (!Files.isRegularFile(directory.resolve("node_modules/multiprocess-store/package.json"))) {
                    Files.writeString(
                            directory.resolve("package.json"), "{\"name\": \"mpstore-cli-it\", \"private\": true}\n");
                    run(List.of(npm(), "install", "--no-audit", "--no-fund", PACKAGE), directory);
                }
            }
            try (InputStream script = NodeStores.class.getResourceAsStream("/cli/node-writes-store.js")) {
                Files.copy(script, directory.resolve("node-writes-store.js"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare " + directory + " for the npm package", e);
        }
        installed = directory;
        return directory;
    }

    private static String npm() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm";
    }

    private static String run(List<String> command, Path directory) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(false)
                    .start();
            process.getOutputStream().close();
            var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.toString();
                }
            });
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end in 5 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit " + process.exitValue()
                        + " (the CLI's interop tests need Node.js and npm on the PATH): " + err.join());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot run " + String.join(" ", command)
                            + " (the CLI's interop tests need Node.js and npm on the PATH): " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
