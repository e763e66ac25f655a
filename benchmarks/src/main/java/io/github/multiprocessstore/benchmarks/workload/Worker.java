package io.github.multiprocessstore.benchmarks.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Java worker process: runs one workload of one Java contender on a fresh store directory, after a warm-up on
 * another, and prints one JSON result line on stdout. Started by the harness, never by hand:
 * {@code java -cp benchmarks.jar io.github.multiprocessstore.benchmarks.workload.Worker '<WorkerSpec as JSON>'}.
 *
 * <p>The result line holds {@code ops}, {@code nanos} (the measured loop only: no JVM start, no warm-up, no setup),
 * {@code opsPerSec}, per-operation latency percentiles where operations are single calls, {@code retries}
 * (updates refused as stale and redone; always 0 for this engine, whose atomic update is never refused),
 * {@code errors} and the first error's message; for the workloads that fill their store (W2, W2F, W3, W4) also
 * {@code settleMillis}, how long it waited between the fill and the measurement.
 */
public final class Worker {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final WorkerSpec spec;
    private final Contender contender;
    private final Workload workload;
    private int errors;
    private String firstError;
    private long retries;

    private Worker(WorkerSpec spec) {
        this.spec = spec;
        this.contender = Contender.of(spec.contender());
        this.workload = Workload.of(spec.workload());
        if (contender.node()) {
            throw new IllegalArgumentException(contender.label() + " runs in the Node.js driver, not here");
        }
    }

    /**
     * Runs the workload described by the one argument and prints its result line.
     *
     * @param args one argument: a {@link WorkerSpec} as JSON
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: Worker '<WorkerSpec as JSON>' (started by the harness)");
            System.exit(2);
        }
        WorkerSpec spec = MAPPER.readValue(args[0], WorkerSpec.class);
        ObjectNode result = new Worker(spec).run();
        System.out.println(MAPPER.writeValueAsString(result));
        System.out.flush();
    }

    private ObjectNode run() {
        ObjectNode result = MAPPER.createObjectNode();
        result.put("contender", contender.label());
        result.put("workload", workload.name());
        result.put("processIndex", spec.processIndex());
        Path directory = Path.of(spec.dir());
        createDirectory(directory);
        switch (workload) {
            case SETUP -> {
                try (Client client = open(directory, contender.durable())) {
                    client.populate(spec.objects());
                }
                return result;
            }
            case VERIFY -> {
                try (Client client = open(directory, contender.durable())) {
                    result.setAll(client.verify(WorkerSpec.COUNTER_ID));
                }
                return result;
            }
            default -> {
                warmUp();
                try (Client client = open(directory, contender.durable())) {
                    waitForGo(); // the store is open: W5/W6's clock starts with the operations
                    measure(
                            client,
                            workload,
                            spec.objects(),
                            spec.ops(),
                            spec.seed(),
                            spec.processes(),
                            spec.processIndex(),
                            spec.settleMillis(),
                            result);
                }
                result.put("retries", retries);
                result.put("errors", errors);
                if (firstError != null) {
                    result.put("firstError", firstError);
                }
                return result;
            }
        }
    }

    /**
     * The same workload, smaller, on another directory: loads classes, fills caches and lets the JIT compile
     * ({@code warmupOps} operations, 40,000 by default, so that C2 has compiled the hot paths before the measurement
     * and does not compete with it for the two cores; W4 reads that many documents, see {@link #warmupRounds}).
     * Durable contenders warm up with fsync off: the same code, without waiting for the disk. W6 warms up on many
     * objects (W5's shape), as one object would collect thousands of revisions. Where the measurement reads a settled
     * store (W2, W3, W4, W5, W6), so does the warm-up, which costs each such worker one settle time more.
     */
    private void warmUp() {
        if (spec.warmupDir() == null || spec.warmupOps() <= 0) {
            return;
        }
        Path warmup = Path.of(spec.warmupDir());
        createDirectory(warmup);
        Workload shape = workload == Workload.W6 ? Workload.W5 : workload;
        int objects = switch (workload) {
            case W1 -> spec.warmupOps();
            case W6 -> 1_000;
            case GET_EXISTING -> spec.objects();
            default -> Math.min(spec.objects(), Math.max(100, spec.objects() / 5));
        };
        try (Client client = open(warmup, false)) {
            if (shape == Workload.W5) {
                client.populate(objects); // the measured store of W5/W6 is filled by the harness's setup step
                // which is settled by the time the workers start: warm up on settled directories too
                settle(spec.settleMillis());
            }
            // The warm-up settles where the measurement does: reading a settled directory takes code that reading a
            // directory written a moment ago never runs, and the JIT must have compiled both before the measurement.
            measure(
                    client,
                    shape,
                    objects,
                    spec.warmupOps(),
                    ~spec.seed(),
                    1,
                    0,
                    spec.settleMillis(),
                    MAPPER.createObjectNode());
        }
        for (int round = 1; round < warmupRounds(workload, objects, spec.repeats(), spec.warmupOps()); round++) {
            try (Client client = open(warmup, false)) { // a fresh client: its first pass reads cold, as measured
                measureLoop(client, shape, objects, spec.warmupOps(), ~spec.seed(), 1, 0, MAPPER.createObjectNode());
            }
        }
        errors = 0;
        firstError = null;
        retries = 0;
    }

