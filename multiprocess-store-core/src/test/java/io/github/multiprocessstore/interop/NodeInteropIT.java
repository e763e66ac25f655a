package io.github.multiprocessstore.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessstore.ObjectAlreadyExistsException;
import io.github.multiprocessstore.ObjectNotFoundException;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.RevisionName;
import io.github.multiprocessstore.internal.format.AlphanumComparator;
import io.github.multiprocessstore.internal.format.ObjectIds;
import io.github.multiprocessstore.interop.NodeStore.Call;
import io.github.multiprocessstore.interop.NodeStore.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One store directory, two implementations: this engine and the original npm package {@code multiprocess-store}
 * 1.25.0, run by node in separate processes. What one side writes, the other must read the same way: same
 * fields, same winning {@code _rev}, same conflicts. Where the two deliberately differ (deletion, encoded ids),
 * the tests pin down what a Node.js reader sees.
 */
@ExtendWith(InteropSwitch.class)
class NodeInteropIT {

    private static final Duration READER_TIMEOUT = Duration.ofSeconds(60);

    // ---- Java writes, node reads --------------------------------------------------------------------------

    @Test
    void nodeReadsObjectsJavaCreatedAndUpdated(@TempDir Path directory) {
        ObjectStore store = ObjectStore.open(directory);
        store.createObject(json("""
                {"_id": "alice", "text": "hello", "number": 42, "fraction": 1.5, "flag": true, "nothing": null,
                 "nested": {"list": [1, "two", {"three": 3}]}, "unicode": "Zoë – 中文 – 😀"}"""));
        ObjectNode bob = store.createObject(json("""
                {"_id": "bob", "value": 0}"""));
        for (int i = 1; i <= 11; i++) { // revision numbers cross 9 -> 10
            bob = store.updateObject(bob.deepCopy().put("value", i));
        }
        store.upsertObject(json("""
                {"_id": "carol", "colour": "red", "size": 1}"""));
        store.upsertObject(json("""
                {"_id": "carol", "colour": "blue"}"""));
        ObjectNode dave = store.createObject(json("""
                {"_id": "dave@example.com", "visits": 1}"""));
        store.updateObjectIfCurrent(dave.deepCopy().put("visits", 2));

        NodeStore node = new NodeStore(directory);
        for (String id : List.of("alice", "bob", "carol", "dave@example.com")) {
            assertThat(node.getObject(id)).as("node's getObject('%s')", id).isEqualTo(store.getObject(id));
        }
        assertThat(node.getObject("bob").get("_rev").asString()).startsWith("11-");
        assertThat(node.getObject("carol")).isEqualTo(json("""
                {"_id": "carol", "_rev": "%s", "colour": "blue", "size": 1}""".formatted(
                        store.getObject("carol").get("_rev").asString())));
        assertThat(node.getAllObjects()).containsExactlyInAnyOrderElementsOf(store.getAllObjects());
        assertObjectDirectoriesHoldOnlyRevisionFiles(directory);
    }

    // ---- node writes, Java reads --------------------------------------------------------------------------

    @Test
    void javaReadsObjectsNodeCreatedUpdatedAndUpserted(@TempDir Path directory) throws IOException {
        JsonNode nodeReads = NodeInterop.runJson("node-writes-store.js", List.of(), directory.toString());

        ObjectStore store = ObjectStore.open(directory);
        for (String id : List.of("plain", "counter", "upserted")) {
            assertThat(store.getObject(id))
                    .as("Java's getObject('%s')", id)
                    .isEqualTo(nodeReads.get("objects").get(id));
            assertThat(store.exists(id)).isTrue();
        }
        assertThat(store.getObject("counter").get("value").asInt()).isEqualTo(11);
        assertThat(store.getObject("upserted")).isEqualTo(json("""
                {"_id": "upserted", "_rev": "%s", "colour": "blue", "size": 1}""".formatted(
                        nodeReads.get("objects").get("upserted").get("_rev").asString())));
        List<ObjectNode> nodeAll = objects(nodeReads.get("all"));
        assertThat(nodeAll).hasSize(3);
        assertThat(store.getAllObjects()).containsExactlyInAnyOrderElementsOf(nodeAll);
        assertThat(store.count()).isEqualTo(3);
        try (Stream<ObjectNode> objects = store.streamObjects()) {
            assertThat(objects.toList()).containsExactlyInAnyOrderElementsOf(nodeAll);
        }

        List<String> history = store.getRevisions("counter");
        try (Stream<Path> files = Files.list(directory.resolve("counter"))) {
            assertThat(history)
                    .as("Java's history: the files node wrote, in alphanum order")
                    .isEqualTo(files.map(file -> file.getFileName().toString())
                            .sorted(AlphanumComparator.INSTANCE)
                            .toList());
        }
        assertThat(history)
                .hasSize(12)
                .last()
                .isEqualTo(nodeReads.get("objects").get("counter").get("_rev").asString());
        assertThat(store.getConflicts("counter")).isEmpty();
    }

