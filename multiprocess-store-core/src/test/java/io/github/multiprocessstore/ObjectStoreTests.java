package io.github.multiprocessstore;

import static io.github.multiprocessstore.DiskLayout.REVISION_NAME;
import static io.github.multiprocessstore.DiskLayout.conflictGroupsOnDisk;
import static io.github.multiprocessstore.DiskLayout.names;
import static io.github.multiprocessstore.DiskLayout.numberOf;
import static io.github.multiprocessstore.DiskLayout.revision;
import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.multiprocessstore.internal.format.AlphanumComparator;
import io.github.multiprocessstore.internal.format.ObjectIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The store's operations in one process, as the {@link ObjectStore} javadoc states them, with every file-format
 * claim checked against the files on disk.
 */
class ObjectStoreTests {

    @TempDir
    Path temp;

    private Path storeDir;
    private ObjectStore store;

    @BeforeEach
    void openStore() {
        storeDir = temp.resolve("store");
        store = ObjectStore.open(storeDir);
    }

    // ---- opening ------------------------------------------------------------------------------------------

    @Test
    void openCreatesMissingDirectoriesAndReportsTheAbsolutePath() {
        Path nested = temp.resolve("a/b/c");

        ObjectStore opened = ObjectStore.open(nested);

        assertThat(nested).isDirectory();
        assertThat(opened.path()).isAbsolute().isEqualTo(nested.toAbsolutePath().normalize());
    }

