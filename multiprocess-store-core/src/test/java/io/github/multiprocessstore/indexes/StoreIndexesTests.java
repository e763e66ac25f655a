package io.github.multiprocessstore.indexes;

import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.LogCapture;
import io.github.multiprocessstore.ObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Declared indexes in one JVM: built from what is there, kept current from the feed, re-checked against the current
 * winner, rebuilt after a reset. Other store instances on the same directory stand in for other processes (each has
 * its own journal segment); the cross-process proof is {@code StoreIndexesMultiProcessIT}.
 */
class StoreIndexesTests {

    /** Bounds the waits for the feed's threads, so a bug fails the test instead of hanging it; nothing is timed. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final IndexOptions PATIENT = IndexOptions.defaults().withCatchUpTimeout(PATIENCE);

    @TempDir
    Path temp;

    private static JsonNode text(String value) {
        return JsonNodeFactory.instance.stringNode(value);
    }

    private static List<String> ids(List<ObjectNode> objects) {
        return objects.stream().map(o -> o.path("_id").stringValue()).toList();
    }

    private static ObjectStore reconcilingEvery(Path dir, Duration interval) {
        return ObjectStore.builder(dir)
                .durable(false)
                .changeReconcileInterval(interval)
                .build();
    }

    /** A store on {@code dir} that journals nothing, as the npm package: the index learns of its writes late. */
    private static ObjectStore unjournaled(Path dir) {
        return ObjectStore.builder(dir).durable(false).changeJournal(false).build();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still waiting after " + PATIENCE + " for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    @Test
    void buildsFromTheObjectsAlreadyThereAndFindsByKey() {
        try (ObjectStore store =
                ObjectStore.builder(temp.resolve("s")).durable(false).build()) {
            IntStream.range(0, 50).forEach(i -> store.createObject(object("p" + i, "email", "e" + (i % 10), "n", i)));
            store.deleteObject("p3");
            try (StoreIndexes indexes = StoreIndexes.build(
                    store, List.of(IndexDefinition.onPath("email"), IndexDefinition.onPath("n")), PATIENT)) {
                assertThat(indexes.state()).isEqualTo(IndexState.READY);
                assertThat(indexes.size("email")).isEqualTo(49);
                assertThat(ids(indexes.findEqual("email", text("e3")))).containsExactly("p13", "p23", "p33", "p43");

                IndexedView view = indexes.current().orElseThrow();
                assertThat(view.idsEqual("n", JsonNodeFactory.instance.numberNode(7.0)))
                        .containsExactly("p7");
                assertThat(view.idsBetween(
                                "n",
                                JsonNodeFactory.instance.numberNode(10),
                                false,
                                JsonNodeFactory.instance.numberNode(13),
                                true))
                        .containsExactly("p11", "p12", "p13");
                assertThat(view.idsBetween(
                                "n", JsonNodeFactory.instance.numberNode(47), true, MissingNode.getInstance(), false))
                        .containsExactly("p47", "p48", "p49");
                assertThat(view.window("n", false, 2, 3))
                        .extracting(IndexEntry::id)
                        .containsExactly("p2", "p4", "p5");
                assertThat(view.window("n", true, 0, 2))
                        .extracting(IndexEntry::id)
                        .containsExactly("p49", "p48");
            }
        }
    }

    @Test
    void descendingWindowsKeepIdsAscendingWithinAKeyAsQueriesSortThem() {
        try (ObjectStore store =
                ObjectStore.builder(temp.resolve("s")).durable(false).build()) {
            List.of("a", "b", "c").forEach(id -> store.createObject(object(id, "k", 1)));
            store.createObject(object("d", "k", 2));
            store.createObject(object("e"));
            try (StoreIndexes indexes = StoreIndexes.build(store, List.of(IndexDefinition.onPath("k")), PATIENT)) {
                IndexedView view = indexes.current().orElseThrow();
                assertThat(view.window("k", true, 0, 10))
                        .extracting(IndexEntry::id)
                        .containsExactly("d", "a", "b", "c", "e");
                assertThat(view.window("k", true, 2, 2))
                        .extracting(IndexEntry::id)
                        .containsExactly("b", "c");
                assertThat(view.window("k", false, 0, 10))
                        .extracting(IndexEntry::id)
                        .containsExactly("e", "a", "b", "c", "d");
            }
        }
    }

    @Test
    void aQuerySeesEveryWriteOfAnotherWriterThatCompletedBeforeItStarted() {
        Path dir = temp.resolve("s");
        try (ObjectStore indexed = ObjectStore.builder(dir).durable(false).build();
                ObjectStore writer = ObjectStore.builder(dir).durable(false).build()) {
            IntStream.range(0, 5).forEach(i -> writer.createObject(object("p" + i, "email", "start")));
            try (StoreIndexes indexes =
                    StoreIndexes.build(indexed, List.of(IndexDefinition.onPath("email")), PATIENT)) {
                for (int i = 0; i < 200; i++) {
                    String id = "p" + (i % 5);
                    String email = "v" + i;
                    writer.updateObjectAtomically(id, current -> current.put("email", email));
                    IndexedView view = indexes.current().orElseThrow();
                    assertThat(view.idsEqual("email", text(email)))
                            .as("after write %d", i)
                            .containsExactly(id);
                    if (i >= 5) {
                        assertThat(view.idsEqual("email", text("v" + (i - 5)))).isEmpty();
                    }
                }
                writer.deleteObject("p0");
                assertThat(indexes.current().orElseThrow().size("email")).isEqualTo(4);
            }
        }
    }

    @Test
    void candidatesAreCheckedAgainstTheCurrentWinnerBeforeTheyAreReturned() {
        Path dir = temp.resolve("s");
        try (ObjectStore indexed = reconcilingEvery(dir, Duration.ofHours(1));
                ObjectStore unjournaled = unjournaled(dir)) {
            indexed.createObject(object("alice", "email", "old@example.com"));
            try (StoreIndexes indexes =
                    StoreIndexes.build(indexed, List.of(IndexDefinition.onPath("email")), PATIENT)) {
                unjournaled.updateObjectAtomically("alice", current -> current.put("email", "new@example.com"));

                assertThat(indexes.current().orElseThrow().idsEqual("email", text("old@example.com")))
                        .as("the index is stale")
                        .containsExactly("alice");
                assertThat(indexes.findEqual("email", text("old@example.com")))
                        .as("but the stale candidate is not returned")
                        .isEmpty();
            }
        }
    }

    @Test
    void writesNobodyJournaledReachTheIndexByReconciliation() throws InterruptedException {
        Path dir = temp.resolve("s");
        try (ObjectStore indexed = reconcilingEvery(dir, Duration.ofMillis(100));
                ObjectStore unjournaled = unjournaled(dir)) {
            indexed.createObject(object("alice", "email", "old@example.com"));
            try (StoreIndexes indexes =
                    StoreIndexes.build(indexed, List.of(IndexDefinition.onPath("email")), PATIENT)) {
                unjournaled.updateObjectAtomically("alice", current -> current.put("email", "new@example.com"));
                unjournaled.createObject(object("bob", "email", "new@example.com"));

                await(
                        "reconciliation",
                        () -> indexes.current()
                                .map(view -> view.idsEqual("email", text("new@example.com"))
                                                .size()
                                        == 2)
                                .orElse(false));
                assertThat(ids(indexes.findEqual("email", text("new@example.com"))))
                        .containsExactly("alice", "bob");
                assertThat(indexes.current().orElseThrow().idsEqual("email", text("old@example.com")))
                        .isEmpty();
            }
        }
    }

    @Test
    void aResetClearsTheIndexesQueriesScanWhileTheyAreRebuiltAndUseThemAfter() throws InterruptedException {
        Path dir = temp.resolve("s");
        AtomicBoolean holdTheFeed = new AtomicBoolean();
        CountDownLatch release = new CountDownLatch(1);
        // Holds the feed thread on one object while it refills the indexes, so the rebuild can be watched.
        IndexDefinition email = new IndexDefinition("email", object -> {
            if (holdTheFeed.get()
                    && object.path("_id").stringValue().equals("gate")
                    && Thread.currentThread().getName().startsWith("mpstore-changes")) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return object.path("email");
        });
        try (LogCapture quiet = new LogCapture(); // the reset is logged, as it should be, but not into the build
                ObjectStore indexed = ObjectStore.builder(dir)
                        .durable(false)
                        .changeReconcileInterval(Duration.ofMillis(100))
                        .changeBufferCapacity(2)
                        .build();
                ObjectStore unjournaled = unjournaled(dir)) {
            indexed.createObject(object("gate", "email", "gate@example.com"));
            try (StoreIndexes indexes = StoreIndexes.build(indexed, List.of(email), PATIENT)) {
                holdTheFeed.set(true);
                // More unjournaled changes in one reconciliation than the subscriber's buffer holds: a reset.
                IntStream.range(0, 50)
                        .forEach(i -> unjournaled.createObject(object("n" + i, "email", "n@example.com")));
                await("the reset", () -> indexes.resets() > 0);

                assertThat(indexes.current()).as("no view while rebuilding").isEmpty();
                assertThat(indexes.state()).isEqualTo(IndexState.REBUILDING);
                assertThat(indexes.findEqual("email", text("n@example.com")))
                        .as("found by the scan")
                        .hasSize(50);
                assertThat(ids(indexes.findEqual("email", text("gate@example.com"))))
                        .containsExactly("gate");

                release.countDown();
                await("the rebuild", () -> indexes.current().isPresent());
                assertThat(indexes.state()).isEqualTo(IndexState.READY);
                IndexedView view = indexes.current().orElseThrow();
                assertThat(view.idsEqual("email", text("n@example.com"))).hasSize(50);
                assertThat(view.idsEqual("email", text("gate@example.com"))).containsExactly("gate");
                assertThat(view.size("email")).isEqualTo(51);
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void objectsWhoseDirectoriesVanishUnannouncedLeaveWalksAndCountsAtOnce() throws Exception {
        Path dir = temp.resolve("s");
        try (ObjectStore store = reconcilingEvery(dir, Duration.ofHours(1))) {
            List.of("a", "b", "c", "d").forEach(id -> store.createObject(object(id, "k", id)));
            try (StoreIndexes indexes = StoreIndexes.build(store, List.of(IndexDefinition.onPath("k")), PATIENT)) {
                // As rsync --delete or a test emptying the store would: no journal record, no tombstone.
                try (var files = java.nio.file.Files.walk(dir.resolve("b"))) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(path -> path.toFile().delete());
                }
                IndexedView view = indexes.current().orElseThrow();
                assertThat(view.window("k", false, 1, 2))
                        .extracting(IndexEntry::id)
                        .containsExactly("c", "d");
                assertThat(view.size("k")).isEqualTo(3);
            }
        }
    }

    @Test
    void closedIndexesGiveNoViewAndQueriesScan() {
        try (ObjectStore store =
                ObjectStore.builder(temp.resolve("s")).durable(false).build()) {
            store.createObject(object("alice", "email", "a@example.com"));
            StoreIndexes indexes = StoreIndexes.build(store, List.of(IndexDefinition.onPath("email")), PATIENT);
            indexes.close();
            assertThat(indexes.state()).isEqualTo(IndexState.CLOSED);
            assertThat(indexes.current()).isEmpty();
            assertThat(ids(indexes.findEqual("email", text("a@example.com")))).containsExactly("alice");
        }
    }
}
