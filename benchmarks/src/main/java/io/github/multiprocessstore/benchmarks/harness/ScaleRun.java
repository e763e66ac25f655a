package io.github.multiprocessstore.benchmarks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.multiprocessstore.benchmarks.workload.Contender;
import io.github.multiprocessstore.benchmarks.workload.Workload;
import io.github.multiprocessstore.benchmarks.workload.WorkerSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code scale} command (long: it writes a million objects): this engine (fsync off) with 1,000,000 objects
 * against the same steps with 10,000 — create rate, random get latency (p50/p99), then visiting all objects with
 * {@code streamObjects()} and counting them with {@code count()} in a JVM limited to {@code -Xmx128m}. Each step is
 * a fresh process; the stores are created by the first and reused by the later steps (page cache warm for both
 * sizes alike).
 */
final class ScaleRun {

    static final Set<String> OPTIONS = Set.of("objects", "baseline-objects", "gets", "heap", "work-dir", "out-dir",
            "java-options");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofHours(2);

    private final int objects;
    private final int baselineObjects;
    private final int gets;
    private final String heap;
    private final Path workDirectory;
    private final Path outDirectory;
    private final Launcher launcher;

    ScaleRun(List<String> args) {
        Options options = Options.parse(args, OPTIONS);
        objects = Math.max(1, options.intValue("objects", 1_000_000));
        baselineObjects = Math.max(1, options.intValue("baseline-objects", 10_000));
        gets = Math.max(1, options.intValue("gets", 100_000));
        heap = options.string("heap", "128m");
        Path target = Launcher.targetDirectory();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        workDirectory = Path.of(options.string("work-dir", target.resolve("bench-work").toString()))
                .resolve("scale-" + stamp).toAbsolutePath();
        outDirectory = Path.of(options.string("out-dir",
                target.resolve("bench-results").resolve("scale-" + stamp).toString())).toAbsolutePath();
        List<String> javaOptions = Arrays.stream(options.string("java-options", "-Xmx1g").split("\\s+"))
                .filter(s -> !s.isEmpty()).toList();
        launcher = new Launcher(javaOptions, target.resolve("node"), outDirectory.resolve("logs"));
    }

    void run() {
        Directories.create(workDirectory);
        MachineInfo machine = MachineInfo.read(workDirectory);
        String loadBefore = MachineInfo.loadAverage();
        System.out.println("Machine: " + machine.describe());
        System.out.println("Load average before the run: " + loadBefore);
        long started = System.nanoTime();
        Map<String, ObjectNode> small = steps("small", baselineObjects);
        Map<String, ObjectNode> large = steps("large", objects);
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(machine.describe()).append(".  \n");
        out.append("Load average (1/5/15 min) before: ").append(loadBefore).append(", after: ")
                .append(MachineInfo.loadAverage()).append(". Run time ")
                .append(Duration.ofNanos(System.nanoTime() - started).toMinutes()).append(" min.\n\n");
        out.append(String.format(Locale.ROOT, "| Measure (mpstore, fsync off) | %,d objects | %,d objects | ratio |%n",
                baselineObjects, objects));
        out.append("|---|--:|--:|--:|\n");
        row(out, "create, ops/s", small.get("create"), large.get("create"), "opsPerSec", "%,.0f");
        row(out, "create p50, us", small.get("create"), large.get("create"), "p50Micros", "%.1f");
        row(out, "create p99, us", small.get("create"), large.get("create"), "p99Micros", "%.1f");
        row(out, String.format(Locale.ROOT, "%,d random gets, ops/s", gets), small.get("get"), large.get("get"),
                "opsPerSec", "%,.0f");
        row(out, "get p50, us (target: ratio at most 1.5)", small.get("get"), large.get("get"), "p50Micros", "%.1f");
        row(out, "get p99, us", small.get("get"), large.get("get"), "p99Micros", "%.1f");
        row(out, "streamObjects() with -Xmx" + heap + ", objects/s", small.get("iterate"), large.get("iterate"),
                "opsPerSec", "%,.0f");
        row(out, "count() with -Xmx" + heap + ", objects/s", small.get("count"), large.get("count"), "opsPerSec",
                "%,.0f");
        out.append('\n');
        for (var entry : List.of(Map.entry("small", small), Map.entry("large", large))) {
            for (String step : List.of("iterate", "count")) {
                ObjectNode result = entry.getValue().get(step);
                out.append("- ").append(step.equals("iterate") ? "streamObjects()" : "count()").append(" over ")
                        .append(String.format(Locale.ROOT, "%,d", entry.getKey().equals("small") ? baselineObjects
                                : objects)).append(" objects with -Xmx").append(heap).append(": ")
                        .append(result.has("failure") ? "**failed**: " + result.path("failure").asString()
                                : "completed, " + String.format(Locale.ROOT, "%,d", result.path("ops").asLong())
                                        + " objects in " + String.format(Locale.ROOT, "%.1f s",
                                        result.path("nanos").asLong() / 1e9))
                        .append('\n');
            }
        }
        String summary = out.toString();
        BenchmarkRun.write(outDirectory.resolve("summary.md"), summary);
        System.out.println();
        System.out.println(summary);
        System.out.println("Deleting the stores in " + workDirectory + " (creating files on this file system may be "
                + "slower for a few minutes after: wait before the next run)");
        Directories.deleteRecursively(workDirectory);
    }