    @Test
    void openOnAFileFailsNamingThePath() throws IOException {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> ObjectStore.open(file))
                .isInstanceOf(StoreIOException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void aStoreWrittenWithoutFsyncReadsTheSame() {
        ObjectStore fast =
                ObjectStore.builder(temp.resolve("fast")).durable(false).build();

        ObjectNode created = fast.createObject(object("doc", "n", 1));
        ObjectNode updated = fast.updateObject(created.put("n", 2));

        assertThat(ObjectStore.open(temp.resolve("fast")).getObject("doc")).isEqualTo(updated);
        DiskLayout.assertOnlyRevisionFilesInObjectDirectories(temp.resolve("fast"));
    }

    // ---- create -------------------------------------------------------------------------------------------

    @Test
    void createObjectWritesRevisionZeroInADirectoryNamedByTheId() {
        ObjectNode created = store.createObject(object("doc", "title", "hello"));

        String rev = created.get("_rev").asString();
        assertThat(created.get("_id").asString()).isEqualTo("doc");
        assertThat(rev).matches(REVISION_NAME).startsWith("0-");
        assertThat(created.get("title").asString()).isEqualTo("hello");
        assertThat(names(storeDir.resolve("doc"))).containsExactly(rev);
        assertThat(TestJson.readFile(storeDir.resolve("doc").resolve(rev))
                        .get("title")
                        .asString())
                .isEqualTo("hello");
        assertThat(store.getObject("doc")).isEqualTo(created);
    }

    @Test
    void createObjectIgnoresARevInTheArgument() {
        ObjectNode withRev = object("doc", "n", 1);
        withRev.put("_rev", revision(7, 'a'));

        ObjectNode created = store.createObject(withRev);

        assertThat(created.get("_rev").asString()).startsWith("0-").isNotEqualTo(revision(7, 'a'));
    }

    @Test
    void createObjectOfALiveIdFailsWithAlreadyExistsAndChangesNothing() {
        ObjectNode first = store.createObject(object("doc", "n", 1));

        ObjectAlreadyExistsException e = catchThrowableOfType(
                ObjectAlreadyExistsException.class, () -> store.createObject(object("doc", "n", 2)));

        assertThat(e).hasMessageContaining("'doc'");
        assertThat(e.id()).contains("doc");
        assertThat(names(storeDir.resolve("doc")))
                .containsExactly(first.get("_rev").asString());
        assertThat(store.getObject("doc")).isEqualTo(first);
        DiskLayout.assertNoTempLeftovers(storeDir);
    }

    @Test
    void createObjectWithoutAStringIdIsRejectedWithoutTouchingTheDisk() {
        List<String> before = DiskLayout.tree(storeDir);

        assertThatThrownBy(() -> store.createObject(object(null, "n", 1))).isInstanceOf(InvalidIdException.class);
        ObjectNode numericId = object(null, "n", 1);
        numericId.put("_id", 42);
        assertThatThrownBy(() -> store.createObject(numericId)).isInstanceOf(InvalidIdException.class);

        assertThat(DiskLayout.tree(storeDir)).isEqualTo(before);
    }

    @Test
    void createObjectOverADeletedObjectRevivesItWithTheNextRevisionNumber() {
        ObjectNode created = store.createObject(object("doc", "old", "field"));
        store.updateObject(created.put("n", 1));
        String tombstone = store.deleteObject("doc");

        ObjectNode revived = store.createObject(object("doc", "fresh", true));

        assertThat(numberOf(tombstone)).isEqualTo(2);
        assertThat(numberOf(revived.get("_rev").asString())).isEqualTo(3);
        ObjectNode read = store.getObject("doc");
        assertThat(read).isEqualTo(revived);
        assertThat(read.has("old"))
                .as("fields of the deleted object must not come back")
                .isFalse();
        assertThat(read.has("_deleted")).isFalse();
        assertThat(store.exists("doc")).isTrue();
        assertThat(names(storeDir.resolve("doc"))).hasSize(4);
        assertThatThrownBy(() -> store.createObject(object("doc"))).isInstanceOf(ObjectAlreadyExistsException.class);
    }

    // ---- read ---------------------------------------------------------------------------------------------

    @Test
    void idAndRevAlwaysComeFromThePathNeverFromTheFile() {
        String rev = revision(0, 'c');
        TestJson.writeFile(
                storeDir.resolve("handmade").resolve(rev),
                "{\"_id\":\"impostor\",\"_rev\":\"" + revision(9, 'f') + "\",\"x\":1}");

        ObjectNode expected = object("handmade");
        expected.put("_rev", rev);
        expected.put("x", 1);

        assertThat(store.getObject("handmade")).isEqualTo(expected);
        assertThat(store.findObject("handmade")).contains(expected);
        assertThat(store.getRevision("handmade", rev)).isEqualTo(expected);
        assertThat(store.getAllObjects()).containsExactly(expected);
        try (Stream<ObjectNode> all = store.streamObjects()) {
            assertThat(all.toList()).containsExactly(expected);
        }
        assertThat(store.exists("impostor")).isFalse();
    }

    @Test
    void getObjectOfAMissingIdThrowsNotFoundNamingTheId() {
        ObjectNotFoundException e =
                catchThrowableOfType(ObjectNotFoundException.class, () -> store.getObject("missing"));

        assertThat(e).hasMessageContaining("'missing'");
        assertThat(e.id()).contains("missing");
        assertThat(store.findObject("missing")).isEmpty();
        assertThat(store.exists("missing")).isFalse();
        assertThat(storeDir.resolve("missing")).doesNotExist();
    }

    @Test
    void returnedObjectsAreCopiesThatDoNotChangeTheStore() {
        ObjectNode created = store.createObject(object("doc", "n", 1));
        created.put("n", 99);
        store.getObject("doc").put("n", 98);

        assertThat(store.getObject("doc").get("n").asInt()).isEqualTo(1);
    }

    @Test
    void writesNeverModifyTheirArgument() {
        ObjectNode create = object("doc", "n", 1);
        ObjectNode createCopy = create.deepCopy();
        ObjectNode created = store.createObject(create);
        assertThat(create).isEqualTo(createCopy);

        ObjectNode update = created.deepCopy().put("n", 2);
        ObjectNode updateCopy = update.deepCopy();
        ObjectNode updated = store.updateObject(update);
        assertThat(update).isEqualTo(updateCopy);

        ObjectNode strict = updated.deepCopy().put("n", 3);
        ObjectNode strictCopy = strict.deepCopy();
        store.updateObjectIfCurrent(strict);
        assertThat(strict).isEqualTo(strictCopy);

        ObjectNode upsert = object("doc", "m", 4);
        ObjectNode upsertCopy = upsert.deepCopy();
        store.upsertObject(upsert);
        assertThat(upsert).isEqualTo(upsertCopy);

        ObjectNode newUpsert = object("other", "m", 5);
        ObjectNode newUpsertCopy = newUpsert.deepCopy();
        store.upsertObject(newUpsert);
        assertThat(newUpsert).isEqualTo(newUpsertCopy);
    }

    // ---- update (the original's, never rejected) ----------------------------------------------------------

    @Test
    void updateObjectWritesTheNextRevisionAndKeepsThePreviousFile() {
        ObjectNode created = store.createObject(object("doc", "n", 1));

        ObjectNode updated = store.updateObject(created.deepCopy().put("n", 2));

        String rev = updated.get("_rev").asString();
        assertThat(rev).matches(REVISION_NAME).startsWith("1-");
        assertThat(names(storeDir.resolve("doc")))
                .containsExactlyInAnyOrder(created.get("_rev").asString(), rev);
        assertThat(store.getObject("doc")).isEqualTo(updated);
        assertThat(store.getObject("doc").get("n").asInt()).isEqualTo(2);
    }

    @Test
    void updateObjectWithoutRevCountsAsRevisionZero() {
        store.createObject(object("doc", "n", 1));

        ObjectNode updated = store.updateObject(object("doc", "n", 2));

        assertThat(updated.get("_rev").asString()).startsWith("1-");
    }

    @Test
    void updateObjectWithAMalformedRevIsRejectedAndWritesNothing() {
        store.createObject(object("doc", "n", 1));
        ObjectNode bad = object("doc", "n", 2);
        bad.put("_rev", "../../escape");

        assertThatThrownBy(() -> store.updateObject(bad)).isInstanceOf(InvalidIdException.class);

        assertThat(names(storeDir.resolve("doc"))).hasSize(1);
        assertThat(names(temp)).containsExactly("store");
    }

    @Test
    void updateObjectOfAMissingObjectThrowsNotFoundAndCreatesNothing() {
        ObjectNode update = object("missing", "n", 1);
        update.put("_rev", revision(0, 'a'));

        assertThatThrownBy(() -> store.updateObject(update))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("'missing'");

        assertThat(storeDir.resolve("missing")).doesNotExist();
        DiskLayout.assertNoTempLeftovers(storeDir);
    }

    @Test
    void updateFromSameRevisionKeepsBothAsConflict() {
        ObjectNode base = store.createObject(object("doc", "n", 0));

        ObjectNode mine = store.updateObject(base.deepCopy().put("by", "me"));
        ObjectNode theirs = store.updateObject(base.deepCopy().put("by", "them"));

        List<String> group = List.of(
                        mine.get("_rev").asString(), theirs.get("_rev").asString())
                .stream()
                .sorted(AlphanumComparator.INSTANCE)
                .toList();
        assertThat(store.getConflicts("doc")).containsExactly(group);
        assertThat(names(storeDir.resolve("doc"))).hasSize(3).containsAll(group);
        assertThat(store.getObject("doc").get("_rev").asString()).isEqualTo(group.get(1));
        assertThat(store.getRevision("doc", mine.get("_rev").asString())
                        .get("by")
                        .asString())
                .isEqualTo("me");
        assertThat(store.getRevision("doc", theirs.get("_rev").asString())
                        .get("by")
                        .asString())
                .isEqualTo("them");
    }

    @Test
    void updateFromAnOldRevisionWritesTheNumberAfterThatRevision() {
        ObjectNode base = store.createObject(object("doc", "n", 0));
        ObjectNode one = store.updateObject(base.deepCopy().put("n", 1));
        ObjectNode two = store.updateObject(one.deepCopy().put("n", 2));

        ObjectNode late = store.updateObject(base.deepCopy().put("n", -1));

        assertThat(late.get("_rev").asString()).startsWith("1-");
        assertThat(store.getObject("doc")).isEqualTo(two);
        assertThat(store.getConflicts("doc"))
                .singleElement()
                .satisfies(group -> assertThat(group)
                        .containsExactlyInAnyOrder(
                                one.get("_rev").asString(), late.get("_rev").asString()));
    }

    // ---- strict update ------------------------------------------------------------------------------------

    @Test
    void strictUpdateWritesTheNextRevisionWhenTheRevIsStillTheWinner() {
        ObjectNode created = store.createObject(object("doc", "n", 1));

        ObjectNode updated = store.updateObjectIfCurrent(created.put("n", 2));

        assertThat(updated.get("_rev").asString()).startsWith("1-");
        assertThat(store.getObject("doc")).isEqualTo(updated);
        assertThat(store.getConflicts("doc")).isEmpty();
    }

    @Test
    void strictUpdateFromAStaleRevisionThrowsStaleRevisionNamingIdAndRevisions() {
        ObjectNode base = store.createObject(object("doc", "n", 1));
        String current =
                store.updateObject(base.deepCopy().put("n", 2)).get("_rev").asString();
        String stale = base.get("_rev").asString();

        StaleRevisionException e = catchThrowableOfType(
                StaleRevisionException.class,
                () -> store.updateObjectIfCurrent(base.deepCopy().put("n", 3)));

        assertThat(e).hasMessageContaining("'doc'").hasMessageContaining(stale).hasMessageContaining(current);
        assertThat(e.id()).contains("doc");
        assertThat(e.expectedRevision()).isEqualTo(stale);
        assertThat(e.currentRevision()).isEqualTo(current);
        assertThat(names(storeDir.resolve("doc"))).containsExactlyInAnyOrder(stale, current);
        assertThat(store.getObject("doc").get("n").asInt()).isEqualTo(2);
        DiskLayout.assertNoTempLeftovers(storeDir);
    }

    @Test
    void strictUpdateFromTheLosingSideOfAConflictIsStale() {
        ObjectNode base = store.createObject(object("doc", "n", 0));
        store.updateObject(base.deepCopy().put("n", 1));
        store.updateObject(base.deepCopy().put("n", 2));
        List<String> group = store.getConflicts("doc").get(0);
        ObjectNode loser = store.getRevision("doc", group.get(0));
        ObjectNode winner = store.getRevision("doc", group.get(1));

        assertThatThrownBy(() -> store.updateObjectIfCurrent(loser.put("n", 3)))
                .isInstanceOf(StaleRevisionException.class);
        ObjectNode updated = store.updateObjectIfCurrent(winner.put("n", 4));

        assertThat(updated.get("_rev").asString()).startsWith("2-");
        assertThat(store.getObject("doc").get("n").asInt()).isEqualTo(4);
    }

    @Test
    void strictUpdateOfAMissingObjectThrowsNotFound() {
        ObjectNode update = object("missing", "n", 1);
        update.put("_rev", revision(0, 'a'));

        assertThatThrownBy(() -> store.updateObjectIfCurrent(update)).isInstanceOf(ObjectNotFoundException.class);
        assertThat(storeDir.resolve("missing")).doesNotExist();
    }

    @Test
    void strictUpdateOfADeletedObjectThrowsNotFoundFromTheOldRevision() {
        ObjectNode created = store.createObject(object("doc", "n", 1));
        store.deleteObject("doc");

        assertThatThrownBy(() -> store.updateObjectIfCurrent(created.put("n", 2)))
                .isInstanceOf(ObjectNotFoundException.class);
        assertThat(store.exists("doc")).isFalse();
    }

    @Test
    void strictUpdateOfADeletedObjectThrowsNotFoundEvenFromTheTombstoneRevision() {
        store.createObject(object("doc", "n", 1));
        String tombstone = store.deleteObject("doc");
        ObjectNode update = object("doc", "n", 2);
        update.put("_rev", tombstone);

        assertThatThrownBy(() -> store.updateObjectIfCurrent(update)).isInstanceOf(ObjectNotFoundException.class);
        assertThat(store.exists("doc")).isFalse();
        assertThat(names(storeDir.resolve("doc"))).hasSize(2);
    }

    // ---- upsert -------------------------------------------------------------------------------------------

    @Test
    void upsertObjectCreatesAMissingObjectAtRevisionZero() {
        ObjectNode upserted = store.upsertObject(object("doc", "n", 1));

        assertThat(upserted.get("_rev").asString()).startsWith("0-");
        assertThat(store.getObject("doc")).isEqualTo(upserted);
    }

    @Test
    void upsertObjectMergesTheGivenFieldsIntoTheWinner() {
        store.createObject(object("doc", "a", 1, "b", 2));

        ObjectNode upserted = store.upsertObject(object("doc", "b", 3, "c", 4));

        assertThat(upserted.get("_rev").asString()).startsWith("1-");
        ObjectNode read = store.getObject("doc");
        assertThat(read).isEqualTo(upserted);
        assertThat(read.get("a").asInt()).isEqualTo(1);
        assertThat(read.get("b").asInt()).isEqualTo(3);
        assertThat(read.get("c").asInt()).isEqualTo(4);
    }

    @Test
    void upsertObjectIgnoresAStaleRevAndWritesOnTopOfTheWinner() {
        ObjectNode base = store.createObject(object("doc", "n", 0));
        ObjectNode one = store.updateObject(base.deepCopy().put("n", 1));
        ObjectNode staleUpsert = object("doc", "m", 2);
        staleUpsert.put("_rev", base.get("_rev").asString());

        ObjectNode upserted = store.upsertObject(staleUpsert);

        assertThat(upserted.get("_rev").asString()).startsWith("2-");
        assertThat(upserted.get("n").asInt()).isEqualTo(1);
        assertThat(store.getConflicts("doc")).isEmpty();
        assertThat(store.getRevisions("doc"))
                .containsExactly(
                        base.get("_rev").asString(),
                        one.get("_rev").asString(),
                        upserted.get("_rev").asString());
    }

    @Test
    void upsertOfADeletedObjectRevivesItWithOnlyTheGivenFields() {
        store.createObject(object("doc", "old", "field"));
        store.deleteObject("doc");

        ObjectNode upserted = store.upsertObject(object("doc", "n", 1));

        assertThat(upserted.get("_rev").asString()).startsWith("2-");
        ObjectNode read = store.getObject("doc");
        assertThat(read).isEqualTo(upserted);
        assertThat(read.has("_deleted")).isFalse();
        assertThat(read.has("old")).isFalse();
    }

    // ---- delete -------------------------------------------------------------------------------------------

    @Test
    void deleteObjectWritesATombstoneRevisionAndKeepsEveryFile() {
        ObjectNode created = store.createObject(object("doc", "n", 1));

        String tombstone = store.deleteObject("doc");

        assertThat(tombstone).matches(REVISION_NAME).startsWith("1-");
        assertThat(names(storeDir.resolve("doc")))
                .containsExactlyInAnyOrder(created.get("_rev").asString(), tombstone);
        JsonNode onDisk = TestJson.readFile(storeDir.resolve("doc").resolve(tombstone));
        assertThat(onDisk.propertyNames()).containsExactlyInAnyOrder("_id", "_rev", "_deleted");
        assertThat(onDisk.get("_id").asString()).isEqualTo("doc");
        assertThat(onDisk.get("_rev").asString()).isEqualTo(tombstone);
        assertThat(onDisk.get("_deleted").isBoolean()).isTrue();
        assertThat(onDisk.get("_deleted").booleanValue()).isTrue();
    }

    @Test
    void aDeletedObjectIsAbsentFromReadsListsAndCountButItsHistoryRemains() {
        store.createObject(object("kept", "n", 1));
        ObjectNode doomed = store.createObject(object("doomed", "n", 2));
        String tombstone = store.deleteObject("doomed");

        assertThat(store.findObject("doomed")).isEmpty();
        assertThatThrownBy(() -> store.getObject("doomed")).isInstanceOf(ObjectNotFoundException.class);
        assertThat(store.exists("doomed")).isFalse();
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.getAllObjects())
                .extracting(o -> o.get("_id").asString())
                .containsExactly("kept");
        try (Stream<ObjectNode> all = store.streamObjects()) {
            assertThat(all.map(o -> o.get("_id").asString()).toList()).containsExactly("kept");
        }
        try (Stream<String> ids = store.streamIds()) {
            assertThat(ids.toList()).containsExactlyInAnyOrder("kept", "doomed");
        }
        assertThat(store.getRevisions("doomed"))
                .containsExactly(doomed.get("_rev").asString(), tombstone);
        ObjectNode stored = store.getRevision("doomed", tombstone);
        assertThat(stored.get("_deleted").booleanValue()).isTrue();
        assertThat(stored.get("_id").asString()).isEqualTo("doomed");
        assertThat(stored.get("_rev").asString()).isEqualTo(tombstone);
    }

