package io.github.multiprocessstore;

import static io.github.multiprocessstore.TestJson.object;
import static io.github.multiprocessstore.TestJson.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.multiprocessstore.changes.Change;
import io.github.multiprocessstore.changes.ChangeBatch;
import io.github.multiprocessstore.changes.ChangeListener;
import io.github.multiprocessstore.changes.ChangeSubscription;
import io.github.multiprocessstore.changes.ChangeToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** The change feed within one JVM: kinds, positions, resumption, resets, and a journal that is lost or damaged. */
class ChangeFeedTests {

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock();

    private ObjectStore open() {
        return ObjectStore.builder(directory)
                .durable(false)
                .clock(clock)
                .changeRetention(Duration.ofHours(1))
                .changeReconcileInterval(Duration.ofMillis(200))
                .build();
    }

    private static List<String> described(List<Change> changes) {
        return changes.stream()
                .map(c -> c.id() + " " + c.kind().jsonName() + " " + c.revision())
                .toList();
    }

    private static String rev(ObjectNode object) {
        return object.get("_rev").asString();
    }

    @Test
    void anUnjournaledWriteInTheSameMillisecondAsTheChangeTheBaselineSawIsStillReported() throws Exception {
        // Real time and real change times: the baseline is taken at the subscription, between a create and an
        // update by a program that journals nothing. Where both writes share the directory's change time (to the
        // millisecond the feed compares), only the settle rule can tell the update from the create.
        int sameMillisecond = 0;
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (int attempt = 0; sameMillisecond < 2 && System.nanoTime() < giveUp; attempt++) {
            Path store = directory.resolve("attempt-" + attempt);
            try (ObjectStore npmLike = ObjectStore.builder(store)
                            .durable(false)
                            .changeJournal(false)
                            .build();
                    ObjectStore followed = ObjectStore.builder(store)
                            .durable(false)
                            .changeReconcileInterval(Duration.ofMillis(50))
                            .build()) {
                BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
                awaitNextMillisecond();
                npmLike.createObject(object("a", "v", 0));
                long created = changeTimeMillis(store.resolve("a"));
                try (ChangeSubscription subscription = followed.subscribe(changes::add)) {
                    String updated = rev(npmLike.updateObjectAtomically("a", a -> a.put("v", 1)));
                    if (changeTimeMillis(store.resolve("a")) != created) {
                        continue; // the update's change time differs: not the case under test
                    }
                    sameMillisecond++;
                    Change change = changes.poll(20, TimeUnit.SECONDS);
                    assertThat(change)
                            .as("the update in the create's millisecond (attempt %d)", attempt)
                            .isNotNull();
                    assertThat(change.revision()).isEqualTo(updated);
                }
            }
        }
        assumeTrue(sameMillisecond > 0, "no update landed in its create's millisecond within 15 s of attempts here");
    }

    private static void awaitNextMillisecond() {
        long now = System.currentTimeMillis();
        while (System.currentTimeMillis() == now) {
            Thread.onSpinWait();
        }
    }

    private static long changeTimeMillis(Path path) throws IOException {
        return ((FileTime) Files.getAttribute(path, "unix:ctime", LinkOption.NOFOLLOW_LINKS)).toMillis();
    }

    @Test
    void everyKindOfWriteIsReportedInOrderWithItsWinningRevision() {
        try (ObjectStore store = open()) {
            ChangeToken start = store.currentChangeToken();
            ObjectNode a0 = store.createObject(object("a", "v", 0));
            ObjectNode a1 = store.updateObjectAtomically("a", a -> a.put("v", 1));
            ObjectNode a2x = store.updateObject(with(a1, "v", 2));
            ObjectNode a2y = store.updateObject(with(a1, "v", 3));
            ObjectNode resolved = store.resolveConflict("a", rev(a2x));
            ObjectNode b0 = store.upsertObject(object("b", "v", 0));
            ObjectNode b1 = store.upsertObject(object("b", "w", 1));
            String b2 = store.deleteObject("b");

            ChangeBatch batch = store.changes(start);

            assertThat(batch.reset()).isFalse();
            assertThat(described(batch.changes()))
                    .containsExactly(
                            "a created " + rev(a0),
                            "a updated " + rev(a1),
                            "a updated " + rev(a2x),
                            "a conflict " + rev(a2y),
                            "a resolved " + rev(resolved),
                            "b created " + rev(b0),
                            "b updated " + rev(b1),
                            "b deleted " + b2);
            assertThat(store.changes(batch.next()).changes()).isEmpty();
        }
    }

