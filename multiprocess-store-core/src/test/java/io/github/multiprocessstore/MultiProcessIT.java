package io.github.multiprocessstore;

import static io.github.multiprocessstore.DiskLayout.conflictGroupsOnDisk;
import static io.github.multiprocessstore.DiskLayout.names;
import static io.github.multiprocessstore.DiskLayout.numberOf;
import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.internal.format.AlphanumComparator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * The concurrency guarantees proved with real, separate JVMs ({@link StoreWorker}) sharing one store directory:
 * all children are started first and released together, so that they truly race. Nothing here measures time.
 */
class MultiProcessIT {

    private static final int PROCESSES = 4;
    private static final int OPERATIONS_PER_PROCESS = 25;

    @TempDir
    Path temp;

    @Test
    void concurrentUpdatesFromOneRevisionAllSurviveAsConflicts() {
        Path storeDir = temp.resolve("store");
        ObjectStore store = ObjectStore.open(storeDir);
        String sharedBase = rev(store.createObject(object("shared", "worker", -1)));
        String chainBase = rev(store.createObject(object("chain", "worker", -1)));

        Map<Integer, List<String>> outputs;
        try (Children children = new Children()) {
            for (int w = 0; w < PROCESSES; w++) {
                children.start(
                        "updater-" + w,
                        "update-same-base",
                        storeDir,
                        w,
                        String.valueOf(OPERATIONS_PER_PROCESS),
                        "shared",
                        sharedBase,
                        "chain",
                        chainBase);
            }
            outputs = children.runTogether();
        }

        // Shared object: every update was based on revision 0, so all N x M are revision 1, and all survive.
        Map<String, Integer> sharedWriters = writtenRevisions(outputs, "SHARED ");
        assertThat(sharedWriters).hasSize(PROCESSES * OPERATIONS_PER_PROCESS);
        assertThat(sharedWriters.keySet())
                .allSatisfy(rev -> assertThat(numberOf(rev)).isEqualTo(1));
        Set<String> expectedShared = new TreeSet<>(sharedWriters.keySet());
        expectedShared.add(sharedBase);
        assertThat(names(storeDir.resolve("shared"))).containsExactlyInAnyOrderElementsOf(expectedShared);
        List<List<String>> sharedConflicts = store.getConflicts("shared");
        assertThat(DiskLayout.byNumber(sharedConflicts))
                .isEqualTo(conflictGroupsOnDisk(storeDir.resolve("shared")))
                .containsOnlyKeys(1L);
        assertThat(sharedConflicts.get(0)).isSortedAccordingTo(AlphanumComparator.INSTANCE);
        sharedWriters.forEach((rev, worker) -> assertThat(
                        store.getRevision("shared", rev).get("worker").asInt())
                .as("content of %s", rev)
                .isEqualTo(worker));
        assertThat(rev(store.getObject("shared")))
                .isEqualTo(sharedConflicts.get(0).get(PROCESSES * OPERATIONS_PER_PROCESS - 1));

        // Chain object: each worker updated from its own last result, so every level 1..M holds N revisions.
        Map<String, Integer> chainWriters = writtenRevisions(outputs, "CHAIN ");
        assertThat(chainWriters).hasSize(PROCESSES * OPERATIONS_PER_PROCESS);
        Set<String> expectedChain = new TreeSet<>(chainWriters.keySet());
        expectedChain.add(chainBase);
        assertThat(names(storeDir.resolve("chain"))).containsExactlyInAnyOrderElementsOf(expectedChain);
        List<List<String>> chainConflicts = store.getConflicts("chain");
        assertThat(DiskLayout.byNumber(chainConflicts)).isEqualTo(conflictGroupsOnDisk(storeDir.resolve("chain")));
        assertThat(chainConflicts)
                .hasSize(OPERATIONS_PER_PROCESS)
                .allSatisfy(
                        group -> assertThat(group).hasSize(PROCESSES).isSortedAccordingTo(AlphanumComparator.INSTANCE));
        assertThat(chainConflicts.stream().map(group -> numberOf(group.get(0))).toList())
                .isEqualTo(IntStream.rangeClosed(1, OPERATIONS_PER_PROCESS)
                        .mapToObj(n -> (long) n)
                        .toList());

        DiskLayout.assertOnlyRevisionFilesInObjectDirectories(storeDir);
        DiskLayout.assertNoTempLeftovers(storeDir);
    }

