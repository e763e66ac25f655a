package io.github.multiprocessstore.compaction;

import static io.github.multiprocessstore.TestJson.object;
import static io.github.multiprocessstore.replication.StoreFixtures.names;
import static io.github.multiprocessstore.replication.StoreFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ChildJvm;
import io.github.multiprocessstore.ObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction never breaks a concurrent reader or writer in another process: while this JVM compacts the store in
 * a loop (keeping only winners, removing deleted objects at once), writer JVMs make strict increments with retry,
 * plain updates, creates and deletes, and a reader JVM reads everything continuously.
 */
class CompactionMultiProcessIT {

    private static final int WRITERS = 2;
    private static final int INCREMENTS = 150;

    @TempDir
    Path temp;

    @Test
    void compactionWhileOtherProcessesReadAndWriteBreaksNothing() {
        ObjectStore store = open(temp.resolve("store"));
        store.createObject(object("counter", "n", 0));
        CompactionPolicy policy = CompactionPolicy.defaults()
                .withDurable(false)
                .withDeletedObjectRetention(Duration.ZERO)
                .withTrashContentRetention(Duration.ZERO);

        List<String> lastRevisions = new ArrayList<>();
        int compactions = 0;
        long retired = 0;
        String readerOutput;
        try (ChildJvm reader = ChildJvm.start(
                temp, "reader", CompactionWorker.class, "read", store.path().toString())) {
            List<ChildJvm> writers = new ArrayList<>();
            try {
                for (int w = 0; w < WRITERS; w++) {
                    writers.add(ChildJvm.start(
                            temp,
                            "writer-" + w,
                            CompactionWorker.class,
                            "increment",
                            store.path().toString(),
                            "w" + w,
                            String.valueOf(INCREMENTS)));
                }
                while (writers.stream().anyMatch(ChildJvm::isRunning)) {
                    retired += Compactor.compact(store.path(), policy).revisionsRetired();
                    compactions++;
                }
                for (ChildJvm writer : writers) {
                    List<String> output = writer.awaitSuccess();
                    assertThat(output).last().isEqualTo("DONE");
                    output.stream()
                            .filter(line -> line.startsWith("LAST "))
                            .map(line -> line.substring(5))
                            .forEach(lastRevisions::add);
                }
            } finally {
                writers.forEach(ChildJvm::close);
            }
            reader.send("STOP");
            readerOutput = String.join("\n", reader.awaitSuccess());
        }

        assertThat(compactions).isGreaterThan(1);
        assertThat(retired)
                .as("compaction had work to do while the writers ran")
                .isPositive();
        assertThat(readerOutput).contains("READS ").endsWith("DONE");
        assertThat(store.getObject("counter").get("n").asInt()).isEqualTo(WRITERS * INCREMENTS);
        for (int w = 0; w < WRITERS; w++) {
            assertThat(store.getObject("own-w" + w).get("_rev").asString()).isEqualTo(lastRevisions.get(w));
            assertThat(store.getObject("own-w" + w).get("step").asInt()).isEqualTo(INCREMENTS - 1);
        }
        Compactor.compact(store.path(), policy);
        assertThat(store.getRevisions("counter")).hasSize(1);
        assertThat(store.getAllConflicts()).isEmpty();
        assertThat(store.getAllObjects()).hasSize(1 + WRITERS);
        assertThat(names(store.path()))
                .as("deleted objects removed")
                .containsOnly(".mpstore", "counter", "own-w0", "own-w1");
        assertThat(names(store.path().resolve(".mpstore/tmp"))).isEmpty();
    }
}
