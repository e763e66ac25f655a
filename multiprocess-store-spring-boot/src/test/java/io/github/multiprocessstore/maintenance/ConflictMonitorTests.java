package io.github.multiprocessstore.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreRoot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The background conflict scan: what it finds, that it caches, that it refreshes and that it stops. */
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