    @Test
    void javaAndNodeWriteOnTopOfEachOther(@TempDir Path directory) {
        NodeInterop.runJson("node-writes-store.js", List.of(), directory.toString());
        ObjectStore store = ObjectStore.open(directory);
        NodeStore node = new NodeStore(directory);

        ObjectNode counter = store.getObject("counter");
        ObjectNode javaUpdate = store.updateObjectIfCurrent(counter.deepCopy().put("value", 12));
        assertThat(javaUpdate.get("_rev").asString()).startsWith("12-");
        assertThat(node.getObject("counter")).isEqualTo(javaUpdate);

        node.updateObject(node.getObject("counter").put("value", 13));
        ObjectNode afterNode = store.getObject("counter");
        assertThat(afterNode.get("value").asInt()).isEqualTo(13);
        assertThat(afterNode.get("_rev").asString()).startsWith("13-");
        assertThat(afterNode).isEqualTo(node.getObject("counter"));

        assertThatThrownBy(() -> store.createObject(json("""
                {"_id": "plain"}"""))).isInstanceOf(ObjectAlreadyExistsException.class);
        store.createObject(json("""
                {"_id": "from-java"}"""));
        Outcome nodeCreate = node.call("createObject", json("""
                {"_id": "from-java"}"""));
        assertThat(nodeCreate.ok()).isFalse();
        assertThat(nodeCreate.error()).startsWith("OBJECT_ALREADY_EXISTS");
    }

    // ---- conflicts ----------------------------------------------------------------------------------------

    @Test
    void conflictsMadeInJavaLookTheSameToNode(@TempDir Path directory) {
        ObjectStore store = ObjectStore.open(directory);
        ObjectNode base = store.createObject(json("""
                {"_id": "doc", "value": "base"}"""));
        ObjectNode latest = null;
        for (String value : List.of("left", "right", "middle")) { // three updates from revision 0
            latest = store.updateObject(base.deepCopy().put("value", value));
        }
        for (int i = 2; i <= 9; i++) {
            latest = store.updateObject(store.getObject("doc").put("value", "step " + i));
        }
        ObjectNode nine = latest;
        store.updateObject(nine.deepCopy().put("value", "ten a")); // two updates from revision 9
        store.updateObject(nine.deepCopy().put("value", "ten b"));

        List<List<String>> javaConflicts = store.getConflicts("doc");
        assertThat(javaConflicts).hasSize(2);
        assertThat(javaConflicts.get(0)).hasSize(3).allMatch(rev -> rev.startsWith("1-"));
        assertThat(javaConflicts.get(1)).hasSize(2).allMatch(rev -> rev.startsWith("10-"));

        NodeStore node = new NodeStore(directory);
        assertThat(node.getConflicts("doc")).isEqualTo(javaConflicts);
        assertThat(node.getObject("doc")).isEqualTo(store.getObject("doc"));
        assertThat(node.getObject("doc").get("_rev").asString())
                .isEqualTo(javaConflicts.get(1).get(1));
    }

