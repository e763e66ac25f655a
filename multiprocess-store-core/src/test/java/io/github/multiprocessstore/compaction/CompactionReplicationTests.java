package io.github.multiprocessstore.compaction;

import static io.github.multiprocessstore.TestJson.object;
import static io.github.multiprocessstore.TestJson.with;
import static io.github.multiprocessstore.compaction.CompactorTests.at;
import static io.github.multiprocessstore.compaction.CompactorTests.chain;
import static io.github.multiprocessstore.replication.StoreFixtures.open;
import static io.github.multiprocessstore.replication.StoreFixtures.replicate;
import static io.github.multiprocessstore.replication.StoreFixtures.rev;
import static io.github.multiprocessstore.replication.StoreFixtures.stateOnDisk;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.replication.ReplicationResult;
import io.github.multiprocessstore.replication.StoreFixtures;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compaction is not undone by replication. A compacted-away revision arriving again from a peer is ignored, thanks
 * to its record, and the compaction spreads to the peer; one that arrives without its record (a new late revision,
 * or a lost record) never changes the winner, being older, and is pruned again by the next compaction.
 */
class CompactionReplicationTests {

    private static final CompactionPolicy POLICY = CompactionPolicy.defaults().withDurable(false);

    @TempDir
    Path temp;

    @Test
    void aCompactedAwayRevisionArrivingFromAPeerIsIgnoredAndTheCompactionSpreads() {
        ObjectStore a = open(temp.resolve("a"));
        ObjectStore b = open(temp.resolve("b"));
        List<String> written = chain(a, "doc", 4);
        replicate(a, b);
        Compactor.compact(a.path(), POLICY);
        assertThat(a.getRevisions("doc")).containsExactly(written.get(3));

        ReplicationResult fromPeer = replicate(b, a);
        assertThat(fromPeer.revisionsCopied()).isZero();
        assertThat(a.getRevisions("doc")).containsExactly(written.get(3));

        ReplicationResult toPeer = replicate(a, b);
        assertThat(toPeer.revisionsRetired()).isEqualTo(3);
        assertThat(b.getRevisions("doc")).containsExactly(written.get(3));
        assertThat(stateOnDisk(b.path())).isEqualTo(stateOnDisk(a.path()));
    }

    @Test
    void aRevisionArrivingWithoutARecordNeverChangesTheWinnerAndIsPrunedAgain() {
        ObjectStore a = open(temp.resolve("a"));
        ObjectStore b = open(temp.resolve("b"));
        List<String> written = chain(a, "doc", 4);
        replicate(a, b);
        // On B, a late plain update from an old base: a new revision that A never retired.
        ObjectNode old = b.getRevision("doc", written.get(1));
        String late = rev(b.updateObject(with(old, "late", "yes")));
        Compactor.compact(a.path(), POLICY);
        ObjectNode winner = a.getObject("doc");

        replicate(b, a);
        assertThat(a.getRevisions("doc")).containsExactly(late, written.get(3));
        assertThat(a.getObject("doc")).isEqualTo(winner);

        Compactor.compact(a.path(), POLICY);
        assertThat(a.getRevisions("doc")).containsExactly(written.get(3));
        replicate(a, b);
        replicate(b, a);
        assertThat(b.getRevisions("doc")).containsExactly(written.get(3));
        assertThat(stateOnDisk(b.path())).isEqualTo(stateOnDisk(a.path()));
    }

    @Test
    void compactedRevisionsThatComeBackAfterTheirRecordsAreLostArePrunedAgain() {
        ObjectStore a = open(temp.resolve("a"));
        ObjectStore b = open(temp.resolve("b"));
        List<String> written = chain(a, "doc", 4);
        replicate(a, b);
        Compactor.compact(a.path(), POLICY);
        StoreFixtures.deleteTree(a.path().resolve(".mpstore/trash/doc"));

        replicate(b, a);
        assertThat(a.getRevisions("doc")).containsExactlyElementsOf(written);
        assertThat(rev(a.getObject("doc"))).isEqualTo(written.get(3));

        Compactor.compact(a.path(), POLICY);
        assertThat(a.getRevisions("doc")).containsExactly(written.get(3));
    }

    @Test
    void aRemovedDeletedObjectIsNotBroughtBackAndIsRemovedFromPeers() {
        ObjectStore a = open(temp.resolve("a"));
        ObjectStore b = open(temp.resolve("b"));
        a.createObject(object("doc"));
        a.deleteObject("doc");
        replicate(a, b);
        Compactor.compact(a.path(), POLICY.withClock(at(Instant.now().plus(Duration.ofDays(31)))));
        assertThat(Files.exists(a.path().resolve("doc"), LinkOption.NOFOLLOW_LINKS))
                .isFalse();

        assertThat(replicate(b, a).revisionsCopied()).isZero();
        assertThat(Files.exists(a.path().resolve("doc"), LinkOption.NOFOLLOW_LINKS))
                .isFalse();

        replicate(a, b);
        assertThat(Files.exists(b.path().resolve("doc"), LinkOption.NOFOLLOW_LINKS))
                .isFalse();
        assertThat(stateOnDisk(b.path())).isEqualTo(stateOnDisk(a.path()));
    }

    @Test
    void aPurgedRecordStillStopsTheRevisionFromComingBack() {
        ObjectStore a = open(temp.resolve("a"));
        ObjectStore b = open(temp.resolve("b"));
        List<String> written = chain(a, "doc", 2);
        replicate(a, b);
        Compactor.compact(a.path(), POLICY);
        CompactionResult purge = Compactor.compact(
                a.path(),
                POLICY.withTrashContentRetention(Duration.ZERO)
                        .withClock(at(Instant.now().plusSeconds(1))));
        assertThat(purge.trashContentsPurged()).isEqualTo(1);

        assertThat(replicate(b, a).revisionsCopied()).isZero();
        assertThat(a.getRevisions("doc")).containsExactly(written.get(1));
    }
}
