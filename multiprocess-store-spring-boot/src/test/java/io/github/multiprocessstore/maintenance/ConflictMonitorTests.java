package io.github.multiprocessstore.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.changes.ChangeBatch;
import io.github.multiprocessstore.changes.ChangeToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The background conflict scan: what it finds, that it caches, that it refreshes, that the change feed keeps it
 * current between scans and that it stops.
 */
class ConflictMonitorTests {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TempDir
    Path root;

    @Test
    void refreshFindsTheConflictsOfEveryCollectionByName() {
        StoreRoot storeRoot = StoreRoot.open(root, builder -> builder.durable(false));
        List<String> group = conflict(storeRoot.collection("profiles"), "alice");
        storeRoot.collection("notes");

        try (ConflictMonitor monitor = new ConflictMonitor(storeRoot, Duration.ofHours(1))) {
            ConflictReport report = monitor.refresh();

            assertThat(report.conflictedObjects()).isEqualTo(1);
            assertThat(report.conflictedObjects("profiles")).isEqualTo(1);
            assertThat(report.conflictedObjects("notes")).isZero();
            assertThat(report.collections()).containsOnlyKeys("notes", "profiles");
            assertThat(report.collections().get("profiles")).containsOnlyKeys("alice");
            assertThat(report.collections().get("profiles").get("alice")).containsExactly(group);
        }
    }

    @Test
    void latestIsCachedBetweenScans() {
        StoreRoot storeRoot = StoreRoot.open(root, builder -> builder.durable(false));
        try (ConflictMonitor monitor = new ConflictMonitor(storeRoot, Duration.ofHours(1))) {
            ConflictReport first = monitor.latest();
            conflict(storeRoot.collection("profiles"), "alice");

            assertThat(monitor.latest()).isSameAs(first);
            assertThat(monitor.refresh().conflictedObjects()).isEqualTo(1);
            assertThat(monitor.latest().conflictedObjects()).isEqualTo(1);
        }
    }

    @Test
    void theBackgroundScanPicksUpNewConflictsAndTellsListeners() {
        StoreRoot storeRoot = StoreRoot.open(root, builder -> builder.durable(false));
        List<ConflictReport> seen = new CopyOnWriteArrayList<>();
        try (ConflictMonitor monitor = new ConflictMonitor(storeRoot, Duration.ofMillis(50))) {
            monitor.onScan(seen::add);
            assertThat(monitor.latest().conflictedObjects()).isZero();

            conflict(StoreRoot.open(root, builder -> builder.durable(false)).collection("profiles"), "alice");

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() ->
                            assertThat(monitor.latest().conflictedObjects()).isEqualTo(1));
            assertThat(seen)
                    .last()
                    .extracting(ConflictReport::conflictedObjects)
                    .isEqualTo(1);
        }
    }

    @Test
    void closeStopsTheBackgroundScan() {
        StoreRoot storeRoot = StoreRoot.open(root, builder -> builder.durable(false));
        ConflictMonitor monitor = new ConflictMonitor(storeRoot, Duration.ofMillis(20));
        ConflictReport before = monitor.latest();

        monitor.close();
        conflict(storeRoot.collection("profiles"), "alice");

        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(monitor.latest()).isSameAs(before));
    }

    @Test
    void changesTheFeedReportsUpdateTheReportWithoutAScan() {
        StoreRoot storeRoot = StoreRoot.open(root, builder -> builder.durable(false));
        ObjectStore profiles = storeRoot.collection("profiles");
        try (ConflictMonitor monitor = new ConflictMonitor(storeRoot, Duration.ofHours(1))) {
            assertThat(monitor.latest().conflictedObjects()).isZero();
            ObjectStore elsewhere =
                    StoreRoot.open(root, builder -> builder.durable(false)).collection("profiles");
            ChangeToken since = profiles.currentChangeToken();

            List<String> group = conflict(elsewhere, "alice");
            since = deliver(monitor, profiles, since);
            assertThat(monitor.latest().collections().get("profiles")).containsOnlyKeys("alice");
            assertThat(monitor.latest().collections().get("profiles").get("alice"))
                    .containsExactly(group);

            elsewhere.resolveConflict("alice", group.get(0));
            conflict(elsewhere, "bob");
            since = deliver(monitor, profiles, since);
            assertThat(monitor.latest().collections().get("profiles")).containsOnlyKeys("bob");

            elsewhere.deleteObject("bob");
            deliver(monitor, profiles, since);
            assertThat(monitor.latest().conflictedObjects()).isZero();
        }
    }

    @Test
    void aChangeReportedWhileAScanRunsOutlivesWhatTheScanReadBeforeIt() throws Exception {
        StoreRoot storeRoot = StoreRoot.open(root, builder -> builder.durable(false));
        ObjectStore profiles = storeRoot.collection("profiles");
        CountDownLatch scanRead = new CountDownLatch(1);
        CountDownLatch changeDelivered = new CountDownLatch(1);
        AtomicInteger scans = new AtomicInteger();
        // The second scan reads the collection, then is held until the feed reported the conflict made after it.
        ConflictScan slowScan = (collection, store) -> {
            Map<String, List<List<String>>> conflicts = store.getConflictsOfLiveObjects();
            if (scans.incrementAndGet() == 2) {
                scanRead.countDown();
                awaitLatch(changeDelivered);
            }
            return conflicts;
        };
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.initialize();
        ExecutorService scanning = Executors.newSingleThreadExecutor();
        try (ConflictMonitor monitor = new ConflictMonitor(storeRoot, Duration.ofHours(1), scheduler, slowScan)) {
            monitor.refresh();
            ChangeToken since = profiles.currentChangeToken();
            Future<ConflictReport> secondScan = scanning.submit(monitor::refresh);
            scanRead.await();

            conflict(profiles, "alice");
            deliver(monitor, profiles, since);
            changeDelivered.countDown();

            assertThat(secondScan.get(10, TimeUnit.SECONDS).conflictedObjects()).isEqualTo(1);
            assertThat(monitor.latest().collections().get("profiles")).containsOnlyKeys("alice");
        } finally {
            scanning.shutdownNow();
            scheduler.shutdown();
        }
    }

    /** Hands the monitor every change since a token, as the application's change events do; returns the next. */
    private static ChangeToken deliver(ConflictMonitor monitor, ObjectStore store, ChangeToken since) {
        ChangeBatch batch = store.changes(since);
        batch.changes().forEach(change -> monitor.changed("profiles", change));
        return batch.next();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the change was not delivered");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theIntervalMustBePositive() {
        StoreRoot storeRoot = StoreRoot.open(root, builder -> builder.durable(false));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ConflictMonitor(storeRoot, Duration.ZERO))
                .withMessageContaining("positive");
    }

    /** Two updates from one revision: returns the conflict group's names. */
    static List<String> conflict(ObjectStore store, String id) {
        ObjectNode base =
                store.createObject(MAPPER.createObjectNode().put("_id", id).put("n", 0));
        store.updateObject(base.deepCopy().put("n", 1));
        store.updateObject(base.deepCopy().put("n", 2));
        return store.getConflicts(id).get(0);
    }
}