    @Test
    void strictIncrementsWithRetryOnStaleLoseNoIncrement() {
        Path storeDir = temp.resolve("store");
        ObjectStore store = ObjectStore.open(storeDir);
        store.createObject(object("counter", "value", 0));

        Map<Integer, List<String>> outputs;
        try (Children children = new Children()) {
            for (int w = 0; w < PROCESSES; w++) {
                children.start(
                        "incrementer-" + w,
                        "increment",
                        storeDir,
                        w,
                        String.valueOf(OPERATIONS_PER_PROCESS),
                        "counter");
            }
            outputs = children.runTogether();
        }

        outputs.values().forEach(lines -> assertThat(lines).contains("INCREMENTED " + OPERATIONS_PER_PROCESS));
        int total = PROCESSES * OPERATIONS_PER_PROCESS;
        assertThat(store.getObject("counter").get("value").asInt()).isEqualTo(total);
        // A strict update never forks the history: one revision per number, 0..total.
        List<String> revisions = store.getRevisions("counter");
        assertThat(revisions.stream().map(DiskLayout::numberOf).toList())
                .isEqualTo(
                        IntStream.rangeClosed(0, total).mapToObj(n -> (long) n).toList());
        assertThat(names(storeDir.resolve("counter"))).containsExactlyInAnyOrderElementsOf(revisions);
        assertThat(store.getConflicts("counter")).isEmpty();
        DiskLayout.assertOnlyRevisionFilesInObjectDirectories(storeDir);
        DiskLayout.assertNoTempLeftovers(storeDir);
    }

    @Test
    void atomicIncrementsFromManyProcessesLoseNoneNeedNoRetryAndKeepTheHistoryBounded() {
        Path storeDir = temp.resolve("store");
        ObjectStore store = ObjectStore.open(storeDir);
        store.createObject(object("counter", "value", 0));
        int limit = 6;

        Map<Integer, List<String>> outputs;
        try (Children children = new Children()) {
            for (int w = 0; w < PROCESSES; w++) {
                children.start(
                        "atomic-" + w,
                        "atomic-increment",
                        storeDir,
                        w,
                        String.valueOf(OPERATIONS_PER_PROCESS),
                        "counter",
                        String.valueOf(limit));
            }
            outputs = children.runTogether();
        }

        outputs.values().forEach(lines -> assertThat(lines).contains("INCREMENTED " + OPERATIONS_PER_PROCESS));
        int total = PROCESSES * OPERATIONS_PER_PROCESS;
        assertThat(store.getObject("counter").get("value").asInt()).isEqualTo(total);
        List<String> live = names(storeDir.resolve("counter"));
        assertThat(live).hasSizeLessThanOrEqualTo(limit);
        List<String> all = new ArrayList<>(live);
        all.addAll(
                names(storeDir.resolve(DiskLayout.ENGINE_DIR).resolve("trash").resolve("counter")));
        assertThat(all.stream().map(DiskLayout::numberOf).sorted().toList())
                .as("one revision per number 0..total, none lost, no fork")
                .isEqualTo(
                        IntStream.rangeClosed(0, total).mapToObj(n -> (long) n).toList());
        assertThat(store.getConflicts("counter")).isEmpty();
        DiskLayout.assertNoTempLeftovers(storeDir);
    }