    @Test
    void deleteObjectOfAMissingOrDeletedObjectThrowsNotFound() {
        assertThatThrownBy(() -> store.deleteObject("missing"))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("'missing'");
        assertThat(storeDir.resolve("missing")).doesNotExist();

        store.createObject(object("doc"));
        store.deleteObject("doc");
        assertThatThrownBy(() -> store.deleteObject("doc")).isInstanceOf(ObjectNotFoundException.class);
        assertThat(names(storeDir.resolve("doc"))).hasSize(2);
    }

    @Test
    void deleteAndAnUpdateFromTheSameRevisionAreKeptAsAConflict() {
        ObjectNode base = store.createObject(object("doc", "n", 0));

        String tombstone = store.deleteObject("doc");
        ObjectNode update = store.updateObject(base.deepCopy().put("n", 1));

        assertThat(store.getConflicts("doc"))
                .singleElement()
                .satisfies(group -> assertThat(group)
                        .containsExactlyInAnyOrder(tombstone, update.get("_rev").asString()));
        assertThat(names(storeDir.resolve("doc"))).hasSize(3);
        String winner = store.getRevisions("doc").get(2);
        assertThat(store.exists("doc"))
                .isEqualTo(winner.equals(update.get("_rev").asString()));
    }

    // ---- listing ------------------------------------------------------------------------------------------

