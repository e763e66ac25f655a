package io.github.multiprocessstore.benchmarks.harness;

import io.github.multiprocessstore.benchmarks.workload.Contender;
import io.github.multiprocessstore.benchmarks.workload.Worker;
import io.github.multiprocessstore.benchmarks.workload.WorkerSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts worker processes: a fresh JVM (the same {@code java} and class path as the harness) for the Java
 * contenders, {@code node driver.js} for the npm original. Installs the driver's one dependency with {@code npm ci}
 * into {@code benchmarks/target/node} on first use.
 */
final class Launcher {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);

    private final List<String> javaOptions;
    private final Path nodeDirectory;
    private final Path logDirectory;
    private boolean nodeReady;

    Launcher(List<String> javaOptions, Path nodeDirectory, Path logDirectory) {
        this.javaOptions = javaOptions;
        this.nodeDirectory = nodeDirectory;
        this.logDirectory = logDirectory;
        try {
            Files.createDirectories(logDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + logDirectory, e);
        }
    }

    /** {@code benchmarks/target}, found from where the harness's own jar (or classes directory) is. */
    static Path targetDirectory() {
        try {
            Path codeSource = Path.of(Launcher.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return codeSource.getParent().toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the benchmarks jar", e);
        }
    }

    WorkerProcess start(String name, WorkerSpec spec, List<String> extraJavaOptions) {
        Contender contender = Contender.of(spec.contender());
        List<String> command = new ArrayList<>();
        if (contender.node()) {
            ensureNodeDriver();
            command.add("node");
            command.add(nodeDirectory.resolve("driver.js").toString());
        } else {
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(javaOptions);
            command.addAll(extraJavaOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Worker.class.getName());
        }
        command.add(JSON.writeValueAsString(spec));
        return WorkerProcess.start(name, command, logDirectory.resolve(name + ".log"));
    }

    /**
     * Runs one worker to its end and returns its result line.
     *
     * @throws IllegalStateException naming the worker's log if it fails, prints no result or times out
     */
    ObjectNode runSingle(String name, WorkerSpec spec, List<String> extraJavaOptions, Duration timeout) {
        WorkerProcess worker = start(name, spec, extraJavaOptions);
        try {
            WorkerProcess.Line line = worker.await(null, timeout);
            worker.awaitSuccess(timeout);
            return (ObjectNode) JSON.readTree(line.text());
        } finally {
            worker.destroy();
        }
    }

    private synchronized void ensureNodeDriver() {
        if (nodeReady) {
            return;
        }
        Path driver = nodeDirectory.resolve("driver.js");
        if (!Files.isRegularFile(driver)) {
            throw new IllegalStateException(driver + " is missing; build the module first: ./mvnw -B -ntp "
                    + "-Pbenchmarks -pl benchmarks -am package -DskipTests");
        }
        Path installed = nodeDirectory.resolve("node_modules/multiprocess-store/package.json");
        if (!Files.isRegularFile(installed)) {
            System.out.println("Installing the npm original into " + nodeDirectory + " (npm ci)...");
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), nodeDirectory.resolve("npm-ci.log"));
        }
        String version = JSON.readTree(installed.toFile()).path("version").asString();
        if (!"1.25.0".equals(version)) {
            throw new IllegalStateException(installed + " is version " + version + ", not 1.25.0; delete "
                    + nodeDirectory.resolve("node_modules") + " and rerun");
        }
        nodeReady = true;
    }

    private void run(List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(nodeDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(NPM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " did not finish within " + NPM_TIMEOUT + "; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed (exit code " + process.exitValue() + "); see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command + " (are Node.js and npm installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
