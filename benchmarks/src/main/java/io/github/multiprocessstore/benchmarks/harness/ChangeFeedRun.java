package io.github.multiprocessstore.benchmarks.harness;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.changes.ChangeBatch;
import io.github.multiprocessstore.changes.ChangeSubscription;
import io.github.multiprocessstore.changes.ChangeToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The {@code changes} command: how fast a change written by another JVM reaches a subscribed listener (p50, p99,
 * max, from just before the writer's call to the listener's call, both on this host's monotonic clock, which is
 * one clock for all processes on Linux), and what reconciliation costs on a large store (the first pass, which
 * lists every object directory, and a pass with nothing to report, one {@code stat} per object directory).
 */
final class ChangeFeedRun {

    private final int writes;
    private final int pauseMillis;
    private final int writers;
    private final int objects;
    private final Path workDirectory;

    ChangeFeedRun(List<String> args) throws IOException {
        Options options = Options.parse(args, Set.of("writes", "pause-ms", "writers", "objects", "work-dir"));
        writes = options.intValue("writes", 2000);
        pauseMillis = options.intValue("pause-ms", 5);
        writers = Math.max(1, options.intValue("writers", 1));
        objects = options.intValue("objects", 100_000);
        workDirectory = Files.createDirectories(Path.of(options.string("work-dir", "target/changes-bench")))
                .toAbsolutePath();
    }

    void run() throws Exception {
        System.out.println("load average before: " + MachineInfo.loadAverage());
        latency();
        overhead();
        reconciliation();
        System.out.println("load average after: " + MachineInfo.loadAverage());
    }

    private void latency() throws Exception {
        Path store = Files.createTempDirectory(workDirectory, "latency-");
        Map<String, Long> received = new ConcurrentHashMap<>();
        List<long[]> written = Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> writtenAt = new ConcurrentHashMap<>();
        try (ObjectStore subscriber = ObjectStore.builder(store).durable(false).build();
                ChangeSubscription ignored =
                        subscriber.subscribe(change -> received.putIfAbsent(change.revision(), System.nanoTime()))) {
            List<Process> processes = new ArrayList<>();
            List<Thread> readers = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Process process = new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                "io.github.multiprocessstore.benchmarks.Harness",
                                "changes-writer",
                                store.toString(),
                                String.valueOf(writes),
                                String.valueOf(pauseMillis),
                                "w" + w)
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
                processes.add(process);
                Thread reader = new Thread(() -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            String[] parts = line.split(" ");
                            if (parts[0].equals("W")) {
                                writtenAt.put(parts[1], Long.parseLong(parts[2]));
                            }
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                reader.start();
                readers.add(reader);
            }
            for (Process process : processes) {
                process.waitFor(10, TimeUnit.MINUTES);
            }
            for (Thread reader : readers) {
                reader.join();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!received.keySet().containsAll(writtenAt.keySet()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        List<Double> millis = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, Long> write : writtenAt.entrySet()) {
            Long at = received.get(write.getKey());
            if (at == null) {
                missing++;
            } else {
                millis.add((at - write.getValue()) / 1e6);
            }
        }
        Collections.sort(millis);
        System.out.printf(
                "| latency, %d writer JVM(s), %d writes, %d ms apart | p50 %.2f ms | p99 %.2f ms | max %.2f ms |"
                        + " missing %d |%n",
                writers,
                writtenAt.size(),
                pauseMillis,
                percentile(millis, 0.50),
                percentile(millis, 0.99),
                millis.isEmpty() ? Double.NaN : millis.get(millis.size() - 1),
                missing);
        written.clear();
    }

    /**
     * The journal's cost, in one JVM so that both sides share the machine's load: blocks of creates and of atomic
     * updates on a store with the journal and on one without, interleaved, ten rounds; medians of the per-operation
     * times.
     */
    private void overhead() throws Exception {
        Path on = Files.createTempDirectory(workDirectory, "journal-on-");
        Path off = Files.createTempDirectory(workDirectory, "journal-off-");
        int block = 2_000;
        List<Double> createOn = new ArrayList<>();
        List<Double> createOff = new ArrayList<>();
        List<Double> updateOn = new ArrayList<>();
        List<Double> updateOff = new ArrayList<>();
        try (ObjectStore with = ObjectStore.builder(on).durable(false).build();
                ObjectStore without = ObjectStore.builder(off)
                        .durable(false)
                        .changeJournal(false)
                        .build()) {
            for (int round = 0; round < 12; round++) {
                boolean measured = round >= 2; // two rounds of warm-up
                double a = creates(with, round, block);
                double b = creates(without, round, block);
                double c = updates(with, round, block);
                double d = updates(without, round, block);
                if (measured) {
                    createOn.add(a);
                    createOff.add(b);
                    updateOn.add(c);
                    updateOff.add(d);
                }
            }
        }
        System.out.printf(
                "| journal cost, one JVM, interleaved blocks of %d, median of 10 | create %.1f us with, %.1f us"
                        + " without (%+.1f %%) | atomic update %.1f us with, %.1f us without (%+.1f %%) |%n",
                block,
                median(createOn),
                median(createOff),
                100 * (median(createOn) / median(createOff) - 1),
                median(updateOn),
                median(updateOff),
                100 * (median(updateOn) / median(updateOff) - 1));
    }

    private static double creates(ObjectStore store, int round, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            store.createObject(JsonNodeFactory.instance
                    .objectNode()
                    .put("_id", "r" + round + "-" + i)
                    .put("v", i));
        }
        return (System.nanoTime() - start) / 1e3 / count;
    }