    private Map<String, ObjectNode> steps(String name, int count) {
        Path store = workDirectory.resolve(name).resolve("store");
        Path warmup = workDirectory.resolve(name).resolve("warmup");
        String contender = Contender.MPSTORE.label();
        int seed = 7919;
        Map<String, ObjectNode> results = new LinkedHashMap<>();
        results.put("create", step(name + "-create", new WorkerSpec(contender, Workload.W1.name(), store.toString(),
                warmup.toString(), count, count, Math.min(count, 10_000), 1, seed, 0, 1, false), List.of()));
        results.put("get", step(name + "-get", new WorkerSpec(contender, Workload.GET_EXISTING.name(),
                store.toString(), store.toString(), count, gets, gets / 5, 1, seed, 0, 1, false), List.of()));
        List<String> smallHeap = List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError");
        results.put("iterate", step(name + "-iterate", new WorkerSpec(contender, Workload.ITERATE_EXISTING.name(),
                store.toString(), null, count, count, 0, 1, seed, 0, 1, false), smallHeap));
        results.put("count", step(name + "-count", new WorkerSpec(contender, Workload.COUNT_EXISTING.name(),
                store.toString(), null, count, count, 0, 1, seed, 0, 1, false), smallHeap));
        return results;
    }

    /** Runs one step; a step that fails (out of memory, say) is recorded as such rather than ending the run. */
    private ObjectNode step(String name, WorkerSpec spec, List<String> extraJavaOptions) {
        long started = System.nanoTime();
        ObjectNode result;
        try {
            result = launcher.runSingle(name, spec, extraJavaOptions, TIMEOUT);
        } catch (IllegalStateException e) {
            result = JSON.createObjectNode();
            result.put("failure", e.getMessage());
        }
        System.out.printf(Locale.ROOT, "%-14s %s  [%.0f s]%n", name, describe(result),
                (System.nanoTime() - started) / 1e9);
        return result;
    }

    private static String describe(JsonNode result) {
        if (result.has("failure")) {
            return "FAILED: " + result.path("failure").asString();
        }
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "%,.0f ops/s", result.path("opsPerSec").asDouble()));
        if (result.has("p50Micros")) {
            parts.add(String.format(Locale.ROOT, "p50 %.1f us, p99 %.1f us", result.path("p50Micros").asDouble(),
                    result.path("p99Micros").asDouble()));
        }
        if (result.path("errors").asLong() > 0) {
            parts.add("ERRORS " + result.path("errors").asLong() + ": " + result.path("firstError").asString());
        }
        return String.join(", ", parts);
    }

    private static void row(StringBuilder out, String measure, JsonNode small, JsonNode large, String field,
            String format) {
        double a = small.path(field).asDouble(Double.NaN);
        double b = large.path(field).asDouble(Double.NaN);
        out.append("| ").append(measure).append(" | ")
                .append(Double.isNaN(a) ? "failed" : String.format(Locale.ROOT, format, a)).append(" | ")
                .append(Double.isNaN(b) ? "failed" : String.format(Locale.ROOT, format, b)).append(" | ")
                .append(Double.isNaN(a) || Double.isNaN(b) ? "" : String.format(Locale.ROOT, "%.2f", b / a))
                .append(" |\n");
    }
}