    /**
     * How many times the warm-up runs its workload: once, except W4, whose warm-up reads {@code warmupOps}
     * documents like the other workloads' warm-ups run that many operations. W4 reads all documents {@code repeats}
     * times per client, so it takes several rounds, each with a fresh client on the same warm-up store, whose first
     * pass reads cold as the measured first pass does.
     */
    static int warmupRounds(Workload workload, int objects, int repeats, int warmupOps) {
        if (workload != Workload.W4) {
            return 1;
        }
        long perRound = (long) Math.max(1, objects) * Math.max(1, repeats);
        return (int) Math.max(1, (warmupOps + perRound - 1) / perRound);
    }

    private void measure(
            Client client,
            Workload shape,
            int objects,
            int ops,
            int seed,
            int processes,
            int processIndex,
            int settleMillis,
            ObjectNode result) {
        if (shape.fillsStore()) {
            client.populate(objects); // untimed, and outside the CPU time below
            if (shape.settlesAfterFill()) {
                // as for data written earlier: the object directories are older than the engine's rule for keeping
                // listings (3 s unchanged); every contender waits alike, untimed and outside the CPU time
                settle(settleMillis);
                result.put("settleMillis", settleMillis);
            } else {
                result.put("settleMillis", 0);
            }
        }
        long[] cpuBefore = ProcessCpu.userAndSystemMicros();
        measureLoop(client, shape, objects, ops, seed, processes, processIndex, result);
        long[] cpuAfter = ProcessCpu.userAndSystemMicros();
        result.put("cpuUserMicros", cpuAfter[0] - cpuBefore[0]);
        result.put("cpuSystemMicros", cpuAfter[1] - cpuBefore[1]);
    }