    @Test
    void conflictsMadeInNodeLookTheSameToJava(@TempDir Path directory) {
        NodeStore node = new NodeStore(directory);
        node.createObject(json("""
                {"_id": "doc", "value": "base"}"""));
        ObjectNode base = node.getObject("doc");
        List<Outcome> updates = node.calls( // two updates from revision 0, as two Node.js apps would make them
                Call.of("updateObject", base.deepCopy().put("value", "left")),
                Call.of("updateObject", base.deepCopy().put("value", "right")));
        assertThat(updates).allMatch(Outcome::ok);

        List<List<String>> nodeConflicts = node.getConflicts("doc");
        ObjectStore store = ObjectStore.open(directory);
        assertThat(nodeConflicts).hasSize(1);
        assertThat(nodeConflicts.get(0)).hasSize(2);
        assertThat(store.getConflicts("doc")).isEqualTo(nodeConflicts);
        assertThat(store.getObject("doc")).isEqualTo(node.getObject("doc"));
        assertThat(store.getRevisions("doc"))
                .last()
                .isEqualTo(nodeConflicts.get(0).get(1));
    }

    @Test
    void conflictResolvedInJavaIsResolvedForNode(@TempDir Path directory) {
        ObjectStore store = ObjectStore.open(directory);
        ObjectNode base = store.createObject(json("""
                {"_id": "doc", "value": "base"}"""));
        store.updateObject(base.deepCopy().put("value", "left"));
        store.updateObject(base.deepCopy().put("value", "right"));
        List<String> group = store.getConflicts("doc").get(0);
        String loser = group.get(0); // the winner is the last of the group

        ObjectNode resolved = store.resolveConflict("doc", loser);

        NodeStore node = new NodeStore(directory);
        assertThat(resolved.get("_rev").asString()).isEqualTo(loser);
        assertThat(node.getObject("doc")).isEqualTo(resolved);
        assertThat(node.getConflicts("doc")).isEmpty();
        assertObjectDirectoriesHoldOnlyRevisionFiles(directory);
    }

    // ---- deletes ------------------------------------------------------------------------------------------

    /**
     * The original deletes by removing the directory and knows nothing of tombstones, so to a Node.js reader an
     * object deleted by Java is still there: its winner is the tombstone, {@code {"_deleted": true}} with
     * {@code _id} and {@code _rev}; the original cannot create it again either (its directory exists).
     */
    @Test
    void nodeSeesObjectDeletedByJavaAsItsTombstone(@TempDir Path directory) {
        ObjectStore store = ObjectStore.open(directory);
        store.createObject(json("""
                {"_id": "doc", "value": 1}"""));
        store.createObject(json("""
                {"_id": "other", "value": 2}"""));
        String tombstone = store.deleteObject("doc");

        NodeStore node = new NodeStore(directory);
        ObjectNode expected = json("""
                {"_id": "doc", "_rev": "%s", "_deleted": true}""".formatted(tombstone));
        assertThat(node.getObject("doc")).isEqualTo(expected);
        assertThat(node.getAllObjects()).containsExactlyInAnyOrder(expected, store.getObject("other"));
        Outcome create = node.call("createObject", json("""
                {"_id": "doc", "value": 3}"""));
        assertThat(create.ok()).isFalse();
        assertThat(create.error()).startsWith("OBJECT_ALREADY_EXISTS");
        assertThat(store.exists("doc")).isFalse();
    }

    /**
     * The original's upsert merges into whatever wins, here the tombstone, so the {@code _deleted} flag is
     * carried into the new revision: an object deleted by Java stays deleted after a Node.js upsert.
     */
    @Test
    void nodeUpsertOverJavaTombstoneKeepsObjectDeleted(@TempDir Path directory) {
        ObjectStore store = ObjectStore.open(directory);
        store.createObject(json("""
                {"_id": "doc", "value": 1}"""));
        store.deleteObject("doc");

        NodeStore node = new NodeStore(directory);
        node.upsertObject(json("""
                {"_id": "doc", "value": 2}"""));

        ObjectNode nodeView = node.getObject("doc");
        assertThat(nodeView.get("_deleted").asBoolean()).isTrue();
        assertThat(nodeView.get("value").asInt()).isEqualTo(2);
        assertThat(nodeView.get("_rev").asString()).startsWith("2-");
        assertThat(store.findObject("doc")).isEmpty();
        assertThat(store.getRevisions("doc"))
                .last()
                .isEqualTo(nodeView.get("_rev").asString());
    }

    @Test
    void objectRecreatedByJavaAfterDeleteIsLiveForNode(@TempDir Path directory) {
        ObjectStore store = ObjectStore.open(directory);
        store.createObject(json("""
                {"_id": "doc", "value": 1}"""));
        store.deleteObject("doc");
        ObjectNode revived = store.createObject(json("""
                {"_id": "doc", "value": 2}"""));

        NodeStore node = new NodeStore(directory);
        assertThat(revived.get("_rev").asString()).startsWith("2-");
        assertThat(node.getObject("doc")).isEqualTo(revived);
        assertThat(node.getObject("doc").has("_deleted")).isFalse();
    }

