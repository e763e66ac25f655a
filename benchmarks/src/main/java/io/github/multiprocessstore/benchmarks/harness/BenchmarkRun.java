package io.github.multiprocessstore.benchmarks.harness;

import io.github.multiprocessstore.benchmarks.workload.Contender;
import io.github.multiprocessstore.benchmarks.workload.WorkerSpec;
import io.github.multiprocessstore.benchmarks.workload.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code run} command: every workload of the issue for every contender, each measurement in fresh processes on
 * a fresh store, repetitions interleaved across contenders (the order of contenders rotates from one repetition to
 * the next), then the summary tables. Raw results go to {@code results.jsonl}, tables to {@code summary.md}.
 */
final class BenchmarkRun {

    static final Set<String> OPTIONS = Set.of(
            "reps",
            "objects",
            "gets",
            "updates",
            "read-all-repeats",
            "w5-updates",
            "w6-updates",
            "durable-ops",
            "processes",
            "workloads",
            "contenders",
            "work-dir",
            "out-dir",
            "java-options",
            "keep-stores",
            "settle-ms",
            "warmup-ops");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    /**
     * Warm-up operations of a single-process worker (durable ones warm up unsynced): enough for C2 to have compiled
     * the hot paths of every contender before the measurement. 10,000 were not: measured on W3, the JIT's threads
     * still used more CPU than the measured loop afterwards (SQLite's worker 104 us of user CPU per update after
     * 10,000, 31 us after 60,000; the engine's 169 against 64), which on two cores with four workers (W5, W6)
     * slowed the measurement itself.
     */
    private static final int DEFAULT_WARMUP_OPS = 40_000;

    /** The measured pairs, in the order they run within a repetition (contenders rotate per repetition). */
    static final List<Workload> WORKLOADS =
            List.of(Workload.W1, Workload.W2, Workload.W2F, Workload.W3, Workload.W4, Workload.W5, Workload.W6);

    private final int reps;
    private final int objects;
    private final int gets;
    private final int updates;
    private final int readAllRepeats;
    private final int w5Updates;
    private final int w6Updates;
    private final int durableOps;
    private final int processes;
    private final int settleMillis;
    private final int warmupOps;
    private final List<Workload> workloads;
    private final List<Contender> contenders;
    private final Path workDirectory;
    private final Path outDirectory;
    private final boolean keepStores;
    private final Launcher launcher;