    private void measureLoop(
            Client client,
            Workload shape,
            int objects,
            int ops,
            int seed,
            int processCount,
            int processIndex,
            ObjectNode result) {
        Mulberry32 random = new Mulberry32(seed);
        long[] latencies = null;
        long started;
        long elapsed;
        int done;
        switch (shape) {
            case W1 -> {
                latencies = new long[objects];
                started = System.nanoTime();
                for (int i = 0; i < objects; i++) {
                    long t = System.nanoTime();
                    try {
                        client.create(Documents.document(MAPPER, i));
                    } catch (RuntimeException e) {
                        error(e);
                    }
                    latencies[i] = System.nanoTime() - t;
                }
                elapsed = System.nanoTime() - started;
                done = objects;
            }
            case W2, W2F, GET_EXISTING -> {
                latencies = new long[ops];
                started = System.nanoTime();
                for (int i = 0; i < ops; i++) {
                    String id = Documents.id(random.nextInt(objects));
                    long t = System.nanoTime();
                    try {
                        client.get(id);
                    } catch (RuntimeException e) {
                        error(e);
                    }
                    latencies[i] = System.nanoTime() - t;
                }
                elapsed = System.nanoTime() - started;
                done = ops;
            }
            case W3 -> {
                latencies = new long[ops];
                started = System.nanoTime();
                incrementLoop(client, ops, latencies, i -> random.nextInt(objects));
                elapsed = System.nanoTime() - started;
                done = ops;
            }
            case W4 -> {
                int repeats = Math.max(1, spec.repeats());
                latencies = new long[repeats];
                done = 0;
                started = System.nanoTime();
                for (int r = 0; r < repeats; r++) {
                    long t = System.nanoTime();
                    try {
                        int read = client.readAll();
                        if (read != objects) {
                            error(new IllegalStateException("read all returned " + read + " of " + objects));
                        }
                        done += read;
                    } catch (RuntimeException e) {
                        error(e);
                    }
                    latencies[r] = System.nanoTime() - t;
                }
                elapsed = System.nanoTime() - started;
            }
            case W5 -> {
                int processes = Math.max(1, processCount);
                int owned = (objects - processIndex + processes - 1) / processes;
                latencies = new long[ops];
                started = System.nanoTime();
                incrementLoop(client, ops, latencies, i -> random.nextInt(owned) * processes + processIndex);
                elapsed = System.nanoTime() - started;
                done = ops;
            }
            case W6 -> {
                latencies = new long[ops];
                started = System.nanoTime();
                incrementLoop(client, ops, latencies, i -> 0);
                elapsed = System.nanoTime() - started;
                done = ops;
            }
            case ITERATE_EXISTING, COUNT_EXISTING -> {
                started = System.nanoTime();
                long seen = shape == Workload.ITERATE_EXISTING ? client.iterateAll() : client.count();
                elapsed = System.nanoTime() - started;
                if (seen != objects) {
                    error(new IllegalStateException("saw " + seen + " documents of " + objects));
                }
                done = (int) seen;
                result.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
            }
            default -> throw new IllegalStateException("not a measured workload: " + shape);
        }
        result.put("ops", done);
        result.put("nanos", elapsed);
        result.put("opsPerSec", done * 1e9 / Math.max(1, elapsed));
        if (latencies != null && latencies.length > 0) {
            Arrays.sort(latencies);
            result.put("p50Micros", latencies[percentileIndex(latencies.length, 0.50)] / 1e3);
            result.put("p99Micros", latencies[percentileIndex(latencies.length, 0.99)] / 1e3);
        }
    }

    private static void settle(int millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the store to settle", e);
        }
    }

    private void incrementLoop(Client client, int ops, long[] latencies, IntUnaryOperator documentIndex) {
        for (int i = 0; i < ops; i++) {
            String id = Documents.id(documentIndex.applyAsInt(i));
            long t = System.nanoTime();
            try {
                retries += client.increment(id);
            } catch (RuntimeException e) {
                error(e);
            }
            latencies[i] = System.nanoTime() - t;
        }
    }

    private static int percentileIndex(int length, double percentile) {
        return Math.min(length - 1, (int) Math.ceil(percentile * length) - 1);
    }

    private Client open(Path directory, boolean durable) {
        return switch (contender) {
            case MPSTORE, MPSTORE_NO_JOURNAL, MPSTORE_BOUNDED, MPSTORE_DURABLE ->
                new EngineClient(
                        directory, durable, contender.historyLimit(), spec.cachesOff(), contender.journal(), MAPPER);
            case SQLITE, SQLITE_DURABLE, SQLITE_TXN ->
                new SqliteClient(directory, durable, contender == Contender.SQLITE && workload == Workload.W6, MAPPER);
            case FLOOR, FLOOR_DURABLE -> new FloorClient(directory, durable, MAPPER);
            case NPM -> throw new IllegalStateException("npm runs in Node.js");
        };
    }

    private void error(RuntimeException e) {
        errors++;
        if (firstError == null) {
            firstError = e.getClass().getSimpleName() + ": " + e.getMessage();
            e.printStackTrace();
        }
    }

    private void waitForGo() {
        if (!spec.waitForGo()) {
            return;
        }
        System.out.println("ready");
        System.out.flush();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            if (!"go".equals(line)) {
                throw new IllegalStateException("expected 'go' from the harness, got " + line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }
}
