package io.github.multiprocessstore.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the Node.js scripts of {@code src/test/resources/interop/} against the real npm package
 * {@code multiprocess-store} 1.25.0 (and the {@code alphanum-sort} it depends on), installed with npm once per
 * build into {@code target/npm-interop/}. The interop tests fail, never skip, when Node.js or npm is missing:
 * compatibility with the original package is a promise of this library. Only an explicit {@code -DskipInteropTests}
 * skips them, reported as skipped ({@link InteropSwitch}).
 */
final class NodeInterop {

    /** The package, exactly as the issue pins it. */
    static final String NPM_PACKAGE_NAME = "multiprocess-store";

    static final String NPM_PACKAGE_VERSION = "1.25.0";

    /**
     * JSON for talking to node. Every non-ASCII UTF-16 unit is sent as a {@code \\uXXXX} escape, so that any Java
     * string, even one holding a lone surrogate, reaches JavaScript unchanged.
     */
    static final JsonMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** A script run (node startup included) that takes longer than this is stuck. */
    static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(2);

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final String SCRIPTS = "scripts";
    private static final List<String> SCRIPT_NAMES = List.of(
            "read-stdin.js",
            "alphanum-compare.js",
            "alphanum-sort.js",
            "store-ops.js",
            "node-writes-store.js",
            "read-while-java-updates.js",
            "read-while-java-creates.js");

    private static Path installDirectory; // guarded by NodeInterop.class
    private static RuntimeException installFailure; // guarded by NodeInterop.class

    private NodeInterop() {}

    /**
     * Runs a script with {@code stdin} (any value Jackson can write) as JSON on its stdin, and parses what it
     * prints on stdout as JSON.
     *
     * @throws IllegalStateException if node fails or times out, with its output
     */
    static JsonNode runJson(String script, Object stdin, String... args) {
        NodeProcess node = start(script, args);
        try {
            node.writeStdinAndClose(JSON.writeValueAsString(stdin));
            NodeProcess.Result result = node.awaitExit(SCRIPT_TIMEOUT).requireSuccess();
            return JSON.readTree(result.stdout());
        } finally {
            node.destroy();
        }
    }

    /**
     * Starts a script of {@code src/test/resources/interop/} with {@code node}, in the npm install directory;
     * for scripts that run alongside the test. Call {@link NodeProcess#destroy()} in a {@code finally}.
     */
    static NodeProcess start(String script, String... args) {
        Path directory = installDirectory();
        List<String> command = new ArrayList<>();
        command.add("node");
        command.add(directory.resolve(SCRIPTS).resolve(script).toString());
        command.addAll(List.of(args));
        return NodeProcess.start(command, directory);
    }

    /**
     * The directory holding {@code node_modules/multiprocess-store} and the scripts, installing the package on
     * first use (once per build: later runs find it in place). A failure is remembered, so that the other
     * interop tests fail at once with the same message instead of each waiting for npm again.
     */
    static synchronized Path installDirectory() {
        if (installFailure != null) {
            throw new IllegalStateException(
                    "The npm install failed earlier in this run: " + installFailure.getMessage(), installFailure);
        }
        if (installDirectory == null) {
            try {
                Path directory = install(targetDirectory().resolve("npm-interop"));
                copyScripts(directory.resolve(SCRIPTS));
                installDirectory = directory;
            } catch (RuntimeException e) {
                installFailure = e;
                throw e;
            }
        }
        return installDirectory;
    }

    private static Path install(Path directory) {
        Path installedPackage =
                directory.resolve("node_modules").resolve(NPM_PACKAGE_NAME).resolve("package.json");
        try {
            Files.createDirectories(directory);
            // The JVM-wide synchronized caller covers one surefire JVM; the file lock covers several (IDE, forks).
            try (FileChannel channel = FileChannel.open(
                            directory.resolve(".install.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                if (!Files.isRegularFile(installedPackage)) {
                    runNpmInstall(directory, installedPackage);
                }
            }
            String version =
                    JSON.readTree(installedPackage.toFile()).path("version").asString();
            if (!NPM_PACKAGE_VERSION.equals(version)) {
                throw new IllegalStateException(directory + " holds " + NPM_PACKAGE_NAME + " " + version
                        + " instead of " + NPM_PACKAGE_VERSION
                        + "; delete that directory (or run mvn clean) and rerun");
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the npm install directory " + directory, e);
        }
    }

    private static void runNpmInstall(Path directory, Path installedPackage) throws IOException {
        // Our own package.json keeps npm from walking up into an enclosing project.
        Files.writeString(
                directory.resolve("package.json"),
                "{\n  \"name\": \"multiprocess-store-npm-interop\",\n  \"private\": true\n}\n");
        String spec = NPM_PACKAGE_NAME + "@" + NPM_PACKAGE_VERSION;
        NodeProcess npm =
                NodeProcess.start(List.of(npmCommand(), "install", "--no-audit", "--no-fund", spec), directory);
        npm.closeStdin();
        NodeProcess.Result result = npm.awaitExit(INSTALL_TIMEOUT);
        if (result.exitCode() != 0 || !Files.isRegularFile(installedPackage)) {
            throw new IllegalStateException("'npm install " + spec + "' in " + directory
                    + " did not install the package (the interop tests need npm and access to its registry); "
                    + result.describe());
        }
    }

    private static String npmCommand() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm";
    }

    /**
     * Copies the scripts next to {@code node_modules}, where node's {@code require} finds the installed packages.
     * Copied on every run, so edited scripts take effect; each copy is renamed into place, so a concurrent run
     * never sees half a script.
     */
    private static void copyScripts(Path scripts) {
        try {
            Files.createDirectories(scripts);
            for (String name : SCRIPT_NAMES) {
                try (InputStream script = NodeInterop.class.getResourceAsStream("/interop/" + name)) {
                    if (script == null) {
                        throw new IllegalStateException("Test resource interop/" + name + " is missing");
                    }
                    Path temp = Files.createTempFile(scripts, name, ".tmp");
                    Files.copy(script, temp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(
                            temp,
                            scripts.resolve(name),
                            StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy the interop scripts into " + scripts, e);
        }
    }

    /** This module's {@code target/}: the parent of {@code target/test-classes}, where this class was loaded from. */
    private static Path targetDirectory() {
        try {
            Path classes = Path.of(NodeInterop.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return classes.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the build directory of the test classes", e);
        }
    }
}
