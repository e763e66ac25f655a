package io.github.multiprocessstore;

import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("changesThatMoveTheIdentity")
    void theStoredFileStartsWithIdAndRevWhateverTheChangeDidToThem(String description, UnaryOperator<ObjectNode> change)
            throws IOException {
        ObjectStore store = ObjectStore.open(directory);
        store.createObject(object("doc", "n", 1));

        ObjectNode updated = store.updateObjectAtomically("doc", change);

        String rev = updated.get("_rev").asString();
        String file = Files.readString(directory.resolve("doc").resolve(rev));
        assertThat(file).startsWith("{\"_id\":\"doc\",\"_rev\":\"" + rev + "\",");
        assertThat(updated.properties().iterator().next().getKey()).isEqualTo("_id");
        assertThat(store.getObject("doc")).isEqualTo(updated);
    }

    static Stream<Arguments> changesThatMoveTheIdentity() {
        return Stream.of(
                Arguments.of("changes the given object", (UnaryOperator<ObjectNode>) o -> o.put("n", 2)),
                Arguments.of("removes _id and _rev", (UnaryOperator<ObjectNode>) o -> {
                    o.remove("_id");
                    o.remove("_rev");
                    return o.put("n", 2);
                }),
                Arguments.of("puts _id and _rev back last", (UnaryOperator<ObjectNode>) o -> {
                    JsonNode id = o.remove("_id");
                    JsonNode rev = o.remove("_rev");
                    return o.put("n", 2).set("_rev", rev).set("_id", id);
                }),
                Arguments.of("returns a new object", (UnaryOperator<ObjectNode>)
                        o -> o.objectNode().put("n", 2).put("_id", "doc")));
    }

    @Test
    void theObjectReturnedIsTheCallersToChangeWithoutChangingTheStore() {
        ObjectStore store = ObjectStore.open(directory);
        store.createObject(object("doc", "n", 1));

        ObjectNode updated = store.updateObjectAtomically("doc", o -> o.put("n", 2));
        updated.put("n", 99);

        assertThat(store.getObject("doc").get("n").asInt()).isEqualTo(2);
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
