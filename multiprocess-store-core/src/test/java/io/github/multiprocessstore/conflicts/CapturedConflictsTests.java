package io.github.multiprocessstore.conflicts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.replication.ReplicationOptions;
import io.github.multiprocessstore.replication.Replicator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The captured rule on files written by hand (as other processes, the npm package or replication leave them), so
 * that the revision names, and with them which revision wins, are chosen by the test: {@code 1-fff…} beats
 * {@code 1-aaa…}.
 */
class CapturedConflictsTests {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @TempDir
    Path peer;

    private ObjectStore store;

    private static String rev(int number, char hex) {
        return number + "-" + String.valueOf(hex).repeat(32);
    }

    private void put(String id, String revision, String json) {
        try {
            Path dir = directory.resolve(id);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(revision), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectStore open() {
        store = ObjectStore.builder(directory).durable(false).build();
        return store;
    }

    @Test
    void aRivalWhoseFieldsTheWinnerHoldsIsRetiredWithARetirementRecord() throws IOException {
        put("doc", rev(0, '0'), "{\"email\":\"alice@example.com\"}");
        put("doc", rev(1, 'a'), "{\"email\":\"alice@example.com\",\"name\":\"Alice\"}");
        put("doc", rev(1, 'f'), "{\"email\":\"alice@example.com\",\"name\":\"Alice\",\"age\":30}");
        open();

        assertThat(store.resolveCapturedConflicts("doc")).containsExactly(rev(1, 'a'));

        assertThat(store.getConflicts("doc")).isEmpty();
        assertThat(store.getObject("doc").get("_rev").asString()).isEqualTo(rev(1, 'f'));
        Path record = directory.resolve(".mpstore/trash/doc").resolve(rev(1, 'a'));
        assertThat(MAPPER.readTree(Files.readString(record)).get("name").asString())
                .isEqualTo("Alice");
        assertThat(store.resolveCapturedConflicts("doc")).isEmpty();
    }

    @Test
    void aPartiallyCapturedRivalStays() {
        put("doc", rev(0, '0'), "{\"email\":\"a@example.com\"}");
        put("doc", rev(1, 'a'), "{\"email\":\"a@example.com\",\"name\":\"Bob\"}");
        put("doc", rev(1, 'f'), "{\"email\":\"a@example.com\",\"name\":\"Alice\",\"age\":30}");
        open();

        assertThat(store.resolveCapturedConflicts("doc")).isEmpty();

        assertThat(store.getConflicts("doc")).containsExactly(List.of(rev(1, 'a'), rev(1, 'f')));
    }

    @Test
    void aRivalThatRemovedAFieldTheWinnerStillHasStays() {
        put("doc", rev(0, '0'), "{\"email\":\"a@example.com\",\"phone\":\"123\"}");
        put("doc", rev(1, 'a'), "{\"email\":\"a@example.com\"}");
        put("doc", rev(1, 'f'), "{\"email\":\"a@example.com\",\"phone\":\"123\",\"age\":30}");
        open();

        assertThat(store.resolveCapturedConflicts("doc")).isEmpty();
        assertThat(store.getConflicts("doc")).hasSize(1);
    }

    @Test
    void aRivalThatRemovedAFieldTheWinnerRemovedTooIsCaptured() {
        put("doc", rev(0, '0'), "{\"email\":\"a@example.com\",\"phone\":\"123\"}");
        put("doc", rev(1, 'a'), "{\"email\":\"a@example.com\"}");
        put("doc", rev(1, 'f'), "{\"email\":\"a@example.com\",\"age\":30}");
        open();

        assertThat(store.resolveCapturedConflicts("doc")).containsExactly(rev(1, 'a'));
    }

    @Test
    void aRivalWhoseParentCannotBeKnownStays() {
        // Revision 1 is itself a conflict that cannot be resolved, so revision 2's parent is not known.
        put("doc", rev(0, '0'), "{\"a\":1}");
        put("doc", rev(1, 'a'), "{\"a\":1,\"z\":9}");
        put("doc", rev(1, 'f'), "{\"a\":1,\"y\":8}");
        put("doc", rev(2, 'a'), "{\"a\":1}");
        put("doc", rev(2, 'f'), "{\"a\":1,\"b\":2}");
        // Another object whose revision 1 is gone (removed by hand): its parent is not known either.
        put("gap", rev(0, '0'), "{\"a\":1}");
        put("gap", rev(2, 'a'), "{\"a\":1}");
        put("gap", rev(2, 'f'), "{\"a\":1,\"b\":2}");
        open();

        assertThat(store.resolveCapturedConflicts("doc")).isEmpty();
        assertThat(store.resolveCapturedConflicts("gap")).isEmpty();
        assertThat(store.getConflicts("doc")).hasSize(2);
        assertThat(store.getConflicts("gap")).hasSize(1);
    }

    @Test
    void resolvingAnOlderGroupMakesTheParentOfALaterRivalKnown() {
        put("doc", rev(0, '0'), "{\"a\":1}");
        put("doc", rev(1, 'a'), "{\"a\":1}");
        put("doc", rev(1, 'f'), "{\"a\":1}");
        put("doc", rev(2, 'a'), "{\"a\":1}");
        put("doc", rev(2, 'f'), "{\"a\":1,\"b\":2}");
        open();

        // In group 1 both are captured: the one readers elect stays as the link of the history.
        assertThat(store.resolveCapturedConflicts("doc")).containsExactly(rev(1, 'a'), rev(2, 'a'));

        assertThat(store.getRevisions("doc")).containsExactly(rev(0, '0'), rev(1, 'f'), rev(2, 'f'));
    }

    @Test
    void nestedObjectsAndArraysAreComparedAsJson() {
        put("doc", rev(0, '0'), "{}");
        // Same nested object in another key order, the same number written another way: captured.
        put("doc", rev(1, 'a'), "{\"profile\":{\"name\":\"Al\",\"tags\":[\"x\",{\"k\":1}]},\"n\":1}");
        put("doc", rev(1, 'f'), "{\"n\":1.0,\"profile\":{\"tags\":[\"x\",{\"k\":1}],\"name\":\"Al\"},\"m\":2}");
        // An array in another order, or a nested object with a field less, is different data: not captured.
        put("order", rev(0, '0'), "{}");
        put("order", rev(1, 'a'), "{\"tags\":[\"x\",\"y\"]}");
        put("order", rev(1, 'f'), "{\"tags\":[\"y\",\"x\"],\"m\":2}");
        put("nested", rev(0, '0'), "{}");
        put("nested", rev(1, 'a'), "{\"profile\":{\"name\":\"Al\",\"city\":\"Oslo\"}}");
        put("nested", rev(1, 'f'), "{\"profile\":{\"name\":\"Al\"},\"m\":2}");
        open();

        assertThat(store.resolveCapturedConflicts()).isEqualTo(Map.of("doc", List.of(rev(1, 'a'))));

        assertThat(store.getConflicts("order")).hasSize(1);
        assertThat(store.getConflicts("nested")).hasSize(1);
    }

    @Test
    void theWinnerIsNeverRetiredEvenWhenTheRivalHoldsTheSameData() {
        put("doc", rev(0, '0'), "{\"a\":1}");
        put("doc", rev(1, 'a'), "{\"a\":1,\"b\":2}");
        put("doc", rev(1, 'f'), "{\"b\":2,\"a\":1}");
        open();

        assertThat(store.resolveCapturedConflicts("doc")).containsExactly(rev(1, 'a'));

        assertThat(store.getRevisions("doc")).containsExactly(rev(0, '0'), rev(1, 'f'));
        assertThat(Files.exists(directory.resolve("doc").resolve(rev(1, 'f')))).isTrue();
    }

    @Test
    void aTombstoneRivalIsNotCapturedByALiveWinner() {
        put("doc", rev(0, '0'), "{\"a\":1}");
        put("doc", rev(1, 'a'), "{\"_deleted\":true}");
        put("doc", rev(1, 'f'), "{\"a\":1,\"b\":2}");
        open();

        assertThat(store.resolveCapturedConflicts("doc")).isEmpty();
    }

    @Test
    void aParentRetiredByTheHistoryIsReadFromItsRetirementRecord() {
        put("doc", rev(0, '0'), "{\"a\":1,\"phone\":\"1\"}");
        put("doc", rev(1, 'a'), "{\"a\":1}");
        put("doc", rev(1, 'f'), "{\"a\":1,\"b\":2}");
        put("kept", rev(0, '0'), "{\"a\":1,\"phone\":\"1\"}");
        put("kept", rev(1, 'a'), "{\"a\":1}");
        put("kept", rev(1, 'f'), "{\"a\":1,\"phone\":\"1\"}");
        open();
        // A compaction or history limit moved the parents to the trash with their content.
        moveToTrash("doc", rev(0, '0'));
        moveToTrash("kept", rev(0, '0'));

        assertThat(store.resolveCapturedConflicts("doc")).containsExactly(rev(1, 'a'));
        assertThat(store.resolveCapturedConflicts("kept"))
                .as("the rival dropped phone, which the winner still has")
                .isEmpty();
    }

    @Test
    void conflictsOfDeletedObjectsAreLeftOutOfTheLiveScanButNotOfGetAllConflicts() {
        put("gone", rev(0, '0'), "{\"a\":1}");
        put("gone", rev(1, 'a'), "{\"a\":2}");
        put("gone", rev(1, 'b'), "{\"a\":3}");
        put("gone", rev(2, 'f'), "{\"_deleted\":true}");
        put("live", rev(0, '0'), "{\"a\":1}");
        put("live", rev(1, 'a'), "{\"a\":2}");
        put("live", rev(1, 'f'), "{\"a\":3}");
        open();

        assertThat(store.getConflictsOfLiveObjects()).containsOnlyKeys("live");
        assertThat(store.getAllConflicts()).containsOnlyKeys("gone", "live");
    }

    @Test
    void aRetiredCapturedRivalDoesNotComeBackWithReplication() {
        put("doc", rev(0, '0'), "{\"a\":1}");
        put("doc", rev(1, 'a'), "{\"a\":1}");
        put("doc", rev(1, 'f'), "{\"a\":1,\"b\":2}");
        open();
        try (ObjectStore copy = ObjectStore.builder(peer).durable(false).build()) {
            Replicator.replicate(directory, peer, ReplicationOptions.defaults());
            assertThat(copy.getConflicts("doc")).hasSize(1);

            store.resolveCapturedConflicts("doc");
            Replicator.replicate(peer, directory, ReplicationOptions.defaults());
            Replicator.replicate(directory, peer, ReplicationOptions.defaults());

            assertThat(store.getConflicts("doc")).isEmpty();
            assertThat(copy.getConflicts("doc")).isEmpty();
        }
    }

    @Test
    void theTimeOfARevisionIsItsFileTime() throws IOException {
        put("doc", rev(0, '0'), "{\"a\":1}");
        Instant written = Instant.parse("2024-05-06T07:08:09Z");
        Files.setLastModifiedTime(directory.resolve("doc").resolve(rev(0, '0')), FileTime.from(written));
        open();

        assertThat(store.getRevisionTime("doc", rev(0, '0'))).isEqualTo(written);
    }

    private void moveToTrash(String id, String revision) {
        try {
            Path trash = directory.resolve(".mpstore/trash").resolve(id);
            Files.createDirectories(trash);
            Files.move(directory.resolve(id).resolve(revision), trash.resolve(revision));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }
}
