package io.github.multiprocessstore.readme;

import io.github.multiprocessstore.compaction.CompactionPolicy;
import io.github.multiprocessstore.compaction.CompactionResult;
import io.github.multiprocessstore.compaction.Compactor;
import io.github.multiprocessstore.replication.ReplicationResult;
import io.github.multiprocessstore.replication.Replicator;
import java.nio.file.Path;
import java.time.Duration;

public class ReplicateAndCompact {

    public static void main(String[] args) {
        run(Path.of("/mnt/peer/profiles"), Path.of("/srv/data/profiles"));
    }

    static void run(Path peer, Path local) {
        ReplicationResult pulled = Replicator.replicate(peer, local); // one direction per call
        ReplicationResult pushed = Replicator.replicate(local, peer);
        CompactionResult compacted = Compactor.compact(
                local,
                CompactionPolicy.defaults().withKeepRevisions(5).withDeletedObjectRetention(Duration.ofDays(30)));
        System.out.println("pulled " + pulled + "\npushed " + pushed + "\ncompacted " + compacted);
    }
}