    @Test
    void upsertsFromManyProcessesMergeEveryFieldAndNeverFork() {
        Path storeDir = temp.resolve("store");
        ObjectStore store = ObjectStore.open(storeDir);

        Map<Integer, List<String>> outputs;
        try (Children children = new Children()) {
            for (int w = 0; w < PROCESSES; w++) {
                // The object does not exist yet: the first upserts also race to create it.
                children.start(
                        "upserter-" + w,
                        "upsert-fields",
                        storeDir,
                        w,
                        String.valueOf(OPERATIONS_PER_PROCESS),
                        "merged");
            }
            outputs = children.runTogether();
        }

        outputs.values().forEach(lines -> assertThat(lines).contains("UPSERTED " + OPERATIONS_PER_PROCESS));
        int total = PROCESSES * OPERATIONS_PER_PROCESS;
        ObjectNode merged = store.getObject("merged");
        List<String> expectedFields = new ArrayList<>(List.of("_id", "_rev"));
        for (int w = 0; w < PROCESSES; w++) {
            for (int i = 0; i < OPERATIONS_PER_PROCESS; i++) {
                expectedFields.add("w" + w + "-" + i);
            }
        }
        assertThat(merged.propertyNames()).containsExactlyInAnyOrderElementsOf(expectedFields);
        assertThat(store.getRevisions("merged").stream()
                        .map(DiskLayout::numberOf)
                        .toList())
                .isEqualTo(IntStream.range(0, total).mapToObj(n -> (long) n).toList());
        assertThat(store.getConflicts("merged")).isEmpty();
        DiskLayout.assertOnlyRevisionFilesInObjectDirectories(storeDir);
        DiskLayout.assertNoTempLeftovers(storeDir);
    }

    @Test
    void racingCreatorsOfOneIdHaveExactlyOneWinnerAndLeaveCompleteObjects() throws IOException {
        Path storeDir = temp.resolve("store");
        ObjectStore store = ObjectStore.open(storeDir);
        List<String> ids = IntStream.range(0, 20).mapToObj(i -> "raced-" + i).toList();
        Path barrier = Files.createDirectory(temp.resolve("barrier"));

        Map<Integer, List<String>> outputs;
        try (Children children = new Children()) {
            for (int w = 0; w < PROCESSES; w++) {
                children.start(
                        "creator-" + w,
                        "create-race",
                        storeDir,
                        w,
                        String.join(",", ids),
                        barrier.toString(),
                        String.valueOf(PROCESSES));
            }
            outputs = children.runTogether();
        }

        Map<String, List<Integer>> winners = new HashMap<>();
        Map<String, Integer> losses = new HashMap<>();
        outputs.forEach((worker, lines) -> lines.forEach(line -> {
            if (line.startsWith("WON ")) {
                winners.computeIfAbsent(line.substring(4), id -> new ArrayList<>())
                        .add(worker);
            } else if (line.startsWith("LOST ")) {
                losses.merge(line.substring(5), 1, Integer::sum);
            }
        }));
        for (String id : ids) {
            assertThat(winners.get(id)).as("winners of %s", id).hasSize(1);
            assertThat(losses.get(id)).as("losers of %s", id).isEqualTo(PROCESSES - 1);
            ObjectNode stored = store.getObject(id);
            List<String> problems = new ArrayList<>();
            StoreWorker.checkWhole(stored, id, problems);
            assertThat(problems).as("object %s", id).isEmpty();
            assertThat(stored.get("worker").asInt())
                    .as("creator of %s", id)
                    .isEqualTo(winners.get(id).get(0));
            assertThat(names(storeDir.resolve(id)))
                    .as("files of %s", id)
                    .singleElement()
                    .satisfies(name -> assertThat(name).startsWith("0-"));
        }
        assertThat(store.count()).isEqualTo(ids.size());
        DiskLayout.assertOnlyRevisionFilesInObjectDirectories(storeDir);
        DiskLayout.assertNoTempLeftovers(storeDir);
    }

    @Test
    void readersInOtherProcessesNeverSeePartialEmptyOrMissingObjects() {
        Path storeDir = temp.resolve("store");
        ObjectStore store = ObjectStore.open(storeDir);
        int size = 200 * 1024;
        List<String> existing = IntStream.range(0, 6).mapToObj(i -> "big-" + i).toList();
        existing.forEach(id -> store.createObject(StoreWorker.largeBody(id, 99, 0, size)));
        int writers = 2;
        int readers = 2;
        List<List<String>> createdByWriter = IntStream.range(0, writers)
                .mapToObj(w -> IntStream.range(0, 6)
                        .mapToObj(i -> "new-" + w + "-" + i)
                        .toList())
                .toList();
        List<String> allCreated = createdByWriter.stream().flatMap(List::stream).toList();

        Map<Integer, List<String>> writerOutputs = new LinkedHashMap<>();
        Map<Integer, List<String>> readerOutputs = new LinkedHashMap<>();
        try (Children children = new Children()) {
            List<ChildJvm> writerJvms = new ArrayList<>();
            List<ChildJvm> readerJvms = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                readerJvms.add(children.start(
                        "reader-" + r,
                        "read-verify",
                        storeDir,
                        r,
                        String.join(",", existing),
                        String.join(",", allCreated)));
            }
            for (int w = 0; w < writers; w++) {
                writerJvms.add(children.start(
                        "writer-" + w,
                        "write-large",
                        storeDir,
                        w,
                        "30",
                        String.join(",", existing),
                        String.join(",", createdByWriter.get(w)),
                        String.valueOf(size)));
            }
            children.releaseTogether();
            for (int w = 0; w < writers; w++) {
                writerOutputs.put(w, writerJvms.get(w).awaitSuccess());
            }
            readerJvms.forEach(reader -> reader.send("STOP"));
            for (int r = 0; r < readers; r++) {
                readerOutputs.put(r, readerJvms.get(r).awaitSuccess());
            }
        }

