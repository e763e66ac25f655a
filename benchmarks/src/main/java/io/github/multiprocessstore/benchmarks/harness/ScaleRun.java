package io.github.multiprocessstore.benchmarks.harness;

import io.github.multiprocessstore.benchmarks.workload.Contender;
import io.github.multiprocessstore.benchmarks.workload.WorkerSpec;
import io.github.multiprocessstore.benchmarks.workload.Workload;
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
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code scale} command (long: it writes a million objects): this engine (fsync off) with 1,000,000 objects
 * against the same steps with 10,000 — create rate, random get latency (p50/p99) with the engine's defaults and with
 * its caches off ({@code readCacheBytes(0)}, {@code keepListings(false)}), then visiting all objects with
 * {@code streamObjects()} and counting them with {@code count()} in a JVM limited to {@code -Xmx128m}. Each step is
 * a fresh process; the stores are created by the first and reused by the later steps (page cache warm for both
 * sizes alike). The gets start {@code --settle-ms} after the store was filled, so that its object directories are
 * older than the engine's 3-second rule for keeping listings, as data written earlier is.
 */
final class ScaleRun {

    static final Set<String> OPTIONS =
            Set.of("objects", "baseline-objects", "gets", "heap", "work-dir", "out-dir", "java-options", "settle-ms");

    /** The largest ratio large/small of the get p50 that meets the target. */
    static final double GET_P50_TARGET_RATIO = 1.5;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofHours(2);

    private final int objects;
    private final int baselineObjects;
    private final int gets;
    private final int settleMillis;
    private final String heap;
    private final Path workDirectory;
    private final Path outDirectory;
    private final Launcher launcher;

