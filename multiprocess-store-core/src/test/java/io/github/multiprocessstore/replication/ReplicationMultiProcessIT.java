package io.github.multiprocessstore.replication;

import static io.github.multiprocessstore.TestJson.object;
import static io.github.multiprocessstore.replication.StoreFixtures.FAST;
import static io.github.multiprocessstore.replication.StoreFixtures.names;
import static io.github.multiprocessstore.replication.StoreFixtures.open;
import static io.github.multiprocessstore.replication.StoreFixtures.retired;
import static io.github.multiprocessstore.replication.StoreFixtures.revisionFiles;
import static io.github.multiprocessstore.replication.StoreFixtures.stateOnDisk;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ChildJvm;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.internal.format.ObjectIds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication while other processes write: two writer JVMs ({@link ReplicationWriterWorker}) write to both stores
 * while a replication JVM ({@link ReplicationLoopWorker}) and this JVM replicate them into each other over and over,
 * racing on the same targets. Afterwards one two-way replication converges and nothing acknowledged is lost.
 */
class ReplicationMultiProcessIT {

    private static final int WRITERS = 2;
    private static final int OPERATIONS = 200;
    private static final int SHARED = 4;

    @TempDir
    Path temp;

    @Test
    void replicationWhileOtherProcessesWriteBothStoresConvergesAndLosesNothing() throws Exception {
        ObjectStore a = open(temp.resolve("a"));
        ObjectStore b = open(temp.resolve("b"));
        for (int i = 0; i < SHARED; i++) {
            a.createObject(object("shared-" + i, "step", -1));
        }
        Replicator.replicate(a.path(), b.path(), FAST);

        List<String> acknowledged = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger localRounds = new AtomicInteger();
        AtomicReference<Throwable> localFailure = new AtomicReference<>();
        Thread localReplicator = new Thread(
                () -> {
                    try {
                        while (writing.get()) {
                            Replicator.replicate(b.path(), a.path(), FAST);
                            Replicator.replicate(a.path(), b.path(), FAST);
                            localRounds.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        localFailure.set(e);
                    }
                },
                "local-replicator");

        List<String> loopOutput;
        try (ChildJvm loop = ChildJvm.start(
                temp,
                "replicator",
                ReplicationLoopWorker.class,
                a.path().toString(),
                b.path().toString())) {
            List<ChildJvm> writers = new ArrayList<>();
            try {
                for (int w = 0; w < WRITERS; w++) {
                    writers.add(ChildJvm.start(
                            temp,
                            "writer-" + w,
                            ReplicationWriterWorker.class,
                            a.path().toString(),
                            b.path().toString(),
                            "w" + w,
                            String.valueOf(OPERATIONS),
                            String.valueOf(SHARED)));
                }
                localReplicator.start();
                for (ChildJvm writer : writers) {
                    List<String> output = writer.awaitSuccess();
                    assertThat(output).last().isEqualTo("DONE");
                    output.stream().filter(line -> line.startsWith("ACK ")).forEach(acknowledged::add);
                }
            } finally {
                writing.set(false);
                writers.forEach(ChildJvm::close);
            }
            loop.send("STOP");
            loopOutput = loop.awaitSuccess();
        }
        localReplicator.join(ChildJvm.TIMEOUT.toMillis());
        assertThat(localFailure.get()).as("replication in this JVM failed").isNull();
        assertThat(loopOutput).last().isEqualTo("DONE");
        assertThat(localRounds.get())
                .as("this JVM replicated while the writers ran")
                .isPositive();

        Replicator.replicate(a.path(), b.path(), FAST);
        Replicator.replicate(b.path(), a.path(), FAST);

        assertThat(stateOnDisk(a.path())).isEqualTo(stateOnDisk(b.path()));
        assertThat(a.getAllConflicts()).isEqualTo(b.getAllConflicts());
        assertThat(a.getAllObjects()).isEqualTo(b.getAllObjects());
        // Every acknowledged write is live in both stores, or was retired by a resolution and is recorded in both.
        assertThat(acknowledged).hasSizeGreaterThan(WRITERS * OPERATIONS / 2);
        int retiredCount = 0;
        for (String line : acknowledged) {
            String[] parts = line.split(" ");
            String name = ObjectIds.encode(parts[2]);
            String revision = parts[3];
            boolean liveInA = revisionFiles(a.path(), name).contains(revision);
            boolean retiredInA = retired(a.path(), name).contains(revision);
            assertThat(liveInA ^ retiredInA)
                    .as("%s is either live or retired", line)
                    .isTrue();
            assertThat(revisionFiles(b.path(), name).contains(revision))
                    .as("%s live in B", line)
                    .isEqualTo(liveInA);
            retiredCount += retiredInA ? 1 : 0;
        }
        assertThat(retiredCount)
                .as("resolutions retired some acknowledged revisions")
                .isPositive();
        assertThat(names(a.path().resolve(".mpstore/tmp")))
                .as("temp files left in A")
                .isEmpty();
        assertThat(names(b.path().resolve(".mpstore/tmp")))
                .as("temp files left in B")
                .isEmpty();
    }
}
