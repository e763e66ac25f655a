package io.github.multiprocessstore.compaction;

import static io.github.multiprocessstore.TestJson.object;
import static io.github.multiprocessstore.TestJson.with;
import static io.github.multiprocessstore.replication.StoreFixtures.names;
import static io.github.multiprocessstore.replication.StoreFixtures.open;
import static io.github.multiprocessstore.replication.StoreFixtures.retired;
import static io.github.multiprocessstore.replication.StoreFixtures.rev;
import static io.github.multiprocessstore.replication.StoreFixtures.revisionFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessstore.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class CompactorTests {

    private static final CompactionPolicy POLICY = CompactionPolicy.defaults().withDurable(false);

    @TempDir
    Path temp;

    @Test
    void keepsTheNewestRevisionsAndRetiresOlderOnesIntoTheRecord() {
        ObjectStore store = open(temp.resolve("s"));
        List<String> written = chain(store, "doc", 5);

        CompactionResult result = Compactor.compact(store.path(), POLICY.withKeepRevisions(2));

        assertThat(revisionFiles(store.path(), "doc")).containsExactlyElementsOf(written.subList(3, 5));
        assertThat(retired(store.path(), "doc")).containsExactlyInAnyOrderElementsOf(written.subList(0, 3));
        assertThat(result.revisionsRetired()).isEqualTo(3);
        assertThat(result.objectsVisited()).isEqualTo(1);
        assertThat(rev(store.getObject("doc"))).isEqualTo(written.get(4));
        assertThat(Compactor.compact(store.path(), POLICY.withKeepRevisions(2)).revisionsRetired())
                .as("a second run has nothing to do")
                .isZero();
    }

    @Test
    void keepingOneRevisionKeepsOnlyTheWinner() {
        ObjectStore store = open(temp.resolve("s"));
        List<String> written = chain(store, "doc", 4);

        Compactor.compact(store.path(), POLICY);

        assertThat(store.getRevisions("doc")).containsExactly(written.get(3));
        assertThat(store.getObject("doc").get("n").asInt()).isEqualTo(3);
    }

    @Test
    void neverRetiresTheRevisionsOfAnUnresolvedConflict() {
        ObjectStore store = open(temp.resolve("s"));
        ObjectNode base = store.createObject(object("doc"));
        ObjectNode left = store.updateObject(with(base, "side", "left"));
        store.updateObject(with(base, "side", "right"));
        ObjectNode top = store.updateObject(with(left, "n", 2));
        List<List<String>> conflicts = store.getConflicts("doc");

        CompactionResult result = Compactor.compact(store.path(), POLICY);

        assertThat(store.getConflicts("doc")).isEqualTo(conflicts);
        assertThat(store.getRevisions("doc")).doesNotContain(rev(base)).contains(rev(top));
        assertThat(result.objectsWithConflictsKept()).isEqualTo(1);
        assertThat(result.revisionsRetired()).isEqualTo(1);
    }

    @Test
    void discardsUnresolvedConflictsOnlyWhenAskedKeepingTheElectedRevision() {
        ObjectStore store = open(temp.resolve("s"));
        ObjectNode base = store.createObject(object("doc"));
        store.updateObject(with(base, "side", "left"));
        store.updateObject(with(base, "side", "right"));
        ObjectNode elected = store.getObject("doc");

        Compactor.compact(store.path(), POLICY.withKeepRevisions(5).withDiscardUnresolvedConflicts(true));

        assertThat(store.getConflicts("doc")).isEmpty();
        assertThat(store.getRevisions("doc")).containsExactly(rev(base), rev(elected));
        assertThat(store.getObject("doc")).isEqualTo(elected);
    }

    @Test
    void removesADeletedObjectOnlyAfterItsRetention() {
        ObjectStore store = open(temp.resolve("s"));
        List<String> written = chain(store, "doc", 3);
        String tombstone = store.deleteObject("doc");
        store.createObject(object("alive"));
        Instant now = Instant.now();

        CompactionResult early = Compactor.compact(store.path(), POLICY.withClock(at(now.plus(Duration.ofDays(29)))));
        assertThat(early.objectsRemoved()).isZero();
        assertThat(revisionFiles(store.path(), "doc")).containsExactly(tombstone);

        CompactionResult late = Compactor.compact(store.path(), POLICY.withClock(at(now.plus(Duration.ofDays(31)))));
        assertThat(late.objectsRemoved()).isEqualTo(1);
        assertThat(Files.exists(store.path().resolve("doc"), LinkOption.NOFOLLOW_LINKS))
                .isFalse();
        List<String> all = new ArrayList<>(written);
        all.add(tombstone);
        assertThat(retired(store.path(), "doc")).containsExactlyInAnyOrderElementsOf(all);
        assertThat(store.exists("doc")).isFalse();
        assertThat(store.exists("alive")).isTrue();
        // The id is free again.
        assertThat(store.createObject(object("doc", "n", 9)).get("n").asInt()).isEqualTo(9);
    }

    @Test
    void keepsDeletedObjectsWhenToldTo() {
        ObjectStore store = open(temp.resolve("s"));
        store.createObject(object("doc"));
        String tombstone = store.deleteObject("doc");

        Compactor.compact(
                store.path(),
                POLICY.withDeletedObjectsKept().withClock(at(Instant.now().plus(Duration.ofDays(3650)))));

        assertThat(revisionFiles(store.path(), "doc")).containsExactly(tombstone);
    }

    @Test
    void neverRemovesADeletedObjectThatHasAnUnresolvedConflict() {
        ObjectStore store = open(temp.resolve("s"));
        ObjectNode base = store.createObject(object("doc"));
        store.updateObject(with(base, "side", "left"));
        store.updateObject(with(base, "side", "right"));
        store.deleteObject("doc");

        CompactionResult result = Compactor.compact(
                store.path(),
                POLICY.withDeletedObjectRetention(Duration.ZERO)
                        .withClock(at(Instant.now().plusSeconds(60))));

        assertThat(result.objectsRemoved()).isZero();
        assertThat(result.objectsWithConflictsKept()).isEqualTo(1);
        assertThat(store.getConflicts("doc")).hasSize(1);
    }

    @Test
    void purgesRetiredContentAfterItsRetentionButKeepsAnEmptyRecord() throws IOException {
        ObjectStore store = open(temp.resolve("s"));
        List<String> written = chain(store, "doc", 2);
        Instant now = Instant.now();
        Compactor.compact(store.path(), POLICY.withClock(at(now)));
        Path record = store.path().resolve(".mpstore/trash/doc").resolve(written.get(0));
        assertThat(Files.size(record)).as("content kept for recovery").isPositive();

        Compactor.compact(store.path(), POLICY.withClock(at(now.plus(Duration.ofDays(29)))));
        assertThat(Files.size(record)).isPositive();

        CompactionResult result = Compactor.compact(store.path(), POLICY.withClock(at(now.plus(Duration.ofDays(31)))));
        assertThat(result.trashContentsPurged()).isEqualTo(1);
        assertThat(Files.size(record)).isZero();
        assertThat(retired(store.path(), "doc")).containsExactly(written.get(0));
        assertThat(names(store.path().resolve(".mpstore/tmp"))).isEmpty();
    }

    @Test
    void retiresAgainARevisionThatCameBackWithoutGoingThroughReplication() throws IOException {
        ObjectStore store = open(temp.resolve("s"));
        List<String> written = chain(store, "doc", 3);
        Path copy = Files.copy(store.path().resolve("doc").resolve(written.get(0)), temp.resolve("old"));
        Compactor.compact(store.path(), POLICY.withKeepRevisions(2));
        Files.copy(copy, store.path().resolve("doc").resolve(written.get(0)), StandardCopyOption.COPY_ATTRIBUTES);

        CompactionResult result = Compactor.compact(store.path(), POLICY.withKeepRevisions(3));

        assertThat(result.revisionsRetired()).isEqualTo(1);
        assertThat(store.getRevisions("doc")).containsExactlyElementsOf(written.subList(1, 3));
    }

    @Test
    void skipsAnEntryThatIsNotAnObjectDirectoryWithoutFollowingIt() throws IOException {
        ObjectStore store = open(temp.resolve("s"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("0-" + "a".repeat(32)), "{}");
        Files.writeString(outside.resolve("1-" + "a".repeat(32)), "{}");
        Files.createSymbolicLink(store.path().resolve("linked"), outside);

        CompactionResult result = Compactor.compact(store.path(), POLICY);

        assertThat(result.entriesSkipped()).isEqualTo(1);
        assertThat(names(outside)).hasSize(2);
    }

    @Test
    void policyFailsFastNamingTheWrongValue() {
        assertThatThrownBy(() -> POLICY.withKeepRevisions(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keepRevisions must be at least 1")
                .hasMessageContaining("was 0");
        assertThatThrownBy(() -> POLICY.withDeletedObjectRetention(Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deletedObjectRetention must not be negative, was PT-24H");
        assertThatThrownBy(() -> POLICY.withTrashContentRetention(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("trashContentRetention must not be null");
    }

    /** Creates an object and updates it {@code revisions - 1} times; returns the revisions, oldest first. */
    static List<String> chain(ObjectStore store, String id, int revisions) {
        List<String> written = new ArrayList<>();
        ObjectNode current = store.createObject(object(id, "n", 0));
        written.add(rev(current));
        for (int n = 1; n < revisions; n++) {
            current = store.updateObject(with(current, "n", n));
            written.add(rev(current));
        }
        return written;
    }

    static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
