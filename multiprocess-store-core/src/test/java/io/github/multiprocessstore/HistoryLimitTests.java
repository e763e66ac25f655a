package io.github.multiprocessstore;

import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessstore.replication.ReplicationOptions;
import io.github.multiprocessstore.replication.Replicator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** {@code historyLimit}: locked writes keep the object directory small by retiring old revisions to the trash. */
class HistoryLimitTests {

    @TempDir
    Path directory;

    @TempDir
    Path peerDirectory;

    private Path trashOf(String id) {
        return directory.resolve(DiskLayout.ENGINE_DIR).resolve("trash").resolve(id);
    }

    @Test
    void lockedWritesRetireTheOldestRevisionsToTheTrashAndLoseNone() {
        ObjectStore store = ObjectStore.builder(directory).historyLimit(8).build();
        store.createObject(object("counter", "value", 0));

        for (int i = 0; i < 100; i++) {
            store.updateObjectAtomically(
                    "counter", c -> c.put("value", c.get("value").asInt() + 1));
            assertThat(DiskLayout.names(directory.resolve("counter"))).hasSizeLessThanOrEqualTo(8);
        }

        assertThat(store.getObject("counter").get("value").asInt()).isEqualTo(100);
        List<String> everyRevision = new ArrayList<>(DiskLayout.names(directory.resolve("counter")));
        everyRevision.addAll(DiskLayout.names(trashOf("counter")));
        assertThat(everyRevision.stream().map(DiskLayout::numberOf).sorted().toList())
                .as("each revision 0..100 exactly once, in the object directory or in the trash")
                .isEqualTo(LongStream.rangeClosed(0, 100).boxed().toList());
        assertThat(store.getRevisions("counter")).hasSizeBetween(4, 8);
        // A retired revision keeps its content for recovery.
        String oldest = DiskLayout.names(trashOf("counter")).stream()
                .filter(name -> DiskLayout.numberOf(name) == 50)
                .findFirst()
                .orElseThrow();
        assertThat(TestJson.readFile(trashOf("counter").resolve(oldest))
                        .get("value")
                        .asInt())
                .isEqualTo(50);
    }

    @Test
    void everyKindOfLockedWriteRetiresAndPlainUpdatesDoNot() {
        ObjectStore store = ObjectStore.builder(directory).historyLimit(4).build();
        ObjectNode current = store.createObject(object("doc", "n", 0));
        for (int i = 1; i <= 6; i++) {
            current = store.updateObject(current.deepCopy().put("n", i));
        }
        assertThat(DiskLayout.names(directory.resolve("doc")))
                .as("plain updates take no lock")
                .hasSize(7);

        current = store.updateObjectIfCurrent(current.deepCopy().put("n", 7));
        assertThat(DiskLayout.names(directory.resolve("doc"))).hasSize(2);
        for (int i = 0; i < 3; i++) {
            store.upsertObject(object("doc", "u", i));
        }
        assertThat(DiskLayout.names(directory.resolve("doc"))).hasSizeLessThanOrEqualTo(4);
        store.deleteObject("doc");
        assertThat(DiskLayout.names(directory.resolve("doc"))).hasSizeLessThanOrEqualTo(4);
        assertThat(store.findObject("doc")).isEmpty();
        assertThat(DiskLayout.names(directory.resolve("doc")).size()
                        + DiskLayout.names(trashOf("doc")).size())
                .isEqualTo(12);
    }

    @Test
    void revisionsOfAConflictAndTheWinnerAreNeverRetired() {
        ObjectStore store = ObjectStore.builder(directory).historyLimit(4).build();
        ObjectNode base = store.createObject(object("doc", "n", 0));
        ObjectNode mine = store.updateObject(base.deepCopy().put("n", 1));
        ObjectNode theirs = store.updateObject(base.deepCopy().put("n", -1));

        for (int i = 0; i < 20; i++) {
            store.updateObjectAtomically("doc", c -> c.put("n", c.get("n").asInt() + 1));
        }

        List<String> left = DiskLayout.names(directory.resolve("doc"));
        assertThat(left)
                .contains(mine.get("_rev").asString(), theirs.get("_rev").asString());
        assertThat(store.getConflicts("doc")).singleElement().asList().hasSize(2);
        assertThat(left).hasSizeLessThanOrEqualTo(4 + 2);
    }

    @Test
    void withoutALimitEveryRevisionStays() {
        ObjectStore store = ObjectStore.open(directory);
        store.createObject(object("doc", "n", 0));

        for (int i = 0; i < 30; i++) {
            store.updateObjectAtomically("doc", c -> c.put("n", c.get("n").asInt() + 1));
        }

        assertThat(store.getRevisions("doc")).hasSize(31);
        assertThat(Files.exists(trashOf("doc"))).isFalse();
    }

    @Test
    void retiredHistoryStaysRetiredWhenStoresReplicate() {
        Path other = peerDirectory.resolve("store");
        ObjectStore store = ObjectStore.builder(directory).historyLimit(4).build();
        store.createObject(object("doc", "n", 0));
        Replicator.replicate(directory, other, ReplicationOptions.defaults());
        for (int i = 0; i < 10; i++) {
            store.updateObjectAtomically("doc", c -> c.put("n", c.get("n").asInt() + 1));
        }

        Replicator.replicate(directory, other, ReplicationOptions.defaults());

        ObjectStore peer = ObjectStore.open(other);
        assertThat(peer.getObject("doc")).isEqualTo(store.getObject("doc"));
        assertThat(peer.getRevisions("doc")).isEqualTo(store.getRevisions("doc"));
    }

    @Test
    void aLimitOfOneOrANegativeLimitIsRejected() {
        assertThatThrownBy(() -> ObjectStore.builder(directory).historyLimit(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("historyLimit");
        assertThatThrownBy(() -> ObjectStore.builder(directory).historyLimit(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("historyLimit");
    }
}