    private static double updates(ObjectStore store, int round, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            store.updateObjectAtomically(
                    "r" + round + "-" + (i % 500), o -> o.put("n", o.path("n").asInt() + 1));
        }
        return (System.nanoTime() - start) / 1e3 / count;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private void reconciliation() throws Exception {
        Path store = Files.createTempDirectory(workDirectory, "reconcile-");
        try (ObjectStore writer = ObjectStore.builder(store).durable(false).build()) {
            long start = System.nanoTime();
            for (int i = 0; i < objects; i++) {
                writer.createObject(JsonNodeFactory.instance
                        .objectNode()
                        .put("_id", "o" + i)
                        .put("v", i));
            }
            System.out.printf("populated %d objects in %d ms%n", objects, (System.nanoTime() - start) / 1_000_000);
        }
        Thread.sleep(3_500); // every directory settled, older than any scan window below
        try (ObjectStore reader = ObjectStore.builder(store)
                .durable(false)
                .changeReconcileInterval(Duration.ofMillis(1))
                .build()) {
            long start = System.nanoTime();
            ChangeSubscription subscription = reader.subscribe(change -> {});
            long baseline = System.nanoTime() - start;
            subscription.close();
            List<Long> passes = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                ChangeToken token = reader.currentChangeToken();
                Thread.sleep(1_100);
                start = System.nanoTime();
                ChangeBatch batch = reader.changes(token);
                passes.add(System.nanoTime() - start);
                if (!batch.changes().isEmpty()) {
                    System.out.println("unexpected changes: " + batch.changes().size());
                }
            }
            Collections.sort(passes);
            System.out.printf(
                    "| reconciliation, %d objects | first pass (lists every directory) %d ms | pass with nothing"
                            + " to report (a stat per directory), median of 3: %d ms |%n",
                    objects, baseline / 1_000_000, passes.get(1) / 1_000_000);
        }
    }

    /** The writer JVM: {@code changes-writer <store> <writes> <pause ms> <object id>}. */
    static void writer(List<String> args) throws Exception {
        Path store = Path.of(args.get(0));
        int count = Integer.parseInt(args.get(1));
        int pause = Integer.parseInt(args.get(2));
        String id = args.get(3);
        try (ObjectStore writer = ObjectStore.builder(store).durable(false).build()) {
            writer.upsertObject(JsonNodeFactory.instance.objectNode().put("_id", id));
            for (int i = 0; i < count; i++) {
                long before = System.nanoTime();
                String rev = writer.updateObjectAtomically(
                                id, o -> o.put("n", o.path("n").asInt() + 1))
                        .get("_rev")
                        .asString();
                System.out.println("W " + rev + " " + before);
                if (pause > 0) {
                    Thread.sleep(pause);
                }
            }
        }
        System.out.println("DONE");
    }
}