    BenchmarkRun(List<String> args) {
        Options options = Options.parse(args, OPTIONS);
        reps = Math.max(1, options.intValue("reps", 3));
        objects = Math.max(1, options.intValue("objects", 10_000));
        gets = options.intValue("gets", 100_000);
        updates = options.intValue("updates", 10_000);
        readAllRepeats = Math.max(1, options.intValue("read-all-repeats", 5));
        w5Updates = options.intValue("w5-updates", 10_000);
        w6Updates = options.intValue("w6-updates", 2_000);
        durableOps = options.intValue("durable-ops", 2_000);
        processes = Math.max(1, options.intValue("processes", 4));
        settleMillis = options.intValue("settle-ms", WorkerSpec.DEFAULT_SETTLE_MILLIS);
        warmupOps = Math.max(0, options.intValue("warmup-ops", DEFAULT_WARMUP_OPS));
        workloads = options.list("workloads", WORKLOADS.stream().map(Enum::name).toList()).stream()
                .map(Workload::of)
                .toList();
        contenders =
                options
                        .list(
                                "contenders",
                                Arrays.stream(Contender.values())
                                        .map(Contender::label)
                                        .toList())
                        .stream()
                        .map(Contender::of)
                        .toList();
        Path target = Launcher.targetDirectory();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        workDirectory = Path.of(
                        options.string("work-dir", target.resolve("bench-work").toString()))
                .resolve(stamp)
                .toAbsolutePath();
        outDirectory = Path.of(options.string(
                        "out-dir",
                        target.resolve("bench-results").resolve(stamp).toString()))
                .toAbsolutePath();
        List<String> javaOptions = Arrays.stream(
                        options.string("java-options", "-Xmx1g").split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
        keepStores = Boolean.parseBoolean(options.string("keep-stores", "false"));
        launcher = new Launcher(javaOptions, target.resolve("node"), outDirectory.resolve("logs"));
    }

    /** The contenders measured in a workload, in their base order. */
    static List<Contender> contendersOf(Workload workload) {
        return switch (workload) {
            case W1, W3, W5 ->
                List.of(
                        Contender.MPSTORE,
                        Contender.MPSTORE_NO_JOURNAL,
                        Contender.SQLITE,
                        Contender.NPM,
                        Contender.MPSTORE_DURABLE,
                        Contender.SQLITE_DURABLE,
                        Contender.FLOOR,
                        Contender.FLOOR_DURABLE);
            case W2, W2F, W4 -> List.of(Contender.MPSTORE, Contender.SQLITE, Contender.NPM, Contender.FLOOR);
            case W6 ->
                List.of(
                        Contender.MPSTORE,
                        Contender.MPSTORE_BOUNDED,
                        Contender.SQLITE,
                        Contender.SQLITE_TXN,
                        Contender.NPM);
            default -> List.of();
        };
    }

    void run() {
        Directories.create(workDirectory);
        MachineInfo machine = MachineInfo.read(workDirectory);
        String loadBefore = MachineInfo.loadAverage();
        System.out.println("Machine: " + machine.describe());
        System.out.println("Load average before the run: " + loadBefore);
        System.out.println("Results: " + outDirectory);
        Path results = outDirectory.resolve("results.jsonl");
        List<ObjectNode> measurements = new ArrayList<>();
        long started = System.nanoTime();
        for (int rep = 0; rep < reps; rep++) {
            for (Workload workload : workloads) {
                List<Contender> order = new ArrayList<>(contendersOf(workload));
                order.retainAll(contenders);
                if (!order.isEmpty()) {
                    Collections.rotate(order, -rep);
                }
                for (Contender contender : order) {
                    ObjectNode measurement = measure(rep, workload, contender);
                    measurements.add(measurement);
                    append(results, measurement);
                    System.out.println(progressLine(measurement));
                }
            }
        }
        String loadAfter = MachineInfo.loadAverage();
        String summary = Summary.render(
                measurements,
                new Summary.RunInfo(
                        machine,
                        loadBefore,
                        loadAfter,
                        Duration.ofNanos(System.nanoTime() - started),
                        describeSizes()));
        write(outDirectory.resolve("summary.md"), summary);
        System.out.println();
        System.out.println(summary);
        if (keepStores) {
            System.out.println("Stores kept in " + workDirectory);
        } else {
            System.out.println("Deleting the stores in " + workDirectory + " (creating files on this file system may "
                    + "be slower for a few minutes after: wait before the next run)");
            Directories.deleteRecursively(workDirectory);
        }
    }

    private String describeSizes() {
        return String.format(
                Locale.ROOT,
                "%d repetitions; W1 %,d creates; W2 %,d gets over %,d objects; W2F the "
                        + "same, measured right after the fill; W3 %,d updates over %,d; W4 read all %,d objects x %d; "
                        + "W2, W3 and W4 measured %,d ms after the fill; W5 %,d updates by %d processes over %,d "
                        + "objects; W6 %,d increments of one object by %d processes; durable W1/W3/W5 %,d operations",
                reps,
                objects,
                gets,
                objects,
                updates,
                objects,
                objects,
                readAllRepeats,
                settleMillis,
                w5Updates,
                processes,
                objects,
                w6Updates,
                processes,
                durableOps);
    }

    private ObjectNode measure(int rep, Workload workload, Contender contender) {
        String caseName = String.format(Locale.ROOT, "rep%d-%s-%s", rep + 1, workload, contender.label());
        Path caseDirectory = workDirectory.resolve(caseName);
        boolean durable = contender.durable();
        int seed = 7919 * (rep + 1);
        // Stores are kept until the run ends: deleting thousands of files between measurements would slow the next
        // contender's file creation for minutes (ext4 without a journal skips recently freed inodes when it allocates).
        ObjectNode measurement = switch (workload) {
            case W1 ->
                single(
                        caseName,
                        spec(
                                contender,
                                workload,
                                caseDirectory,
                                0,
                                durable ? durableOps : objects,
                                durable ? durableOps : objects,
                                seed));
            case W2, W2F -> single(caseName, spec(contender, workload, caseDirectory, 0, objects, gets, seed));
            case W3 ->
                single(
                        caseName,
                        spec(contender, workload, caseDirectory, 0, objects, durable ? durableOps : updates, seed));
            case W4 -> single(caseName, spec(contender, workload, caseDirectory, 0, objects, objects, seed));
            case W5 ->
                multi(
                        caseName,
                        caseDirectory,
                        contender,
                        workload,
                        objects,
                        (durable ? durableOps : w5Updates) / processes,
                        seed);
            case W6 -> multi(caseName, caseDirectory, contender, workload, 1, w6Updates / processes, seed);
            default -> throw new IllegalArgumentException(workload + " is not a measured workload");
        };
        ObjectNode tagged = JSON.createObjectNode();
        tagged.put("rep", rep + 1);
        tagged.setAll(measurement);
        return tagged;
    }

    private WorkerSpec spec(
            Contender contender,
            Workload workload,
            Path caseDirectory,
            int processIndex,
            int objectCount,
            int ops,
            int seed) {
        Path warmup = caseDirectory.resolve("warmup-" + processIndex);
        return new WorkerSpec(
                contender.label(),
                workload.name(),
                caseDirectory.resolve("store").toString(),
                warmup.toString(),
                objectCount,
                ops,
                warmupOpsOf(workload, ops, warmupOps),
                readAllRepeats,
                seed + 104_729 * processIndex,
                processIndex,
                processes,
                workload.multiProcess(),
                settleMillis,
                false);
    }

    /**
     * The warm-up of one worker: the configured operations, or a fifth of the measured ones if that is more. The
     * processes of a multi-process workload warm up at the same time on the same cores, so each does half; each
     * still compiles the same code, which is what the warm-up is for.
     */
    static int warmupOpsOf(Workload workload, int measuredOps, int configured) {
        return Math.max(workload.multiProcess() ? configured / 2 : configured, measuredOps / 5);
    }

    private ObjectNode single(String name, WorkerSpec spec) {
        return launcher.runSingle(name, spec, List.of(), TIMEOUT);
    }

    /**
     * A setup process fills the store; {@code processes} workers warm up on their own directories and say
     * {@code ready}; then one {@code go} starts them together, and the throughput is all their operations over the
     * time from {@code go} to the last result line. W6 is followed by a fresh process that reads the counter back.
     */
    private ObjectNode multi(
            String name,
            Path caseDirectory,
            Contender contender,
            Workload workload,
            int objectCount,
            int opsPerProcess,
            int seed) {
        WorkerSpec setup = new WorkerSpec(
                contender.label(),
                Workload.SETUP.name(),
                caseDirectory.resolve("store").toString(),
                null,
                objectCount,
                0,
                0,
                0,
                seed,
                0,
                processes,
                false,
                0,
                false);
        single(name + "-setup", setup);
        List<WorkerProcess> workers = new ArrayList<>();
        List<JsonNode> results = new ArrayList<>();
        long go;
        long last = 0;
        try {
            for (int p = 0; p < processes; p++) {
                workers.add(launcher.start(
                        name + "-p" + p,
                        spec(contender, workload, caseDirectory, p, objectCount, opsPerProcess, seed),
                        List.of()));
            }
            for (WorkerProcess worker : workers) {
                worker.await("ready", TIMEOUT);
            }
            go = System.nanoTime();
            for (WorkerProcess worker : workers) {
                worker.sendAndClose("go");
            }
            for (WorkerProcess worker : workers) {
                WorkerProcess.Line line = worker.await(null, TIMEOUT);
                last = Math.max(last, line.receivedNanos());
                results.add(JSON.readTree(line.text()));
            }
            for (WorkerProcess worker : workers) {
                worker.awaitSuccess(TIMEOUT);
            }
        } finally {
            workers.forEach(WorkerProcess::destroy);
        }
        ObjectNode combined = JSON.createObjectNode();
        combined.put("contender", contender.label());
        combined.put("workload", workload.name());
        combined.put("processes", processes);
        long ops = 0;
        long retries = 0;
        long errors = 0;
        long tornReads = 0;
        long cpuUser = 0;
        long cpuSystem = 0;
        List<Double> p50s = new ArrayList<>();
        double p99 = 0;
        for (JsonNode result : results) {
            ops += result.path("ops").asLong();
            retries += result.path("retries").asLong();
            errors += result.path("errors").asLong();
            tornReads += result.path("tornReads").asLong();
            cpuUser += result.path("cpuUserMicros").asLong();
            cpuSystem += result.path("cpuSystemMicros").asLong();
            p50s.add(result.path("p50Micros").asDouble());
            p99 = Math.max(p99, result.path("p99Micros").asDouble());
            if (result.has("firstError") && !combined.has("firstError")) {
                combined.put("firstError", result.path("firstError").asString());
            }
        }
        long wall = last - go;
        combined.put("ops", ops);
        combined.put("nanos", wall);
        combined.put("opsPerSec", ops * 1e9 / Math.max(1, wall));
        combined.put("p50Micros", Stats.median(p50s));
        combined.put("p99Micros", p99);
        combined.put("retries", retries);
        combined.put("errors", errors);
        combined.put("tornReads", tornReads);
        combined.put("cpuUserMicros", cpuUser);
        combined.put("cpuSystemMicros", cpuSystem);
        if (workload == Workload.W6) {
            WorkerSpec verify = new WorkerSpec(
                    contender.label(),
                    Workload.VERIFY.name(),
                    caseDirectory.resolve("store").toString(),
                    null,
                    1,
                    0,
                    0,
                    0,
                    seed,
                    0,
                    processes,
                    false,
                    0,
                    false);
            JsonNode check = single(name + "-verify", verify);
            long expected = ops - errors;
            long counter = check.path("counter").asLong();
            combined.put("expectedCounter", expected);
            combined.put("finalCounter", counter);
            combined.put("lostUpdates", expected - counter);
            combined.put("updatesStored", check.path("updatesStored").asLong());
            combined.put("conflictGroups", check.path("conflictGroups").asLong());
            combined.put("conflictLosers", check.path("conflictLosers").asLong());
        }
        return combined;
    }

    private static String progressLine(ObjectNode m) {
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "rep %d %-3s %-16s %,12.0f ops/s",
                m.path("rep").asInt(),
                m.path("workload").asString(),
                m.path("contender").asString(),
                m.path("opsPerSec").asDouble()));
        if (m.has("p50Micros")) {
            line.append(String.format(
                    Locale.ROOT,
                    "  p50 %,.1f us  p99 %,.1f us",
                    m.path("p50Micros").asDouble(),
                    m.path("p99Micros").asDouble()));
        }
        if (m.path("retries").asLong() > 0) {
            line.append("  stale retries ").append(m.path("retries").asLong());
        }
        if (m.has("lostUpdates")) {
            line.append("  lost ")
                    .append(m.path("lostUpdates").asLong())
                    .append(" of ")
                    .append(m.path("expectedCounter").asLong());
        }
        if (m.path("tornReads").asLong() > 0) {
            line.append("  torn reads ").append(m.path("tornReads").asLong());
        }
        if (m.path("errors").asLong() > 0) {
            line.append("  ERRORS ")
                    .append(m.path("errors").asLong())
                    .append(": ")
                    .append(m.path("firstError").asString());
        }
        return line.toString();
    }

    private static void append(Path file, ObjectNode measurement) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    JSON.writeValueAsString(measurement) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
