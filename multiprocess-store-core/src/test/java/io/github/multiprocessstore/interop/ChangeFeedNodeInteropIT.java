package io.github.multiprocessstore.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.changes.Change;
import io.github.multiprocessstore.changes.ChangeKind;
import io.github.multiprocessstore.changes.ChangeSubscription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes by the original npm package never reach the journal: the feed's reconciliation must report them, within
 * its interval (plus the second a directory must settle, and one more pass).
 */
class ChangeFeedNodeInteropIT {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /** One interval to reach the next pass, the settling second, one more pass, and room for a loaded machine. */
    private static final Duration BOUND =
            INTERVAL.multipliedBy(2).plusSeconds(1).plusSeconds(5);

    @Test
    void createsUpdatesAndDeletesByTheNpmPackageAppearInTheFeedWithinTheInterval(@TempDir Path directory)
            throws InterruptedException {
        NodeStore node = new NodeStore(directory);
        BlockingQueue<Change> received = new LinkedBlockingQueue<>();
        try (ObjectStore store = ObjectStore.builder(directory)
                        .durable(false)
                        .changeReconcileInterval(INTERVAL)
                        .build();
                ChangeSubscription ignored = store.subscribe(received::add)) {
            node.createObject((ObjectNode) NodeInterop.JSON.readTree("{\"_id\":\"n1\",\"v\":0}"));
            long start = System.nanoTime(); // each node call starts a node process: time from the write's end
            String created = node.getObject("n1").get("_rev").asString();
            assertArrives(received, "n1", created, ChangeKind.CREATED, start);

            ObjectNode update = node.getObject("n1").put("v", 1);
            node.updateObject(update);
            start = System.nanoTime();
            String updated = node.getObject("n1").get("_rev").asString();
            assertArrives(received, "n1", updated, ChangeKind.UPDATED, start);

            node.deleteObject("n1");
            start = System.nanoTime();
            assertArrives(received, "n1", updated, ChangeKind.DELETED, start);
        }
    }

    private static void assertArrives(
            BlockingQueue<Change> received, String id, String revision, ChangeKind kind, long since)
            throws InterruptedException {
        Change change = received.poll(60, TimeUnit.SECONDS);
        assertThat(change).as("a %s change of %s", kind, id).isNotNull();
        Duration took = Duration.ofNanos(System.nanoTime() - since);
        System.out.printf("npm package %s of %s reached the feed in %d ms%n", kind, id, took.toMillis());
        assertThat(change.id()).isEqualTo(id);
        assertThat(change.revision()).isEqualTo(revision);
        assertThat(change.kind()).isEqualTo(kind);
        assertThat(took).as("within the reconcile interval's bound").isLessThan(BOUND);
    }
}