        writerOutputs.values().forEach(lines -> assertThat(lines).contains("WROTE 30", "CREATED 6"));
        readerOutputs.forEach((reader, lines) -> {
            assertThat(lines.stream()
                            .filter(line -> line.startsWith("PROBLEM "))
                            .toList())
                    .as("problems seen by reader %d", reader)
                    .isEmpty();
            assertThat(lines).as("reader %d", reader).contains("PROBLEMS 0", "WARNINGS 0");
            assertThat(valueOf(lines, "READS "))
                    .as("reads by reader %d", reader)
                    .isPositive();
        });
        List<String> problems = new ArrayList<>();
        for (String id : existing) {
            StoreWorker.checkWhole(store.getObject(id), id, problems);
        }
        for (String id : allCreated) {
            StoreWorker.checkWhole(store.getObject(id), id, problems);
        }
        assertThat(problems).isEmpty();
        assertThat(store.count()).isEqualTo(existing.size() + allCreated.size());
        DiskLayout.assertOnlyRevisionFilesInObjectDirectories(storeDir);
        DiskLayout.assertNoTempLeftovers(storeDir);
    }

    private static String rev(ObjectNode object) {
        return object.get("_rev").asString();
    }

    /** The revisions that workers printed after {@code prefix}, each with the worker that wrote it. */
    private static Map<String, Integer> writtenRevisions(Map<Integer, List<String>> outputs, String prefix) {
        Map<String, Integer> writers = new HashMap<>();
        Set<String> duplicates = new HashSet<>();
        outputs.forEach((worker, lines) -> lines.stream()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()))
                .forEach(rev -> {
                    if (writers.put(rev, worker) != null) {
                        duplicates.add(rev);
                    }
                }));
        assertThat(duplicates).as("revisions returned to two writes").isEmpty();
        return writers;
    }

    private static long valueOf(List<String> lines, String prefix) {
        return lines.stream()
                .filter(line -> line.startsWith(prefix))
                .map(line -> Long.parseLong(line.substring(prefix.length())))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " line in " + lines));
    }

    /** The child JVMs of one test; closing destroys every one of them, whatever happened. */
    private final class Children implements AutoCloseable {

        private final List<ChildJvm> started = new ArrayList<>();

        ChildJvm start(String name, String command, Path storeDir, int worker, String... args) {
            List<String> all = new ArrayList<>(List.of(command, storeDir.toString(), String.valueOf(worker)));
            all.addAll(List.of(args));
            ChildJvm child = ChildJvm.start(temp, name, List.of(), StoreWorker.class, all.toArray(String[]::new));
            started.add(child);
            return child;
        }

        /** Waits until every child is set up, then releases them all at once. */
        void releaseTogether() {
            started.forEach(child -> child.awaitLine("READY"));
            started.forEach(child -> child.send("GO"));
        }

        /** Releases every child together and returns each one's output by worker number, once all succeeded. */
        Map<Integer, List<String>> runTogether() {
            releaseTogether();
            Map<Integer, List<String>> outputs = new LinkedHashMap<>();
            for (int i = 0; i < started.size(); i++) {
                outputs.put(i, started.get(i).awaitSuccess());
            }
            return outputs;
        }

        @Override
        public void close() {
            started.forEach(ChildJvm::close);
        }
    }
}
