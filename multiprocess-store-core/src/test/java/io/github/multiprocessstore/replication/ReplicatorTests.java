package io.github.multiprocessstore.replication;

import static io.github.multiprocessstore.TestJson.object;
import static io.github.multiprocessstore.TestJson.with;
import static io.github.multiprocessstore.replication.StoreFixtures.FAST;
import static io.github.multiprocessstore.replication.StoreFixtures.names;
import static io.github.multiprocessstore.replication.StoreFixtures.open;
import static io.github.multiprocessstore.replication.StoreFixtures.replicate;
import static io.github.multiprocessstore.replication.StoreFixtures.retired;
import static io.github.multiprocessstore.replication.StoreFixtures.rev;
import static io.github.multiprocessstore.replication.StoreFixtures.revisionFiles;
import static io.github.multiprocessstore.replication.StoreFixtures.stateOnDisk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreException;
import io.github.multiprocessstore.internal.format.ObjectIds;
import io.github.multiprocessstore.internal.format.StoreLayout;
import io.github.multiprocessstore.internal.read.CacheAdmission;
import io.github.multiprocessstore.internal.read.DirectoryListings;
import io.github.multiprocessstore.internal.store.ObjectDirectory;
import io.github.multiprocessstore.internal.store.StoreFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class ReplicatorTests {

    @TempDir
    Path temp;

    @Test
    void copiesEveryMissingRevisionIncludingTombstonesAndConflicts() {
        ObjectStore a = open(temp.resolve("a"));
        ObjectNode doc = a.createObject(object("doc", "n", 1));
        a.updateObject(with(doc, "n", 2));
        a.updateObject(with(doc, "n", 3));
        a.createObject(object("gone", "n", 1));
        a.deleteObject("gone");

        ReplicationResult result = Replicator.replicate(a.path(), temp.resolve("b"), FAST);

        ObjectStore b = open(temp.resolve("b"));
        assertThat(result.objectsCreated()).isEqualTo(2);
        assertThat(result.revisionsCopied()).isEqualTo(5);
        assertThat(b.getConflicts("doc")).isEqualTo(a.getConflicts("doc")).hasSize(1);
        assertThat(b.getObject("doc")).isEqualTo(a.getObject("doc"));
        assertThat(b.exists("gone")).isFalse();
        assertThat(b.getRevisions("gone")).isEqualTo(a.getRevisions("gone")).hasSize(2);
        assertThat(stateOnDisk(b.path())).isEqualTo(stateOnDisk(a.path()));
        assertThat(names(b.path().resolve(".mpstore/tmp")))
                .as("no temp file left")
                .isEmpty();
    }

    @Test
    void isIdempotentAndCopiesOnlyWhatIsMissing() {
        ObjectStore a = open(temp.resolve("a"));
        ObjectStore b = open(temp.resolve("b"));
        ObjectNode doc = a.createObject(object("doc", "n", 1));
        replicate(a, b);

        ReplicationResult again = replicate(a, b);
        assertThat(again.changedTarget()).isFalse();
        assertThat(again.objectsCompared()).isEqualTo(1);

        a.updateObject(with(doc, "n", 2));
        ReplicationResult next = replicate(a, b);
        assertThat(next.revisionsCopied()).isEqualTo(1);
        assertThat(next.objectsCreated()).isZero();
        assertThat(b.getObject("doc").get("n").asInt()).isEqualTo(2);
    }

    @Test
    void writesOnBothSidesMergeAndTwoWaysConverge() {
        ObjectStore a = open(temp.resolve("a"));
        ObjectStore b = open(temp.resolve("b"));
        a.createObject(object("only-a"));
        b.createObject(object("only-b"));
        a.createObject(object("both", "side", "a"));
        b.createObject(object("both", "side", "b"));

        replicate(a, b);
        replicate(b, a);

        assertThat(stateOnDisk(a.path())).isEqualTo(stateOnDisk(b.path()));
        assertThat(a.getAllObjects()).isEqualTo(b.getAllObjects()).hasSize(3);
        assertThat(a.getConflicts("both")).isEqualTo(b.getConflicts("both")).hasSize(1);
    }

    @Test
    void copiesEncodedIdDirectoriesUnderTheSameName() {
        ObjectStore a = open(temp.resolve("a"));
        String id = "été/../x y";
        a.createObject(object(id, "n", 1));

        replicate(a, open(temp.resolve("b")));

        String name = ObjectIds.encode(id);
        assertThat(names(temp.resolve("b"))).contains(name);
        assertThat(open(temp.resolve("b")).getObject(id)).isEqualTo(a.getObject(id));
    }

    @Test
    void readsOnlyTheFilesItCopies() {
        ObjectStore a = open(temp.resolve("a"));
        ObjectStore b = open(temp.resolve("b"));
        List<ObjectNode> objects = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            objects.add(a.createObject(object("object-" + i, "n", i)));
        }
        replicate(a, b);
        for (int i = 0; i < 10; i++) {
            a.updateObject(with(objects.get(i * 97), "n", -i));
        }

        AtomicInteger reads = new AtomicInteger();
        ReplicationResult result = new ReplicationRun(a.path(), b.path(), FAST, file -> reads.incrementAndGet()).run();

        assertThat(result.objectsCompared()).isEqualTo(1_000);
        assertThat(result.revisionsCopied()).isEqualTo(10);
        assertThat(reads).hasValue(10);
        assertThat(stateOnDisk(b.path())).isEqualTo(stateOnDisk(a.path()));
    }

    @Test
    void keepsTheModificationTimeOfCopiedRevisions() throws IOException {
        ObjectStore a = open(temp.resolve("a"));
        ObjectNode doc = a.createObject(object("doc"));
        ObjectNode second = a.updateObject(with(doc, "n", 2));
        FileTime old = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));
        Files.setLastModifiedTime(a.path().resolve("doc").resolve(rev(doc)), old);
        Path b = temp.resolve("b");
        Replicator.replicate(a.path(), b, FAST);
        Files.setLastModifiedTime(a.path().resolve("doc").resolve(rev(second)), old);
        Files.delete(b.resolve("doc").resolve(rev(second)));

        Replicator.replicate(a.path(), b, FAST);

        assertThat(Files.getLastModifiedTime(b.resolve("doc").resolve(rev(doc))))
                .isEqualTo(old);
        assertThat(Files.getLastModifiedTime(b.resolve("doc").resolve(rev(second))))
                .isEqualTo(old);
    }

    @Test
    void skipsForeignEntriesAndNeverFollowsSymbolicLinks() throws IOException {
        ObjectStore a = open(temp.resolve("a"));
        a.createObject(object("doc"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("0-" + "a".repeat(32)), "{\"secret\":true}");
        Path sourceRoot = a.path();
        Files.createSymbolicLink(sourceRoot.resolve("linked-object"), outside);
        Files.createSymbolicLink(
                sourceRoot.resolve("doc").resolve("1-" + "b".repeat(32)), outside.resolve("0-" + "a".repeat(32)));
        Files.writeString(sourceRoot.resolve("doc").resolve("notes.txt"), "not a revision");
        Files.createDirectory(sourceRoot.resolve("bad%zzname"));
        // In the target, a link where an object directory would go must never be written through.
        Path b = Files.createDirectories(temp.resolve("b"));
        a.createObject(object("target-link"));
        Path victim = Files.createDirectories(temp.resolve("victim"));
        Files.createSymbolicLink(b.resolve("target-link"), victim);

        ReplicationResult result = Replicator.replicate(sourceRoot, b, FAST);

        assertThat(names(b)).contains("doc", "target-link").doesNotContain("linked-object", "bad%zzname");
        assertThat(revisionFiles(b, "doc")).hasSize(1);
        assertThat(names(b.resolve("doc"))).doesNotContain("notes.txt");
        assertThat(names(victim)).isEmpty();
        assertThat(Files.isSymbolicLink(b.resolve("target-link"))).isTrue();
        assertThat(result.entriesSkipped()).isEqualTo(3);
    }

    @Test
    void aRevisionStillBeingWrittenInPlaceIsCopiedOnlyOnceComplete() throws IOException {
        ObjectStore a = open(temp.resolve("a"));
        ObjectNode doc = a.createObject(object("doc"));
        // The original npm package writes in place: a reader can meet a revision file that is not complete yet.
        Path partial = a.path().resolve("doc").resolve("1-" + "c".repeat(32));
        Files.writeString(partial, "{\"_id\":\"doc\",\"n\":", StandardCharsets.UTF_8);
        Path b = temp.resolve("b");

        ReplicationResult first = Replicator.replicate(a.path(), b, FAST);
        assertThat(first.entriesSkipped()).isEqualTo(1);
        assertThat(revisionFiles(b, "doc")).containsExactly(rev(doc));

        Files.writeString(partial, "{\"_id\":\"doc\",\"n\":2}", StandardCharsets.UTF_8);
        ReplicationResult second = Replicator.replicate(a.path(), b, FAST);
        assertThat(second.revisionsCopied()).isEqualTo(1);
        assertThat(open(b).getObject("doc").get("n").asInt()).isEqualTo(2);
    }

    @Test
    void aRetiredRevisionCopiedBackByAFileLevelToolIsRetiredAgain() throws IOException {
        ObjectStore a = open(temp.resolve("a"));
        ObjectStore b = open(temp.resolve("b"));
        ObjectNode base = a.createObject(object("doc"));
        String kept = rev(a.updateObject(with(base, "n", 1)));
        String loser = rev(a.updateObject(with(base, "n", 2)));
        replicate(a, b);
        b.resolveConflict("doc", kept);
        // e.g. rsync without the retirement records: the loser is live again in B.
        Files.copy(
                a.path().resolve("doc").resolve(loser),
                b.path().resolve("doc").resolve(loser),
                StandardCopyOption.COPY_ATTRIBUTES);
        assertThat(b.getConflicts("doc")).hasSize(1);

        ReplicationResult result = replicate(a, b);

        assertThat(result.revisionsRetired()).isEqualTo(1);
        assertThat(b.getConflicts("doc")).isEmpty();
        assertThat(retired(b.path(), "doc")).containsExactly(loser);
        assertThat(Files.size(b.path().resolve(".mpstore/trash/doc").resolve(loser)))
                .as("the content moved into the record is kept for recovery")
                .isPositive();
    }

    @Test
    void anObjectWhoseRevisionsAreAllRetiredDisappearsFromTheTarget() throws IOException {
        ObjectStore a = open(temp.resolve("a"));
        ObjectStore b = open(temp.resolve("b"));
        a.createObject(object("doc"));
        replicate(a, b);
        // As a compaction removing a deleted object does, by hand: every revision goes into the record.
        try (StoreFiles files = StoreFiles.create(
                StoreLayout.of(a.path()),
                Clock.systemUTC(),
                false,
                DirectoryListings.none(),
                io.github.multiprocessstore.internal.write.FileModes.umask())) {
            ObjectDirectory doc = files.named("doc");
            doc.lock(() -> {
                doc.retire(doc.list(CacheAdmission.EVICT).names());
                return doc.removeIfEmpty();
            });
        }

        replicate(a, b);

        assertThat(Files.exists(b.path().resolve("doc"), LinkOption.NOFOLLOW_LINKS))
                .isFalse();
        assertThat(stateOnDisk(b.path())).isEqualTo(stateOnDisk(a.path()));
    }

    @Test
    void refusesToReplicateAStoreIntoItself() {
        ObjectStore a = open(temp.resolve("a"));
        assertThatThrownBy(() -> Replicator.replicate(a.path(), a.path().resolve("x/.."), FAST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same store");
    }

    @Test
    void aMissingSourceIsAClearErrorAndCreatesNothing() {
        Path missing = temp.resolve("missing");
        assertThatThrownBy(() -> Replicator.replicate(missing, temp.resolve("b"), FAST))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        assertThat(Files.exists(missing)).isFalse();
        assertThat(Files.exists(temp.resolve("b"))).isFalse();
    }

    @Test
    void optionsFailFastNamingTheWrongValue() {
        assertThatThrownBy(() -> ReplicationOptions.defaults().withParallelism(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelism must be at least 1, was 0");
    }
}