    @Test
    void objectDeletedByNodeIsNotFoundInJava(@TempDir Path directory) {
        ObjectStore store = ObjectStore.open(directory);
        ObjectNode doc = store.createObject(json("""
                {"_id": "doc", "value": 1}"""));
        store.updateObject(doc.deepCopy().put("value", 2));
        store.createObject(json("""
                {"_id": "other", "value": 3}"""));

        NodeStore node = new NodeStore(directory);
        node.deleteObject("doc");

        assertThatThrownBy(() -> store.getObject("doc"))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("doc");
        assertThat(store.findObject("doc")).isEmpty();
        assertThat(store.exists("doc")).isFalse();
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.getAllObjects()).containsExactly(store.getObject("other"));

        ObjectNode recreated = store.createObject(json("""
                {"_id": "doc", "value": 4}"""));
        assertThat(recreated.get("_rev").asString()).startsWith("0-");
        assertThat(node.getObject("doc")).isEqualTo(recreated);
    }

    // ---- concurrent readers -------------------------------------------------------------------------------

    /**
     * A Node.js process reads an object in a tight loop while Java updates it with 64 KiB revisions: every read
     * must parse (Java publishes each revision with one atomic rename), carry the payload whole, hold the
     * counter of the revision it was read from, and revisions may only move forward.
     */
    @Test
    void nodeReaderNeverSeesPartialRevisionWhileJavaUpdates(@TempDir Path directory) {
        int payloadLength = 64 * 1024;
        int updates = 300;
        String payload = "x".repeat(payloadLength);
        ObjectStore store = ObjectStore.open(directory);
        ObjectNode current = store.createObject(json("""
                {"_id": "doc", "counter": 0}""").put("payload", payload));

        NodeProcess reader = NodeInterop.start(
                "read-while-java-updates.js", directory.toString(), "doc", String.valueOf(payloadLength));
        JsonNode summary;
        try {
            assertThat(reader.awaitLine(READER_TIMEOUT)).isEqualTo("ready");
            for (int i = 1; i <= updates; i++) {
                current = store.updateObject(current.deepCopy().put("counter", i));
            }
            reader.closeStdin();
            summary = NodeInterop.JSON.readTree(reader.awaitLine(READER_TIMEOUT));
            reader.awaitExit(READER_TIMEOUT).requireSuccess();
        } finally {
            reader.destroy();
        }

        assertThat(summary.get("errorCount").asInt())
                .as("node's failed reads: %s", summary.get("errors"))
                .isZero();
        assertThat(summary.get("incomplete"))
                .as("node's reads of a wrong or incomplete object")
                .isEmpty();
        assertThat(summary.get("backwards"))
                .as("node's reads that went back to an older revision")
                .isEmpty();
        assertThat(summary.get("revisionsSeen").asInt())
                .as("revisions node saw while Java wrote (%s)", summary)
                .isGreaterThan(1);
    }

    /**
     * A Node.js process reads objects while Java creates them: each is absent (the original fails with ENOENT)
     * or complete, never an empty directory (the original's EMPTY_OBJECT_DIRECTORY) nor an empty file.
     */
    @Test
    void nodeReaderSeesObjectsJavaCreatesAbsentOrComplete(@TempDir Path directory) {
        int payloadLength = 16 * 1024;
        int objects = 300;
        String payload = "y".repeat(payloadLength);
        ObjectStore store = ObjectStore.open(directory);

        NodeProcess reader = NodeInterop.start(
                "read-while-java-creates.js",
                directory.toString(),
                "obj-",
                String.valueOf(objects),
                String.valueOf(payloadLength));
        JsonNode summary;
        try {
            assertThat(reader.awaitLine(READER_TIMEOUT)).isEqualTo("ready");
            for (int i = 0; i < objects; i++) {
                store.createObject(json("""
                        {"_id": "obj-%d"}""".formatted(i)).put("payload", payload));
            }
            reader.closeStdin();
            summary = NodeInterop.JSON.readTree(reader.awaitLine(READER_TIMEOUT));
            reader.awaitExit(READER_TIMEOUT).requireSuccess();
        } finally {
            reader.destroy();
        }

        assertThat(summary.get("errorCount").asInt())
                .as("node's failed reads: %s", summary.get("errors"))
                .isZero();
        assertThat(summary.get("incomplete"))
                .as("node's reads of an incomplete object")
                .isEmpty();
        assertThat(summary.get("finalPresent").asInt())
                .as("objects node finds at the end")
                .isEqualTo(objects);
        assertThat(summary.get("finalListed").asInt())
                .as("objects node lists at the end")
                .isEqualTo(objects);
        assertThat(summary.get("absent").asInt())
                .as("reads before creation (%s)", summary)
                .isPositive();
        assertThat(summary.get("present").asInt())
                .as("reads after creation (%s)", summary)
                .isGreaterThan(objects);
    }

    // ---- ids ----------------------------------------------------------------------------------------------

    /**
     * Only plain ids are stored under their own name; any other id is stored under its percent-encoded name
     * ({@link ObjectIds#encode(String)}), which is all the original can know it by.
     */
    @Test
    void encodedIdIsNotVisibleToNodeUnderItsPlainId(@TempDir Path directory) {
        String id = "a b";
        assertThat(ObjectIds.isPlain(id)).isFalse();
        ObjectStore store = ObjectStore.open(directory);
        store.createObject(json("""
                {"_id": "a b", "value": 1}"""));
        store.createObject(json("""
                {"_id": "plain", "value": 2}"""));

        NodeStore node = new NodeStore(directory);
        Outcome read = node.call("getObject", id);
        assertThat(read.ok()).isFalse();
        assertThat(read.code()).isEqualTo("ENOENT");
        assertThat(node.getAllObjects())
                .extracting(object -> object.get("_id").asString())
                .containsExactlyInAnyOrder(ObjectIds.encode(id), "plain")
                .doesNotContain(id);
        assertThat(store.getObject(id).get("value").asInt()).isEqualTo(1);
    }

    /**
     * The reverse direction: the original uses any id as the directory name. Java reads a directory name through
     * {@link ObjectIds#decode(String)}: a name that is not one Java would give an id is skipped (documented
     * there), so a Node.js object whose id is not plain, such as {@code hello world}, is invisible to Java, while
     * a name in Java's encoding is read as the id it encodes.
     */
    @Test
    void nodeObjectsWithNonPlainIdsAreReadThroughJavasIdEncoding(@TempDir Path directory) {
        NodeStore node = new NodeStore(directory);
        node.createObject(json("""
                {"_id": "hello world", "value": 1}"""));
        node.createObject(json("""
                {"_id": "a%20b", "value": 2}"""));
        node.createObject(json("""
                {"_id": "plain", "value": 3}"""));

        ObjectStore store = ObjectStore.open(directory);
        assertThat(ObjectIds.decode("hello world")).isNull();
        assertThat(ObjectIds.decode("a%20b")).isEqualTo("a b");
        assertThat(store.getAllObjects())
                .extracting(object -> object.get("_id").asString())
                .containsExactlyInAnyOrder("a b", "plain");
        assertThat(store.count()).isEqualTo(2);
        assertThat(store.findObject("hello world")).isEmpty();
        assertThat(store.getObject("a b").get("value").asInt()).isEqualTo(2);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static ObjectNode json(String text) {
        return (ObjectNode) NodeInterop.JSON.readTree(text);
    }

    private static List<ObjectNode> objects(JsonNode array) {
        return array.valueStream().map(ObjectNode.class::cast).toList();
    }

    /** The original elects any file of an object directory, so nothing but revision files may ever be there. */
    private static void assertObjectDirectoriesHoldOnlyRevisionFiles(Path store) {
        try (Stream<Path> entries = Files.list(store)) {
            for (Path entry : entries.filter(e -> !e.getFileName().toString().startsWith("."))
                    .toList()) {
                try (Stream<Path> files = Files.list(entry)) {
                    assertThat(files.map(file -> file.getFileName().toString()))
                            .as("files in %s", entry)
                            .isNotEmpty()
                            .allMatch(RevisionName::isValid);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("Cannot list " + store, e);
        }
    }
}