    @Test
    void getAllObjectsStreamObjectsAndCountAgreeOnTheLiveObjects() {
        List<String> ids =
                new ArrayList<>(IntStream.range(0, 30).mapToObj(i -> "obj-" + i).toList());
        Collections.shuffle(ids, new Random(1));
        ids.forEach(id -> store.createObject(object(id, "id-again", id)));
        store.deleteObject("obj-3");
        store.deleteObject("obj-17");
        List<String> live = ids.stream()
                .filter(id -> !id.equals("obj-3") && !id.equals("obj-17"))
                .sorted()
                .toList();

        List<ObjectNode> all = store.getAllObjects();

        assertThat(all).extracting(o -> o.get("_id").asString()).containsExactlyElementsOf(live);
        assertThat(all)
                .allSatisfy(o -> assertThat(o.get("id-again").asString())
                        .isEqualTo(o.get("_id").asString()));
        try (Stream<ObjectNode> streamed = store.streamObjects()) {
            assertThat(streamed.toList()).containsExactlyInAnyOrderElementsOf(all);
        }
        assertThat(store.count()).isEqualTo(live.size());
    }

    @Test
    void streamIdsListsEveryObjectDirectoryWithItsDecodedIdButNotTheEngineArea() {
        List<String> ids = List.of("plain", "with space", "a/b", "..", "ünïcode", "%41", "A");
        ids.forEach(id -> store.createObject(object(id)));

        try (Stream<String> streamed = store.streamIds()) {
            assertThat(streamed.toList()).containsExactlyInAnyOrderElementsOf(ids);
        }
        assertThat(store.getAllObjects())
                .extracting(o -> o.get("_id").asString())
                .containsExactlyElementsOf(ids.stream().sorted().toList());
        assertThat(storeDir.resolve(".mpstore")).isDirectory();
    }