    @Test
    void fromTheBeginningEveryLiveObjectComesOnceAsCreatedThenTheChanges() {
        try (ObjectStore store = open()) {
            ObjectNode a = store.createObject(object("a"));
            store.createObject(object("b"));
            ObjectNode b = store.updateObjectAtomically("b", o -> o.put("v", 1));
            store.createObject(object("gone"));
            store.deleteObject("gone");

            ChangeBatch first = store.changes(ChangeToken.BEGINNING);
            assertThat(first.reset()).isFalse();
            assertThat(described(first.changes())).containsExactly("a created " + rev(a), "b created " + rev(b));

            ObjectNode c = store.createObject(object("c"));
            assertThat(described(store.changes(first.next()).changes())).containsExactly("c created " + rev(c));
        }
    }

    @Test
    void fromTheOldestPositionTheJournaledHistoryIsReplayedWithItsKinds() {
        try (ObjectStore store = open()) {
            ObjectNode a0 = store.createObject(object("a"));
            ObjectNode a1 = store.updateObject(with(a0, "v", 1));
            ObjectNode a1b = store.updateObject(with(a0, "v", 2));

            assertThat(described(store.changes(store.oldestChangeToken()).changes()))
                    .containsExactly("a created " + rev(a0), "a updated " + rev(a1), "a conflict " + rev(a1b));
        }
    }

    @Test
    void aPlainUpdateBesideARivalNobodyJournaledIsDeliveredAsAConflict() throws IOException {
        try (ObjectStore store = open()) {
            ObjectNode a0 = store.createObject(object("a"));
            ChangeToken afterCreate = store.currentChangeToken();
            // a rival at number 1 written the way the npm original writes, without a journal record
            String rival = "1-" + "f".repeat(32);
            Files.writeString(directory.resolve("a").resolve(rival), "{\"_id\":\"a\",\"_rev\":\"" + rival + "\"}");
            ObjectNode a1 = store.updateObject(with(a0, "v", 1));

            assertThat(described(store.changes(afterCreate).changes())).contains("a conflict " + rev(a1));
        }
    }

    @Test
    void aPlainUpdateWithoutARivalIsDeliveredAsAnUpdate() {
        try (ObjectStore store = open()) {
            ObjectNode a0 = store.createObject(object("a"));
            ChangeToken afterCreate = store.currentChangeToken();
            ObjectNode a1 = store.updateObject(with(a0, "v", 1));

            assertThat(described(store.changes(afterCreate).changes())).containsExactly("a updated " + rev(a1));
        }
    }

    @Test
    void aSnapshotResumedFromTheTokenOfOneOfItsObjectsGoesOnAfterIt() {
        try (ObjectStore store = open()) {
            for (String id : List.of("a", "b", "c", "d")) {
                store.createObject(object(id));
            }
            List<Change> snapshot = store.changes(ChangeToken.BEGINNING).changes();
            ChangeToken afterB = snapshot.get(1).token();

            List<Change> rest =
                    store.changes(ChangeToken.parse(afterB.toString())).changes();

            assertThat(rest.stream().map(Change::id)).containsExactly("c", "d");
        }
    }

