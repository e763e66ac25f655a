package io.github.multiprocessstore.compaction;

import static io.github.multiprocessstore.TestJson.object;
import static io.github.multiprocessstore.TestJson.with;
import static io.github.multiprocessstore.replication.StoreFixtures.open;
import static io.github.multiprocessstore.replication.StoreFixtures.stateOnDisk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.ProgressListener;
import io.github.multiprocessstore.StoreIOException;
import io.github.multiprocessstore.replication.ReplicationOptions;
import io.github.multiprocessstore.replication.Replicator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link Compactor#preview}: counts what a compaction would do and changes nothing; compaction and replication tell
 * a {@link ProgressListener} of every object.
 */
class CompactionPreviewTests {

    private static final CompactionPolicy POLICY =
            CompactionPolicy.defaults().withDurable(false).withDeletedObjectRetention(Duration.ZERO);

    @TempDir
    Path temp;

    @Test
    void previewCountsWhatTheCompactionThenDoesAndChangesNothing() throws IOException {
        ObjectStore store = open(temp.resolve("s"));
        ObjectNode doc = store.createObject(object("doc"));
        doc = store.updateObject(with(doc, "n", 1));
        store.updateObject(with(doc, "n", 2));
        ObjectNode base = store.createObject(object("conflicted"));
        store.updateObject(with(base, "side", "left"));
        store.updateObject(with(base, "side", "right"));
        store.createObject(object("gone"));
        store.deleteObject("gone");
        Files.createDirectory(store.path().resolve("empty"));
        var before = stateOnDisk(store.path());

        Counting previewProgress = new Counting();
        CompactionResult preview = Compactor.preview(store.path(), POLICY, previewProgress);

        assertThat(stateOnDisk(store.path())).as("a preview changes nothing").isEqualTo(before);
        Counting progress = new Counting();
        CompactionResult done = Compactor.compact(store.path(), POLICY, progress);
        assertThat(preview.revisionsRetired())
                .isEqualTo(done.revisionsRetired())
                .isEqualTo(5);
        assertThat(preview.objectsRemoved()).isEqualTo(done.objectsRemoved()).isEqualTo(1);
        assertThat(preview.objectsWithConflictsKept())
                .isEqualTo(done.objectsWithConflictsKept())
                .isEqualTo(1);
        assertThat(previewProgress.total.get()).isEqualTo(4);
        assertThat(previewProgress.done.get()).isEqualTo(4);
        assertThat(progress.total.get()).isEqualTo(4);
        assertThat(progress.done.get()).isEqualTo(4);
    }

    @Test
    void previewOfAMissingStoreFailsAndCreatesNothing() {
        Path missing = temp.resolve("missing");

        assertThatThrownBy(() -> Compactor.preview(missing, POLICY, ProgressListener.NONE))
                .isInstanceOf(StoreIOException.class)
                .hasMessageContaining(missing.toString());
        assertThat(missing).doesNotExist();
    }

    @Test
    void replicationReportsEveryObjectCompared() {
        ObjectStore source = open(temp.resolve("a"));
        for (int i = 0; i < 5; i++) {
            source.createObject(object("doc-" + i));
        }
        Counting progress = new Counting();

        Replicator.replicate(
                source.path(), temp.resolve("b"), ReplicationOptions.defaults().withDurable(false), progress);

        assertThat(progress.total.get()).isEqualTo(5);
        assertThat(progress.done.get()).isEqualTo(5);
    }

    private static final class Counting implements ProgressListener {
        final AtomicLong total = new AtomicLong(-1);
        final AtomicLong done = new AtomicLong();

        @Override
        public void started(long objects) {
            total.set(objects);
        }

        @Override
        public void objectDone() {
            done.incrementAndGet();
        }
    }
}