    @Test
    void anEmptyStoreHasNoObjects() {
        assertThat(store.count()).isZero();
        assertThat(store.getAllObjects()).isEmpty();
        assertThat(store.getAllConflicts()).isEmpty();
        try (Stream<ObjectNode> all = store.streamObjects();
                Stream<String> ids = store.streamIds()) {
            assertThat(all).isEmpty();
            assertThat(ids).isEmpty();
        }
    }

    // ---- history ------------------------------------------------------------------------------------------

    @Test
    void getRevisionsListsEveryRevisionOldestFirstWithNumbersComparedAsNumbers() {
        ObjectNode current = store.createObject(object("doc", "n", 0));
        for (int n = 1; n <= 12; n++) {
            current = store.updateObject(current.put("n", n));
        }

        List<String> revisions = store.getRevisions("doc");

        assertThat(revisions.stream().map(DiskLayout::numberOf).toList())
                .isEqualTo(IntStream.rangeClosed(0, 12).mapToObj(n -> (long) n).toList());
        assertThat(revisions).containsExactlyInAnyOrderElementsOf(names(storeDir.resolve("doc")));
        assertThat(store.getObject("doc")).isEqualTo(current);
        assertThat(revisions.get(12)).isEqualTo(current.get("_rev").asString());
    }

