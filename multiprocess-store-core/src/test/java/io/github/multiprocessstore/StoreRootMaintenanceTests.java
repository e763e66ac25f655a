package io.github.multiprocessstore;

import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessstore.compaction.CompactionPolicy;
import io.github.multiprocessstore.compaction.CompactionResult;
import io.github.multiprocessstore.compaction.Compactor;
import io.github.multiprocessstore.compaction.RootCompaction;
import io.github.multiprocessstore.replication.InvalidPeerException;
import io.github.multiprocessstore.replication.PeerReplicationResult;
import io.github.multiprocessstore.replication.ReplicationDirection;
import io.github.multiprocessstore.replication.ReplicationOptions;
import io.github.multiprocessstore.replication.RootReplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** The multi-collection operations of {@link StoreRoot}: compact all, replicate with peers, scan conflicts. */
class StoreRootMaintenanceTests {

    private static final ReplicationOptions OPTIONS =
            ReplicationOptions.defaults().withDurable(false);

    @TempDir
    Path dir;

    private StoreRoot root(String name) {
        return StoreRoot.open(dir.resolve(name), builder -> builder.durable(false));
    }

    @Test
    void bothDirectionsRelayBetweenPeers() {
        StoreRoot self = root("self");
        StoreRoot left = root("left");
        StoreRoot right = root("right");
        left.collection("notes").createObject(object("from-left"));
        right.collection("tasks").createObject(object("from-right"));
        self.collection("notes").createObject(object("from-self"));

        List<PeerReplicationResult> results = RootReplication.of(
                        self, List.of(left.path(), right.path()), ReplicationDirection.BOTH, OPTIONS)
                .run();

        assertThat(results).allMatch(PeerReplicationResult::succeeded);
        assertThat(results).extracting(PeerReplicationResult::peer).containsExactly(left.path(), right.path());
        // The relay rule: everything is pulled from every peer before anything is pushed to any.
        for (StoreRoot side : List.of(self, left, right)) {
            assertThat(side.collectionNames()).containsExactly("notes", "tasks");
            assertThat(side.collection("notes").findObject("from-left")).isPresent();
            assertThat(side.collection("notes").findObject("from-self")).isPresent();
            assertThat(side.collection("tasks").findObject("from-right")).isPresent();
        }
        assertThat(results.get(0).pulled().revisionsCopied()).isEqualTo(1);
    }

    @Test
    void pullNeverWritesIntoThePeer() {
        StoreRoot self = root("self");
        StoreRoot peer = root("peer");
        self.collection("notes").createObject(object("mine"));
        peer.collection("notes").createObject(object("theirs"));

        RootReplication.of(self, List.of(peer.path()), ReplicationDirection.PULL, OPTIONS)
                .run();

        assertThat(self.collection("notes").findObject("theirs")).isPresent();
        assertThat(StoreRoot.open(peer.path(), b -> {}).collection("notes").findObject("mine"))
                .isEmpty();
    }

    @Test
    void missingPeerFailsItsRunWithoutBeingCreated() {
        StoreRoot self = root("self");
        Path missing = dir.resolve("unmounted");

        List<PeerReplicationResult> results = RootReplication.of(
                        self, List.of(missing), ReplicationDirection.BOTH, OPTIONS)
                .run();

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.succeeded()).isFalse();
            assertThat(result.errors()).singleElement().asString().contains(missing.toString(), "not created");
        });
        assertThat(missing).doesNotExist();
    }

    @Test
    void peersAreValidatedOnceNamingTheirIndex() {
        StoreRoot self = root("self");
        ReplicationDirection both = ReplicationDirection.BOTH;
        Path peer = dir.resolve("peer");

        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> RootReplication.of(self, List.of(peer, self.path().resolve("inner")), both, OPTIONS))
                .withMessageContaining("peers[1]")
                .withMessageContaining("overlaps the store's root")
                .isInstanceOfSatisfying(InvalidPeerException.class, e -> {
                    assertThat(e.index()).isEqualTo(1);
                    assertThat(e.problem()).isEqualTo(InvalidPeerException.Problem.OVERLAPS_ROOT);
                });
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RootReplication.of(self, List.of(peer, peer), both, OPTIONS))
                .withMessageContaining("peers[1]")
                .withMessageContaining("listed twice");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RootReplication.of(self, List.of(Path.of("relative")), both, OPTIONS))
                .withMessageContaining("peers[0]")
                .withMessageContaining("absolute");
        assertThatIllegalArgumentException().isThrownBy(() -> RootReplication.of(self, List.of(), both, OPTIONS));
    }

    @Test
    void compactAllCompactsEveryCollection() {
        StoreRoot self = root("self");
        for (String collection : List.of("a", "b")) {
            ObjectStore store = self.collection(collection);
            ObjectNode created = store.createObject(object("x", "v", 1));
            created.put("v", 2);
            store.updateObject(created);
        }

        RootCompaction compaction =
                Compactor.compactAll(self, CompactionPolicy.defaults().withDurable(false));

        assertThat(compaction.succeeded()).isTrue();
        assertThat(compaction.orThrow())
                .extracting(result -> result.store().getFileName().toString())
                .containsExactly("a", "b");
        assertThat(compaction.results())
                .extracting(CompactionResult::revisionsRetired)
                .containsExactly(1L, 1L);
        assertThat(self.collection("a").getObject("x").get("v").asInt()).isEqualTo(2);
    }

    @Test
    void compactAllGoesOnAfterAFailedCollection() throws IOException {
        StoreRoot self = root("self");
        ObjectStore a = self.collection("a");
        ObjectNode created = a.createObject(object("x", "v", 1));
        a.updateObject(created.deepCopy().put("v", 2));
        self.collection("b").createObject(object("x"));
        // The engine's own area replaced by a file: the collection's compaction cannot record what it retires.
        Path engine = self.path().resolve("a").resolve(".mpstore");
        deleteRecursively(engine);
        Files.writeString(engine, "not a directory");

        RootCompaction compaction =
                Compactor.compactAll(self, CompactionPolicy.defaults().withDurable(false));

        assertThat(compaction.failures()).containsOnlyKeys("a");
        assertThat(compaction.results())
                .extracting(r -> r.store().getFileName().toString())
                .containsExactly("b");
        assertThat(compaction.succeeded()).isFalse();
        assertThatThrownBy(compaction::orThrow).isSameAs(compaction.failures().get("a"));
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void scanConflictsCoversEveryCollection() {
        StoreRoot self = root("self");
        ObjectStore notes = self.collection("notes");
        ObjectNode created = notes.createObject(object("n", "v", 1));
        notes.updateObject(created.deepCopy().put("v", 2));
        notes.updateObject(created.deepCopy().put("v", 3));
        self.collection("tasks").createObject(object("t"));

        var conflicts = self.scanConflicts();

        assertThat(conflicts).containsOnlyKeys("notes", "tasks");
        assertThat(conflicts.get("notes")).containsOnlyKeys("n");
        assertThat(conflicts.get("tasks")).isEmpty();
    }
}