    ScaleRun(List<String> args) {
        Options options = Options.parse(args, OPTIONS);
        objects = Math.max(1, options.intValue("objects", 1_000_000));
        baselineObjects = Math.max(1, options.intValue("baseline-objects", 10_000));
        gets = Math.max(1, options.intValue("gets", 100_000));
        settleMillis = options.intValue("settle-ms", WorkerSpec.DEFAULT_SETTLE_MILLIS);
        heap = options.string("heap", "128m");
        Path target = Launcher.targetDirectory();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        workDirectory = Path.of(
                        options.string("work-dir", target.resolve("bench-work").toString()))
                .resolve("scale-" + stamp)
                .toAbsolutePath();
        outDirectory = Path.of(options.string(
                        "out-dir",
                        target.resolve("bench-results")
                                .resolve("scale-" + stamp)
                                .toString()))
                .toAbsolutePath();
        List<String> javaOptions = Arrays.stream(
                        options.string("java-options", "-Xmx1g").split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
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
        String summary = "Machine: " + machine.describe() + ".  \n"
                + "Load average (1/5/15 min) before: " + loadBefore + ", after: " + MachineInfo.loadAverage()
                + ". Run time " + Duration.ofNanos(System.nanoTime() - started).toMinutes() + " min.\n\n"
                + table(baselineObjects, objects, gets, settleMillis, heap, small, large);
        BenchmarkRun.write(outDirectory.resolve("summary.md"), summary);
        System.out.println();
        System.out.println(summary);
        System.out.println("Deleting the stores in " + workDirectory + " (creating files on this file system may be "
                + "slower for a few minutes after: wait before the next run)");
        Directories.deleteRecursively(workDirectory);
    }

    /**
     * The summary's table and notes: each measure at both sizes, the ratio large/small, and the get p50's target
     * (ratio at most {@value #GET_P50_TARGET_RATIO}) for the default engine and for its caches off.
     *
     * @param small the results of the small store's steps by name ({@code create}, {@code get},
     *              {@code get-caches-off}, {@code iterate}, {@code count}); a missing or failed step shows as failed
     * @param large the same for the large store
     */
    static String table(
            int baselineObjects,
            int objects,
            int gets,
            int settleMillis,
            String heap,
            Map<String, ? extends JsonNode> small,
            Map<String, ? extends JsonNode> large) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "| Measure (mpstore, fsync off) | %,d objects | %,d objects | ratio |%n",
                baselineObjects,
                objects));
        out.append("|---|--:|--:|--:|\n");
        JsonNode none = JSON.createObjectNode();
        Function<String, JsonNode> a = step -> small.containsKey(step) ? small.get(step) : none;
        Function<String, JsonNode> b = step -> large.containsKey(step) ? large.get(step) : none;
        row(out, "create, ops/s", a.apply("create"), b.apply("create"), "opsPerSec", "%,.0f");
        row(out, "create p50, us", a.apply("create"), b.apply("create"), "p50Micros", "%.1f");
        row(out, "create p99, us", a.apply("create"), b.apply("create"), "p99Micros", "%.1f");
        for (String caches : List.of("", ", caches off")) {
            String step = caches.isEmpty() ? "get" : "get-caches-off";
            row(
                    out,
                    String.format(Locale.ROOT, "%,d random gets, ops/s%s", gets, caches),
                    a.apply(step),
                    b.apply(step),
                    "opsPerSec",
                    "%,.0f");
            targetRow(
                    out,
                    "get p50, us" + caches + " (target: ratio at most 1.5)",
                    a.apply(step),
                    b.apply(step),
                    "p50Micros",
                    "%.1f",
                    GET_P50_TARGET_RATIO);
            row(out, "get p99, us" + caches, a.apply(step), b.apply(step), "p99Micros", "%.1f");
        }
        row(
                out,
                "streamObjects() with -Xmx" + heap + ", objects/s",
                a.apply("iterate"),
                b.apply("iterate"),
                "opsPerSec",
                "%,.0f");
        row(out, "count() with -Xmx" + heap + ", objects/s", a.apply("count"), b.apply("count"), "opsPerSec", "%,.0f");
        out.append('\n');
        out.append(String.format(
                Locale.ROOT,
                "- The gets started %,d ms or more after the store was filled; caches "
                        + "off is the same store opened with readCacheBytes(0) and keepListings(false): every get lists "
                        + "the object's directory, reads and parses its file.%n",
                settleMillis));
        for (var entry : List.of(Map.entry("small", a), Map.entry("large", b))) {
            for (String step : List.of("iterate", "count")) {
                JsonNode result = entry.getValue().apply(step);
                out.append("- ")
                        .append(step.equals("iterate") ? "streamObjects()" : "count()")
                        .append(" over ")
                        .append(String.format(
                                Locale.ROOT, "%,d", entry.getKey().equals("small") ? baselineObjects : objects))
                        .append(" objects with -Xmx")
                        .append(heap)
                        .append(": ")
                        .append(
                                result.has("failure")
                                        ? "**failed**: "
                                                + result.path("failure").asString()
                                        : !result.has("ops")
                                                ? "**failed**: no result"
                                                : "completed, "
                                                        + String.format(
                                                                Locale.ROOT,
                                                                "%,d",
                                                                result.path("ops")
                                                                        .asLong())
                                                        + " objects in "
                                                        + String.format(
                                                                Locale.ROOT,
                                                                "%.1f s",
                                                                result.path("nanos")
                                                                                .asLong()
                                                                        / 1e9))
                        .append('\n');
            }
        }
        return out.toString();
    }

    private Map<String, ObjectNode> steps(String name, int count) {
        Path store = workDirectory.resolve(name).resolve("store");
        Path warmup = workDirectory.resolve(name).resolve("warmup");
        String contender = Contender.MPSTORE.label();
        int seed = 7919;
        Map<String, ObjectNode> results = new LinkedHashMap<>();
        results.put(
                "create",
                step(
                        name + "-create",
                        new WorkerSpec(
                                contender,
                                Workload.W1.name(),
                                store.toString(),
                                warmup.toString(),
                                count,
                                count,
                                Math.min(count, 10_000),
                                1,
                                seed,
                                0,
                                1,
                                false,
                                0,
                                false),
                        List.of()));
        // the gets read data written earlier: wait until the object directories are older than the engine's rule
        // for keeping listings (the large store's first objects are minutes old by now, its last ones are not)
        settle(name);
        // the same gets, first with the engine's defaults, then with its caches off; each warms up on the store
        // itself (gets / 5 random gets), so the default engine's caches are warm as an application's would be
        results.put(
                "get",
                step(
                        name + "-get",
                        new WorkerSpec(
                                contender,
                                Workload.GET_EXISTING.name(),
                                store.toString(),
                                store.toString(),
                                count,
                                gets,
                                gets / 5,
                                1,
                                seed,
                                0,
                                1,
                                false,
                                0,
                                false),
                        List.of()));
        results.put(
                "get-caches-off",
                step(
                        name + "-get-caches-off",
                        new WorkerSpec(
                                contender,
                                Workload.GET_EXISTING.name(),
                                store.toString(),
                                store.toString(),
                                count,
                                gets,
                                gets / 5,
                                1,
                                seed,
                                0,
                                1,
                                false,
                                0,
                                true),
                        List.of()));
        List<String> smallHeap = List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError");
        results.put(
                "iterate",
                step(
                        name + "-iterate",
                        new WorkerSpec(
                                contender,
                                Workload.ITERATE_EXISTING.name(),
                                store.toString(),
                                null,
                                count,
                                count,
                                0,
                                1,
                                seed,
                                0,
                                1,
                                false,
                                0,
                                false),
                        smallHeap));
        results.put(
                "count",
                step(
                        name + "-count",
                        new WorkerSpec(
                                contender,
                                Workload.COUNT_EXISTING.name(),
                                store.toString(),
                                null,
                                count,
                                count,
                                0,
                                1,
                                seed,
                                0,
                                1,
                                false,
                                0,
                                false),
                        smallHeap));
        return results;
    }

    private void settle(String name) {
        if (settleMillis <= 0) {
            return;
        }
        System.out.printf(
                Locale.ROOT, "%-20s waiting %,d ms for the store to settle%n", name + "-settle", settleMillis);
        try {
            Thread.sleep(settleMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
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
        System.out.printf(
                Locale.ROOT, "%-20s %s  [%.0f s]%n", name, describe(result), (System.nanoTime() - started) / 1e9);
        return result;
    }

    private static String describe(JsonNode result) {
        if (result.has("failure")) {
            return "FAILED: " + result.path("failure").asString();
        }
        List<String> parts = new ArrayList<>();
        parts.add(String.format(
                Locale.ROOT, "%,.0f ops/s", result.path("opsPerSec").asDouble()));
        if (result.has("p50Micros")) {
            parts.add(String.format(
                    Locale.ROOT,
                    "p50 %.1f us, p99 %.1f us",
                    result.path("p50Micros").asDouble(),
                    result.path("p99Micros").asDouble()));
        }
        if (result.path("errors").asLong() > 0) {
            parts.add("ERRORS " + result.path("errors").asLong() + ": "
                    + result.path("firstError").asString());
        }
        return String.join(", ", parts);
    }

    private static void row(
            StringBuilder out, String measure, JsonNode small, JsonNode large, String field, String format) {
        targetRow(out, measure, small, large, field, format, Double.NaN);
    }

    /** A row whose ratio large/small is also judged against {@code maxRatio} (none if NaN). */
    private static void targetRow(
            StringBuilder out,
            String measure,
            JsonNode small,
            JsonNode large,
            String field,
            String format,
            double maxRatio) {
        double a = small.path(field).asDouble(Double.NaN);
        double b = large.path(field).asDouble(Double.NaN);
        String ratio = "";
        if (!Double.isNaN(a) && !Double.isNaN(b)) {
            ratio = String.format(Locale.ROOT, "%.2f", b / a);
            if (!Double.isNaN(maxRatio)) {
                ratio = b / a <= maxRatio ? ratio + ", met" : "**" + ratio + ", missed**";
            }
        }
        out.append("| ")
                .append(measure)
                .append(" | ")
                .append(Double.isNaN(a) ? "failed" : String.format(Locale.ROOT, format, a))
                .append(" | ")
                .append(Double.isNaN(b) ? "failed" : String.format(Locale.ROOT, format, b))
                .append(" | ")
                .append(ratio)
                .append(" |\n");
    }
}