    @Test
    void aStoredTokenResumesAfterARestartWithoutMissingAChange() {
        ChangeToken stored;
        List<String> expected = new ArrayList<>();
        try (ObjectStore store = open()) {
            store.createObject(object("x"));
            stored = store.changes(ChangeToken.BEGINNING).next();
        }
        try (ObjectStore writer = open()) {
            for (int i = 0; i < 20; i++) {
                ObjectNode written = writer.updateObjectAtomically("x", o -> o.put("n", 1));
                expected.add("x updated " + rev(written));
            }
        }
        try (ObjectStore reader = open()) {
            ChangeBatch batch = reader.changes(ChangeToken.parse(stored.toString()));
            assertThat(batch.reset()).isFalse();
            assertThat(described(batch.changes())).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aTokenOlderThanTheRetentionGivesAResetAndEveryLiveObject() {
        try (ObjectStore store = open()) {
            ObjectNode a = store.createObject(object("a"));
            ChangeToken old = store.currentChangeToken();
            clock.advance(Duration.ofHours(2));

            ChangeBatch batch = store.changes(old);

            assertThat(batch.reset()).isTrue();
            assertThat(described(batch.changes())).containsExactly("a created " + rev(a));
            assertThat(store.changes(batch.next()).reset()).isFalse();
        }
    }

    @Test
    void tokensOfOneFeedIncreaseAndSurviveTextAndJavaSerialization() throws Exception {
        try (ObjectStore store = open()) {
            ChangeToken start = store.currentChangeToken();
            store.createObject(object("a"));
            store.createObject(object("b"));
            List<Change> changes = store.changes(start).changes();

            assertThat(changes.get(0).token()).isGreaterThan(start);
            assertThat(changes.get(1).token()).isGreaterThan(changes.get(0).token());
            assertThat(ChangeToken.parse(changes.get(1).token().toString()))
                    .isEqualTo(changes.get(1).token());
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(changes.get(1).token());
            }
            try (java.io.ObjectInputStream in =
                    new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                assertThat(in.readObject()).isEqualTo(changes.get(1).token());
            }
            assertThat(ChangeToken.parse("0")).isEqualTo(ChangeToken.BEGINNING);
        }
    }

    @Test
    void aTokenThatNoFeedGaveIsRefusedWithAClearMessage() {
        try (ObjectStore store = open()) {
            assertThatThrownBy(() -> ChangeToken.parse("not a token!"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a change feed position");
            assertThatThrownBy(() -> store.changes(ChangeToken.parse("12")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a change feed position");
        }
    }

    @Test
    void writesNobodyJournaledAreFoundByReconciliation() throws IOException {
        try (ObjectStore store = open()) {
            store.createObject(object("a"));
            ChangeToken start = store.currentChangeToken();
            // as rsync or the npm package would: a revision file without a journal record
            String copied = "1-0123456789abcdef0123456789abcdef";
            Files.writeString(directory.resolve("a").resolve(copied), "{\"v\":1}");
            clock.advance(Duration.ofSeconds(5));

            assertThat(described(store.changes(start).changes())).containsExactly("a updated " + copied);
        }
    }

    @Test
    void reconciliationWaitsItsIntervalBetweenPasses() throws Exception {
        try (ObjectStore store = ObjectStore.builder(directory)
                .durable(false)
                .changeReconcileInterval(Duration.ofSeconds(4))
                .build()) {
            store.createObject(object("a"));
            BlockingQueue<Change> received = new LinkedBlockingQueue<>();
            long subscribed = System.nanoTime();
            store.subscribe(received::add); // takes the baseline; the first pass is due 4 s later
            String copied = "1-0123456789abcdef0123456789abcdef";
            Files.writeString(directory.resolve("a").resolve(copied), "{\"v\":1}");

            // The journal watcher wakes the feed's threads after every poll (100 ms): no wake-up may start a pass.
            long beforeDue = 2_500 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - subscribed);
            assertThat(received.poll(beforeDue, TimeUnit.MILLISECONDS))
                    .as("a reconciliation pass before its interval")
                    .isNull();
            Change found = received.poll(30, TimeUnit.SECONDS);
            assertThat(found).isNotNull();
            assertThat(described(List.of(found))).containsExactly("a updated " + copied);
        }
    }

    @Test
    void closingTheStoreDuringAReconciliationPassWarnsOfNothing() throws Exception {
        CountDownLatch passStarted = new CountDownLatch(1);
        AtomicBoolean armed = new AtomicBoolean();
        // Holds the reconciliation thread at the start of its next pass (its first look at the clock) until close()
        // interrupts it; the pass then goes on to read the journal, which the interrupt breaks.
        MutableClock holdingPass = new MutableClock();
        holdingPass.beforeEachRead(() -> {
            if (Thread.currentThread().getName().startsWith("mpstore-reconcile-") && armed.getAndSet(false)) {
                passStarted.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException closing) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try (LogCapture logs = new LogCapture()) {
            try (ObjectStore store = ObjectStore.builder(directory)
                    .durable(false)
                    .clock(holdingPass)
                    .changeReconcileInterval(Duration.ofMillis(100))
                    .build()) {
                store.subscribe(change -> {});
                store.createObject(object("a")); // a journal record the pass will read
                armed.set(true);
                assertThat(passStarted.await(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(logs.warnings()).noneMatch(warning -> warning.contains("reconciliation"));
        }
    }

    @Test
    void aMissingJournalChangesNoReadOrWriteAndCostsAFullResync() throws IOException {
        try (ObjectStore store = open()) {
            store.createObject(object("a"));
            ChangeToken stored = store.changes(store.currentChangeToken()).next();
            ObjectNode b = store.createObject(object("b"));
            deleteRecursively(directory.resolve(".mpstore/journal"));

            ObjectNode a1 = store.updateObjectAtomically("a", o -> o.put("v", 1));
            assertThat(store.getObject("a")).isEqualTo(a1);
            ChangeBatch batch = store.changes(stored);
            assertThat(batch.reset())
                    .as("the segments the token named are gone")
                    .isTrue();
            assertThat(described(batch.changes()))
                    .containsExactlyInAnyOrder("a created " + rev(a1), "b created " + rev(b));
        }
    }

    @Test
    void anUnwritableJournalChangesNoWriteAndReconciliationStillReportsThem() throws IOException {
        try (LogCapture logs = new LogCapture();
                ObjectStore store = open()) {
            ChangeToken start = store.currentChangeToken();
            deleteRecursively(directory.resolve(".mpstore/journal"));
            Files.writeString(directory.resolve(".mpstore/journal"), "not a directory");

            ObjectNode a = store.createObject(object("a"));
            assertThat(store.getObject("a")).isEqualTo(a);
            clock.advance(Duration.ofSeconds(5));

            assertThat(described(store.changes(start).changes())).containsExactly("a created " + rev(a));
            assertThat(logs.warnings())
                    .anyMatch(warning -> warning.startsWith("Could not append to the change journal"));
        }
    }

    @Test
    void aCorruptOrTornJournalTailIsSkippedAndLaterRecordsStillArrive() throws IOException {
        try (ObjectStore store = open()) {
            ChangeToken start = store.currentChangeToken();
            ObjectNode a = store.createObject(object("a"));
            Path segment;
            try (Stream<Path> files = Files.list(directory.resolve(".mpstore/journal"))) {
                segment = files.findFirst().orElseThrow();
            }
            try (FileChannel out = FileChannel.open(segment, StandardOpenOption.APPEND)) {
                out.write(ByteBuffer.wrap(new byte[] {(byte) 0xC3, 2, 34, 0, 1, 'x', 'y', 0, 0, 0}));
            }
            List<Change> beforeMore = store.changes(start).changes();
            ObjectNode b = store.createObject(object("b"));

            assertThat(described(beforeMore)).containsExactly("a created " + rev(a));
            assertThat(described(store.changes(start).changes()))
                    .containsExactly("a created " + rev(a), "b created " + rev(b));
        }
    }

    @Test
    void aSubscriberReceivesChangesUntilItIsClosed() throws InterruptedException {
        try (ObjectStore store = open()) {
            BlockingQueue<Change> received = new LinkedBlockingQueue<>();
            ChangeSubscription subscription = store.subscribe(received::add);
            ObjectNode a = store.createObject(object("a"));

            Change change = received.poll(30, TimeUnit.SECONDS);
            assertThat(change).isNotNull();
            assertThat(described(List.of(change))).containsExactly("a created " + rev(a));
            assertThat(subscription.position()).isNotNull();

            subscription.close();
            assertThat(subscription.isOpen()).isFalse();
            store.createObject(object("b"));
            assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aSubscriberFromTheBeginningGetsTheSnapshotThenLiveChangesAndClosingTheStoreStopsIt()
            throws InterruptedException {
        ObjectStore store = open();
        ObjectNode a = store.createObject(object("a"));
        BlockingQueue<Change> received = new LinkedBlockingQueue<>();
        ChangeSubscription subscription = store.subscribe(ChangeToken.BEGINNING, received::add);
        Change first = received.poll(30, TimeUnit.SECONDS);
        ObjectNode b = store.createObject(object("b"));
        Change second = received.poll(30, TimeUnit.SECONDS);

        assertThat(described(Stream.of(first, second).toList()))
                .containsExactly("a created " + rev(a), "b created " + rev(b));
        store.close();
        assertThat(subscription.isOpen()).isFalse();
    }

    @Test
    void aSubscriberTooFarBehindIsResetInsteadOfBufferingWithoutBound() throws Exception {
        try (ObjectStore store = ObjectStore.builder(directory)
                .durable(false)
                .clock(clock)
                .changeBufferCapacity(1)
                .changeReconcileInterval(Duration.ofMillis(50))
                .build()) {
            for (String id : List.of("a", "b", "c")) {
                store.createObject(object(id));
            }
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch reset = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch blocked = new java.util.concurrent.CountDownLatch(1);
            try (ChangeSubscription ignored = store.subscribe(new ChangeListener() {
                @Override
                public void onChange(Change change) {
                    events.add(change.id());
                    blocked.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void onReset(ChangeToken token) {
                    events.add("RESET");
                    reset.countDown();
                }
            })) {
                store.createObject(object("d")); // the listener blocks on it
                assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();
                // Unjournaled writes to three objects: more than the buffer of 1 holds.
                for (String id : List.of("a", "b", "c")) {
                    Files.writeString(directory.resolve(id).resolve("1-0123456789abcdef0123456789abcdef"), "{}");
                }
                clock.advance(Duration.ofSeconds(5)); // past the settling time
                Thread.sleep(1_000); // a few reconciliation passes, 50 ms apart
                release.countDown();
                assertThat(reset.await(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(events.get(0)).isEqualTo("d");
            assertThat(events).contains("RESET");
        }
    }

    @Test
    void replicationIntoTheStoreAndACompactionEndingAConflictAreReported(@TempDir Path peer) {
        try (ObjectStore store = open();
                ObjectStore other = ObjectStore.builder(peer).durable(false).build()) {
            ObjectNode a0 = store.createObject(object("a"));
            io.github.multiprocessstore.replication.Replicator.replicate(directory, peer);
            ObjectNode theirs = other.updateObject(with(a0, "v", "theirs"));
            ObjectNode b = other.createObject(object("b"));
            ChangeToken start = store.currentChangeToken();
            ObjectNode ours = store.updateObject(with(a0, "v", "ours"));

            io.github.multiprocessstore.replication.Replicator.replicate(peer, directory);
            String winner = store.getObject("a").get("_rev").asString();
            io.github.multiprocessstore.compaction.Compactor.compact(
                    directory,
                    io.github.multiprocessstore.compaction.CompactionPolicy.defaults()
                            .withDiscardUnresolvedConflicts(true));

            assertThat(described(store.changes(start).changes()))
                    .containsExactlyInAnyOrder(
                            "a updated " + rev(ours),
                            "a conflict " + winner,
                            "a resolved " + winner,
                            "b created " + rev(b));
            assertThat(List.of(rev(ours), rev(theirs))).contains(winner);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