    @Test
    void getRevisionReadsANonWinningRevision() {
        ObjectNode first = store.createObject(object("doc", "n", 0));
        store.updateObject(first.deepCopy().put("n", 1));

        ObjectNode old = store.getRevision("doc", first.get("_rev").asString());

        assertThat(old).isEqualTo(first);
    }

    @Test
    void historyQueriesOfAMissingObjectOrRevisionThrowNotFound() {
        store.createObject(object("doc"));

        assertThatThrownBy(() -> store.getRevisions("missing")).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.getConflicts("missing")).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.getRevision("missing", revision(0, 'a')))
                .isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.getRevision("doc", revision(0, 'a')))
                .isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void getRevisionNeverReadsAPathOutsideTheObject() throws IOException {
        store.createObject(object("doc"));
        Files.writeString(temp.resolve("secret"), "{\"secret\":true}");

        for (String sneaky : List.of("../../secret", "../doc/../../secret", "/etc/passwd", "")) {
            assertThatThrownBy(() -> store.getRevision("doc", sneaky)).isInstanceOf(StoreException.class);
        }
    }

    // ---- winner election ----------------------------------------------------------------------------------

    @Test
    void theWinnerIsTheLastRevisionInAlphanumOrder() {
        Path doc = storeDir.resolve("doc");
        TestJson.writeFile(doc.resolve(revision(9, 'f')), "{\"v\":9}");
        TestJson.writeFile(doc.resolve(revision(10, '0')), "{\"v\":10}");
        // Within one number, digit runs in the hex part compare as numbers too: a9... < a10...
        String a9 = "11-a9" + "b".repeat(30);
        String a10 = "11-a10" + "b".repeat(29);
        Path other = storeDir.resolve("other");
        TestJson.writeFile(other.resolve(a10), "{\"v\":\"a10\"}");
        TestJson.writeFile(other.resolve(a9), "{\"v\":\"a9\"}");

        assertThat(store.getObject("doc").get("_rev").asString()).isEqualTo(revision(10, '0'));
        assertThat(store.getRevisions("doc")).containsExactly(revision(9, 'f'), revision(10, '0'));
        assertThat(store.getObject("other").get("v").asString()).isEqualTo("a10");
        assertThat(store.getConflicts("other")).containsExactly(List.of(a9, a10));
    }

    // ---- conflicts ----------------------------------------------------------------------------------------

    @Test
    void getConflictsReportsTheSameNumberGroupsOnDiskInRevisionOrder() {
        ObjectNode base = store.createObject(object("doc", "n", 0));
        store.updateObject(base.deepCopy().put("n", 1));
        store.updateObject(base.deepCopy().put("n", 1));
        ObjectNode levelOneWinner = store.getObject("doc");
        store.updateObject(levelOneWinner.deepCopy().put("n", 2));
        store.updateObject(levelOneWinner.deepCopy().put("n", 2));
        store.updateObject(levelOneWinner.deepCopy().put("n", 2));
        store.updateObject(store.getObject("doc").put("n", 3));

        List<List<String>> conflicts = store.getConflicts("doc");

        assertThat(conflicts).hasSize(2);
        assertThat(conflicts.get(0)).hasSize(2).allMatch(rev -> rev.startsWith("1-"));
        assertThat(conflicts.get(1)).hasSize(3).allMatch(rev -> rev.startsWith("2-"));
        assertThat(conflicts).allSatisfy(group -> assertThat(group).isSortedAccordingTo(AlphanumComparator.INSTANCE));
        assertThat(DiskLayout.byNumber(conflicts)).isEqualTo(conflictGroupsOnDisk(storeDir.resolve("doc")));
    }

    @Test
    void getConflictsIsEmptyWithoutConflicts() {
        ObjectNode created = store.createObject(object("doc"));
        store.updateObject(created);

        assertThat(store.getConflicts("doc")).isEmpty();
    }

    @Test
    void getAllConflictsMapsEveryConflictedObjectSortedById() {
        for (String id : List.of("zeta", "alpha", "calm")) {
            ObjectNode base = store.createObject(object(id));
            if (!id.equals("calm")) {
                store.updateObject(base.deepCopy());
                store.updateObject(base.deepCopy());
            }
        }

        Map<String, List<List<String>>> all = store.getAllConflicts();

        assertThat(all.keySet()).containsExactly("alpha", "zeta");
        assertThat(all.get("alpha")).isEqualTo(store.getConflicts("alpha"));
        assertThat(all.get("zeta")).isEqualTo(store.getConflicts("zeta"));
    }

    @Test
    void resolveConflictKeepsTheChosenRevisionAndMovesTheOthersToTheTrash() throws IOException {
        ObjectNode base = store.createObject(object("doc", "n", 0));
        for (int i = 1; i <= 3; i++) {
            store.updateObject(base.deepCopy().put("n", i));
        }
        List<String> group = store.getConflicts("doc").get(0);
        String chosen = group.get(0); // the one that does not win by itself
        Map<String, byte[]> losers = new HashMap<>();
        for (String rev : group.subList(1, group.size())) {
            losers.put(rev, Files.readAllBytes(storeDir.resolve("doc").resolve(rev)));
        }

        ObjectNode resolved = store.resolveConflict("doc", chosen);

        assertThat(resolved.get("_rev").asString()).isEqualTo(chosen);
        assertThat(store.getObject("doc")).isEqualTo(resolved).isEqualTo(store.getRevision("doc", chosen));
        assertThat(store.getConflicts("doc")).isEmpty();
        assertThat(names(storeDir.resolve("doc")))
                .containsExactlyInAnyOrder(base.get("_rev").asString(), chosen);
        Path trash = storeDir.resolve(".mpstore").resolve("trash").resolve("doc");
        assertThat(names(trash)).containsExactlyInAnyOrderElementsOf(losers.keySet());
        for (Map.Entry<String, byte[]> loser : losers.entrySet()) {
            assertThat(trash.resolve(loser.getKey())).hasBinaryContent(loser.getValue());
        }
        DiskLayout.assertOnlyRevisionFilesInObjectDirectories(storeDir);
    }

    @Test
    void resolvingAnOlderConflictLeavesTheLaterWinnerInPlace() {
        ObjectNode base = store.createObject(object("doc", "n", 0));
        String a = store.updateObject(base.deepCopy().put("n", 1)).get("_rev").asString();
        String b = store.updateObject(base.deepCopy().put("n", 1)).get("_rev").asString();
        ObjectNode latest = store.updateObject(store.getObject("doc").put("n", 2));

        store.resolveConflict("doc", a);

        assertThat(store.getConflicts("doc")).isEmpty();
        assertThat(store.getObject("doc")).isEqualTo(latest);
        assertThat(names(storeDir.resolve("doc"))).contains(a).doesNotContain(b);
    }

    @Test
    void resolveConflictWithAnUnknownRevisionChangesNothing() {
        ObjectNode base = store.createObject(object("doc"));
        store.updateObject(base.deepCopy());
        store.updateObject(base.deepCopy());
        List<String> before = names(storeDir.resolve("doc"));

        assertThatThrownBy(() -> store.resolveConflict("doc", revision(1, 'e')))
                .isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.resolveConflict("missing", revision(1, 'e')))
                .isInstanceOf(ObjectNotFoundException.class);

        assertThat(names(storeDir.resolve("doc"))).isEqualTo(before);
    }

    // ---- the format on disk -------------------------------------------------------------------------------

    @Test
    void everyOperationLeavesOnlyRevisionFilesInObjectDirectoriesAndNoTempFiles() {
        ObjectNode a = store.createObject(object("a", "n", 0));
        store.updateObject(a.deepCopy().put("n", 1));
        store.updateObject(a.deepCopy().put("n", 2));
        store.updateObjectIfCurrent(store.getObject("a").put("n", 3));
        store.upsertObject(object("a", "m", 1));
        store.upsertObject(object("b", "m", 1));
        store.deleteObject("b");
        store.createObject(object("b", "again", true));
        store.createObject(object("c/with/slashes"));
        ObjectNode d = store.createObject(object("d"));
        store.updateObject(d.deepCopy());
        store.updateObject(d.deepCopy());
        store.resolveConflict("d", store.getConflicts("d").get(0).get(0));
        assertThatThrownBy(() -> store.createObject(object("a"))).isInstanceOf(ObjectAlreadyExistsException.class);
        assertThatThrownBy(() -> store.updateObjectIfCurrent(a)).isInstanceOf(StaleRevisionException.class);

        DiskLayout.assertOnlyRevisionFilesInObjectDirectories(storeDir);
        DiskLayout.assertNoTempLeftovers(storeDir);
        assertThat(names(storeDir)).containsExactlyInAnyOrder(".mpstore", "a", "b", "c%2Fwith%2Fslashes", "d");
        assertThat(names(temp)).containsExactly("store");
        for (String id : List.of("a", "b", "c/with/slashes", "d")) {
            for (String rev : store.getRevisions(id)) {
                Path dir = storeDir.resolve(ObjectIds.encode(id));
                assertThat(TestJson.readFile(dir.resolve(rev)).isObject())
                        .as("%s/%s", id, rev)
                        .isTrue();
            }
        }
    }

    @Test
    void revisionFilesAreNeverReplacedEvenIfTwoWritersDrawTheSameRandomNames() throws IOException {
        // Two processes seeded alike (a misconfigured random source) must not overwrite each other's revisions.
        ObjectNode base = store.createObject(object("doc", "n", 0));
        ObjectStore first = ObjectStore.builder(storeDir)
                .randomSource(() -> new SplittableRandom(7))
                .build();
        ObjectStore second = ObjectStore.builder(storeDir)
                .randomSource(() -> new SplittableRandom(7))
                .build();

        ObjectNode mine = first.updateObject(base.deepCopy().put("by", "first"));
        Path mineFile = storeDir.resolve("doc").resolve(mine.get("_rev").asString());
        byte[] mineBytes = Files.readAllBytes(mineFile);
        ObjectNode theirs = null;
        try {
            theirs = second.updateObject(base.deepCopy().put("by", "second"));
        } catch (StoreException refused) {
            // Refusing the colliding write is acceptable; replacing the visible revision is not.
        }

        assertThat(mineFile).hasBinaryContent(mineBytes);
        assertThat(store.getRevision("doc", mine.get("_rev").asString())
                        .get("by")
                        .asString())
                .isEqualTo("first");
        if (theirs != null) {
            assertThat(theirs.get("_rev").asString())
                    .isNotEqualTo(mine.get("_rev").asString());
            assertThat(store.getRevision("doc", theirs.get("_rev").asString())
                            .get("by")
                            .asString())
                    .isEqualTo("second");
            assertThat(names(storeDir.resolve("doc"))).hasSize(3);
        }
    }

    @Test
    void theRandomSourceSeamMakesRevisionNamesReproducible() {
        ObjectStore one = ObjectStore.builder(temp.resolve("one"))
                .randomSource(() -> new SplittableRandom(3))
                .build();
        ObjectStore two = ObjectStore.builder(temp.resolve("two"))
                .randomSource(() -> new SplittableRandom(3))
                .build();

        String revOne = one.createObject(object("doc")).get("_rev").asString();
        String revTwo = two.createObject(object("doc")).get("_rev").asString();

        assertThat(revOne).isEqualTo(revTwo).matches(REVISION_NAME);
    }
}
