package io.github.multiprocessstore;

import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** {@code updateObjectAtomically(id, change)}: the read-modify-write that needs no retry. */
class AtomicUpdateTests {

    @TempDir
    Path directory;

    @Test
    void theChangeSeesTheWinnerWithItsIdentityAndItsResultBecomesTheNextRevision() {
        ObjectStore store = ObjectStore.open(directory);
        ObjectNode created = store.createObject(object("doc", "n", 1, "keep", "me"));
        List<ObjectNode> seen = new ArrayList<>();

        ObjectNode updated = store.updateObjectAtomically("doc", current -> {
            seen.add(current.deepCopy());
            return current.put("n", current.get("n").asInt() + 1);
        });

        assertThat(seen).singleElement().isEqualTo(created);
        assertThat(updated.get("_id").asString()).isEqualTo("doc");
        assertThat(DiskLayout.numberOf(updated.get("_rev").asString())).isEqualTo(1);
        assertThat(updated.get("n").asInt()).isEqualTo(2);
        assertThat(updated.get("keep").asString()).isEqualTo("me");
        assertThat(store.getObject("doc")).isEqualTo(updated);
        assertThat(store.getRevisions("doc")).hasSize(2);
    }

    @Test
    @SuppressWarnings("deprecation")
    void theFormerNameIsAnAliasOfTheAtomicUpdate() {
        ObjectStore store = ObjectStore.open(directory);
        store.createObject(object("doc", "n", 1));

        ObjectNode updated = store.updateObject(
                "doc", current -> current.put("n", current.get("n").asInt() + 1));

        assertThat(DiskLayout.numberOf(updated.get("_rev").asString())).isEqualTo(1);
        assertThat(store.getObject("doc")).isEqualTo(updated);
        assertThat(updated.get("n").asInt()).isEqualTo(2);
    }

    @Test
    void aRevisionInTheResultIsIgnoredAndAnUnchangedResultIsStillWritten() {
        ObjectStore store = ObjectStore.open(directory);
        store.createObject(object("doc", "n", 1));

        ObjectNode updated = store.updateObjectAtomically("doc", current -> current.put("_rev", "7-" + "a".repeat(32)));

        assertThat(DiskLayout.numberOf(updated.get("_rev").asString())).isEqualTo(1);
        assertThat(store.getObject("doc").get("n").asInt()).isEqualTo(1);
    }

    @Test
    void threadsIncrementingOneObjectLoseNothingAndNeverFork() throws Exception {
        ObjectStore store = ObjectStore.builder(directory).durable(false).build();
        store.createObject(object("counter", "value", 0));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        store.updateObject(
                                "counter", c -> c.put("value", c.get("value").asInt() + 1));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.getObject("counter").get("value").asInt()).isEqualTo(200);
        assertThat(store.getConflicts("counter")).isEmpty();
        assertThat(store.getRevisions("counter")).hasSize(201);
    }

    @Test
    void aMissingOrDeletedObjectIsNotFoundAndTheChangeIsNotCalled() {
        ObjectStore store = ObjectStore.open(directory);
        store.createObject(object("gone", "n", 1));
        store.deleteObject("gone");

        assertThatThrownBy(() -> store.updateObjectAtomically("missing", current -> {
                    throw new AssertionError("called for a missing object");
                }))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> store.updateObjectAtomically("gone", current -> {
                    throw new AssertionError("called for a deleted object");
                }))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("gone");
    }

    @Test
    void aChangeThatReturnsNullOrAnotherIdIsRefusedAndWritesNothing() {
        ObjectStore store = ObjectStore.open(directory);
        store.createObject(object("doc", "n", 1));

        assertThatThrownBy(() -> store.updateObjectAtomically("doc", current -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'doc'")
                .hasMessageContaining("returned null");
        assertThatThrownBy(() -> store.updateObjectAtomically("doc", current -> current.put("_id", "other")))
                .isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("doc");
        assertThat(store.getRevisions("doc")).hasSize(1);
    }

    @Test
    void anExceptionFromTheChangeReachesTheCallerAndReleasesTheLock() {
        ObjectStore store = ObjectStore.open(directory);
        store.createObject(object("doc", "n", 1));

        assertThatThrownBy(() -> store.updateObjectAtomically("doc", current -> {
                    throw new IllegalStateException("business rule says no");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("business rule says no");

        assertThat(store.updateObjectAtomically("doc", current -> current.put("n", 2))
                        .get("n")
                        .asInt())
                .isEqualTo(2);
        assertThat(store.getRevisions("doc")).hasSize(2);
    }

    @Test
    void lockedWritesThatDoNotHappenLeaveNoTempFileBehind() {
        ObjectStore store = ObjectStore.open(directory);
        ObjectNode first = store.createObject(object("doc", "n", 1));
        store.updateObjectIfCurrent(first.deepCopy().put("n", 2));

        assertThatThrownBy(() -> store.updateObjectIfCurrent(first.deepCopy().put("n", 3)))
                .isInstanceOf(StaleRevisionException.class);
        assertThatThrownBy(() -> store.updateObjectAtomically("missing", current -> current))
                .isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.updateObjectAtomically("doc", current -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.deleteObject("missing")).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.createObject(object("doc", "n", 4)))
                .isInstanceOf(ObjectAlreadyExistsException.class);

        DiskLayout.assertNoTempLeftovers(directory);
        assertThat(store.getObject("doc").get("n").asInt()).isEqualTo(2);
    }

    @Test
    void anInvalidIdIsRejectedBeforeAnyPathIsTouched() {
        ObjectStore store = ObjectStore.open(directory);

        assertThatThrownBy(() -> store.updateObjectAtomically("", current -> current))
                .isInstanceOf(InvalidIdException.class);
    }
}
