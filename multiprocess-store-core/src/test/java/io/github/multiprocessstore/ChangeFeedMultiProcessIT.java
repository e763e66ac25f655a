package io.github.multiprocessstore;

import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.changes.Change;
import io.github.multiprocessstore.changes.ChangeSubscription;
import io.github.multiprocessstore.internal.format.RevisionNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change feed across real, separate JVMs ({@link ChangeWorker}): writers in several processes, subscribers in
 * others and in this one. Nothing here measures time; waits are bounded by {@link ChildJvm#TIMEOUT}.
 */
class ChangeFeedMultiProcessIT {

    private static final List<String> IDS = List.of("o0", "o1", "o2", "o3", "o4");

    @TempDir
    Path temp;

    private Path createStore() {
        Path storeDir = temp.resolve("store");
        try (ObjectStore store = ObjectStore.builder(storeDir).durable(false).build()) {
            IDS.forEach(id -> store.createObject(object(id, "n", 0)));
        }
        return storeDir;
    }

    private ChildJvm writer(Path storeDir, int worker, int count, boolean journal) {
        List<String> args = new ArrayList<>(
                List.of("write", storeDir.toString(), String.valueOf(worker), String.valueOf(count), "" + journal));
        args.addAll(IDS);
        ChildJvm child = ChildJvm.start(temp, "writer-" + worker, ChangeWorker.class, args.toArray(String[]::new));
        child.awaitLine("READY");
        return child;
    }

    private ChildJvm subscriber(Path storeDir, String name) {
        ChildJvm child = ChildJvm.start(
                temp,
                name,
                ChangeWorker.class,
                "subscribe",
                storeDir.toString(),
                "0",
                temp.resolve(name + ".token").toString());
        child.awaitLine("READY");
        return child;
    }

    /** "id rev" of every {@code W} line. */
    private static List<String> written(List<String> output) {
        return output.stream()
                .filter(line -> line.startsWith("W "))
                .map(line -> line.substring(2))
                .toList();
    }

    /** "id rev" of every {@code C} line, in order. */
    private static List<String> delivered(List<String> output) {
        return output.stream()
                .filter(line -> line.startsWith("C "))
                .map(line -> line.substring(2, line.lastIndexOf(' ')))
                .toList();
    }

    private static Predicate<List<String>> hasDelivered(Set<String> expected) {
        return lines -> new HashSet<>(delivered(lines)).containsAll(expected);
    }

    /** For each object, the revision numbers in the order they were first delivered never go down. */
    private static void assertPerObjectOrder(List<String> delivered) {
        Map<String, List<Long>> numbers = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String change : delivered) {
            if (seen.add(change)) {
                String[] parts = change.split(" ");
                numbers.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(RevisionNames.numberOf(parts[1]));
            }
        }
        numbers.forEach((id, revisions) -> assertThat(revisions)
                .as("revision numbers of %s in delivery order", id)
                .isSorted());
    }

    private static void awaitInProcess(List<Change> received, Set<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + ChildJvm.TIMEOUT.toNanos();
        while (!inProcess(received).containsAll(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static Set<String> inProcess(List<Change> received) {
        synchronized (received) {
            Set<String> seen = new HashSet<>();
            received.forEach(c -> seen.add(c.id() + " " + c.revision()));
            return seen;
        }
    }

    @Test
    void everyWriteOfEveryProcessReachesEverySubscriberInPerObjectOrder() throws Exception {
        Path storeDir = createStore();
        List<Change> received = Collections.synchronizedList(new ArrayList<>());
        List<String> writes = new ArrayList<>();
        try (ObjectStore store = ObjectStore.builder(storeDir).durable(false).build();
                ChangeSubscription ignored = store.subscribe(store.currentChangeToken(), received::add);
                ChildJvm first = subscriber(storeDir, "subscriber-1");
                ChildJvm second = subscriber(storeDir, "subscriber-2")) {
            List<ChildJvm> writers = IntStream.range(0, 3)
                    .mapToObj(w -> writer(storeDir, w, 60, true))
                    .toList();
            try {
                writers.forEach(w -> w.send("GO"));
                for (ChildJvm w : writers) {
                    writes.addAll(written(w.awaitSuccess()));
                }
            } finally {
                writers.forEach(ChildJvm::close);
            }
            Set<String> expected = new HashSet<>(writes);
            assertThat(expected).hasSize(180);

            for (ChildJvm subscriber : List.of(first, second)) {
                List<String> output = subscriber.awaitOutput(hasDelivered(expected));
                assertThat(output).doesNotContain("RESET");
                assertThat(delivered(output))
                        .as("the snapshot: every object once, at revision 0")
                        .filteredOn(change -> change.contains(" 0-"))
                        .hasSize(IDS.size());
                assertPerObjectOrder(delivered(output));
            }
            awaitInProcess(received, expected);
            assertThat(inProcess(received)).containsAll(expected);
            List<String> inOrder;
            synchronized (received) {
                inOrder =
                        received.stream().map(c -> c.id() + " " + c.revision()).toList();
            }
            assertPerObjectOrder(inOrder);
        }
    }

    @Test
    void aSubscriberKilledAndRestartedFromItsStoredTokenMissesNothing() {
        Path storeDir = createStore();
        List<String> beforeKill;
        List<String> afterRestart;
        List<String> writes = new ArrayList<>();
        ChildJvm writer = writer(storeDir, 0, 200, true);
        try (writer) {
            try (ChildJvm subscriber = subscriber(storeDir, "subscriber")) {
                writer.send("GO");
                beforeKill = subscriber.awaitOutput(lines -> delivered(lines).size() >= 60);
            } // destroyForcibly: kill -9, mid-stream
            try (ChildJvm restarted = subscriber(storeDir, "subscriber")) {
                writes.addAll(written(writer.awaitSuccess()));
                afterRestart = restarted.awaitOutput(lines -> {
                    Set<String> all = new HashSet<>(delivered(beforeKill));
                    all.addAll(delivered(lines));
                    return all.containsAll(writes);
                });
            }
        }
        assertThat(afterRestart).doesNotContain("RESET");
        assertThat(delivered(afterRestart))
                .as("resumed after the stored token, not from the beginning")
                .doesNotContainAnyElementsOf(delivered(beforeKill).subList(0, 10));
        assertPerObjectOrder(delivered(afterRestart));
    }

    @Test
    void writesNeverJournaledByAKilledOrJournalLessWriterAreReportedByReconciliation() throws Exception {
        Path storeDir = createStore();
        List<Change> received = Collections.synchronizedList(new ArrayList<>());
        try (ObjectStore store = ObjectStore.builder(storeDir)
                        .durable(false)
                        .changeReconcileInterval(Duration.ofMillis(300))
                        .build();
                ChangeSubscription ignored = store.subscribe(store.currentChangeToken(), received::add)) {
            // A writer that never journals: the state a kill -9 between publish and append leaves, for every write.
            try (ChildJvm silent = writer(storeDir, 0, 40, false)) {
                silent.send("GO");
                silent.awaitSuccess();
            }
            // And a real kill -9 of a journaling writer in the middle of its writes.
            try (ChildJvm killed = writer(storeDir, 1, 100_000, true)) {
                killed.send("GO");
                killed.awaitOutput(lines -> written(lines).size() >= 50);
            }
            Set<String> finalState = new HashSet<>();
            for (String id : IDS) {
                finalState.add(id + " " + store.getObject(id).get("_rev").asString());
            }
            awaitInProcess(received, finalState);
            assertThat(inProcess(received)).containsAll(finalState);
        }
    }
}
