package io.github.multiprocessstore.replication;

import static io.github.multiprocessstore.TestJson.object;
import static io.github.multiprocessstore.TestJson.with;
import static io.github.multiprocessstore.replication.StoreFixtures.open;
import static io.github.multiprocessstore.replication.StoreFixtures.replicate;
import static io.github.multiprocessstore.replication.StoreFixtures.retired;
import static io.github.multiprocessstore.replication.StoreFixtures.rev;
import static io.github.multiprocessstore.replication.StoreFixtures.revisionFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.internal.format.AlphanumComparator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * A resolution is recorded (the retired revisions' records in {@code .mpstore/trash}) and that record replicates:
 * a peer that still holds the losing revision can never bring the conflict back.
 */
class ResolutionSurvivesReplicationTests {

    @TempDir
    Path temp;

    @Test
    void resolutionOnOneStoreSurvivesReplicationFromAPeerStillHoldingTheLoser() {
        ObjectStore a = open(temp.resolve("a"));
        ObjectStore b = open(temp.resolve("b"));
        ObjectNode base = a.createObject(object("doc", "text", "base"));
        replicate(a, b);
        // The same base updated on each store, then exchanged: the same conflict exists on both.
        String fromA = rev(a.updateObject(with(base, "text", "from a")));
        String fromB = rev(b.updateObject(with(base, "text", "from b")));
        replicate(a, b);
        replicate(b, a);
        List<String> group = sorted(fromA, fromB);
        assertThat(a.getConflicts("doc")).containsExactly(group);
        assertThat(b.getConflicts("doc")).containsExactly(group);

        // Choose the revision readers do NOT elect: if the loser ever came back, it would win again.
        String chosen = group.get(0);
        String loser = group.get(1);
        a.resolveConflict("doc", chosen);
        assertThat(a.getConflicts("doc")).isEmpty();

        ReplicationResult fromPeerWithLoser = replicate(b, a);
        assertThat(fromPeerWithLoser.revisionsCopied()).isZero();
        assertThat(a.getConflicts("doc")).isEmpty();
        assertThat(rev(a.getObject("doc"))).isEqualTo(chosen);
        assertThat(revisionFiles(a.path(), "doc")).doesNotContain(loser);

        ReplicationResult toPeer = replicate(a, b);
        assertThat(toPeer.revisionsRetired()).isEqualTo(1);
        assertThat(b.getConflicts("doc")).isEmpty();
        assertThat(rev(b.getObject("doc"))).isEqualTo(chosen);
        assertThat(retired(b.path(), "doc")).containsExactly(loser);

        assertThat(a.getAllConflicts()).isEmpty();
        assertThat(b.getAllConflicts()).isEmpty();
        assertThat(a.getObject("doc")).isEqualTo(b.getObject("doc"));
        assertThat(a.getRevisions("doc")).isEqualTo(b.getRevisions("doc"));

        // And it stays so in both directions, again and again.
        replicate(b, a);
        replicate(a, b);
        assertThat(a.getConflicts("doc")).isEmpty();
        assertThat(b.getConflicts("doc")).isEmpty();
        assertThat(rev(b.getObject("doc"))).isEqualTo(chosen);
    }

    @Test
    void resolutionReachesAThirdStoreThatOnlyEverHeldTheLoser() {
        ObjectStore a = open(temp.resolve("a"));
        ObjectStore b = open(temp.resolve("b"));
        ObjectStore c = open(temp.resolve("c"));
        ObjectNode base = a.createObject(object("doc", "text", "base"));
        replicate(a, b);
        String fromA = rev(a.updateObject(with(base, "text", "from a")));
        String fromB = rev(b.updateObject(with(base, "text", "from b")));
        replicate(b, c);
        replicate(b, a);
        a.resolveConflict("doc", fromA);

        // B learns the resolution; C, which never saw fromA, then replicates into B and must not undo it.
        replicate(a, b);
        ReplicationResult fromC = replicate(c, b);
        assertThat(fromC.revisionsCopied()).isZero();
        assertThat(b.getConflicts("doc")).isEmpty();
        assertThat(rev(b.getObject("doc"))).isEqualTo(fromA);

        // C gets the chosen revision and retires the loser, having never taken part in the resolution.
        ReplicationResult toC = replicate(b, c);
        assertThat(toC.revisionsCopied()).isEqualTo(1);
        assertThat(toC.revisionsRetired()).isEqualTo(1);
        for (ObjectStore store : List.of(a, b, c)) {
            assertThat(store.getConflicts("doc")).as(store.path().toString()).isEmpty();
            assertThat(rev(store.getObject("doc"))).as(store.path().toString()).isEqualTo(fromA);
            assertThat(retired(store.path(), "doc")).as(store.path().toString()).containsExactly(fromB);
        }
    }

    @Test
    void aResolutionRecordReachesAStoreThatNeverHeldTheLoser() {
        ObjectStore a = open(temp.resolve("a"));
        ObjectStore b = open(temp.resolve("b"));
        ObjectStore c = open(temp.resolve("c"));
        ObjectNode base = a.createObject(object("doc", "text", "base"));
        String kept = rev(a.updateObject(with(base, "text", "kept")));
        String loser = rev(a.updateObject(with(base, "text", "loser")));
        replicate(a, c);
        a.resolveConflict("doc", kept);

        // B never held the loser: it receives an empty record of it, so that C cannot hand it over later.
        ReplicationResult toB = replicate(a, b);
        assertThat(toB.retirementsRecorded()).isEqualTo(1);
        replicate(c, b);
        assertThat(b.getConflicts("doc")).isEmpty();
        assertThat(revisionFiles(b.path(), "doc")).doesNotContain(loser);
    }

    private static List<String> sorted(String... revisions) {
        return Arrays.stream(revisions).sorted(AlphanumComparator.INSTANCE).toList();
    }
}
