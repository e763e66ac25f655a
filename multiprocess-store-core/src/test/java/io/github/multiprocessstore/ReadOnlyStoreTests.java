package io.github.multiprocessstore;

import static io.github.multiprocessstore.TestJson.object;
import static io.github.multiprocessstore.TestJson.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ObjectStore#openReadOnly(Path)}: reads like a store, changes nothing on disk (compared file by file, with
 * sizes and modification times, before and after), creates nothing, and refuses every write with a typed error.
 */
class ReadOnlyStoreTests {

    @TempDir
    Path temp;

    @Test
    void readsEverythingAWritableStoreReadsAndLeavesTheDiskAsItWas() throws IOException {
        Path dir = temp.resolve("store");
        String conflicted;
        try (ObjectStore store = ObjectStore.builder(dir).durable(false).build()) {
            store.createObject(object("alice", "n", 1));
            ObjectNode bob = store.createObject(object("bob", "n", 1));
            store.updateObject(with(bob, "n", 2));
            conflicted = store.updateObject(with(bob, "n", 3)).get("_rev").asString();
            store.createObject(object("carol"));
            store.deleteObject("carol");
        }
        Path oldTemp = Files.writeString(dir.resolve(".mpstore/tmp/123-crashed.rev"), "{}");
        Files.setLastModifiedTime(oldTemp, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Map<String, String> before = snapshot(dir);

        try (ObjectStore readOnly = ObjectStore.openReadOnly(dir)) {
            assertThat(readOnly.path()).isEqualTo(dir.toAbsolutePath().normalize());
            assertThat(readOnly.getObject("alice").get("n").asInt()).isEqualTo(1);
            assertThat(readOnly.findObject("carol")).isEmpty();
            assertThat(readOnly.exists("bob")).isTrue();
            assertThat(readOnly.getConflicts("bob")).hasSize(1);
            assertThat(readOnly.getAllConflicts()).containsOnlyKeys("bob");
            assertThat(readOnly.getRevisions("bob")).hasSize(3).contains(conflicted);
            assertThat(readOnly.getRevision("bob", conflicted).get("n").asInt()).isEqualTo(3);
            assertThat(readOnly.getAllObjects())
                    .extracting(o -> o.get("_id").asString())
                    .containsExactly("alice", "bob");
            try (Stream<ObjectNode> all = readOnly.streamObjects()) {
                assertThat(all).hasSize(2);
            }
            try (Stream<String> ids = readOnly.streamIds()) {
                assertThat(ids).containsExactlyInAnyOrder("alice", "bob", "carol");
            }
            assertThat(readOnly.count()).isEqualTo(2);
        }

        assertThat(snapshot(dir)).as("no file added, removed or touched").isEqualTo(before);
        assertThat(oldTemp).as("the old temp file a writable open removes").exists();
        ObjectStore.open(dir).close();
        assertThat(oldTemp)
                .as("a writable open removes it, so the check above can fail")
                .doesNotExist();
    }

    @Test
    void createsNothingInAStoreWrittenByTheOriginal() throws IOException {
        Path dir = temp.resolve("node-store");
        TestJson.writeFile(dir.resolve("doc/0-" + "a".repeat(32)), "{\"_id\":\"doc\",\"v\":1}");
        Map<String, String> before = snapshot(dir);

        try (ObjectStore readOnly = ObjectStore.openReadOnly(dir)) {
            assertThat(readOnly.getObject("doc").get("v").asInt()).isEqualTo(1);
            assertThat(readOnly.getAllObjects()).hasSize(1);
        }

        assertThat(snapshot(dir)).isEqualTo(before);
        assertThat(dir.resolve(".mpstore")).as("no engine area, no lock files").doesNotExist();
    }

    @Test
    void everyWriteIsRefusedNamingTheStoreAndTouchesNothing() throws IOException {
        Path dir = temp.resolve("store");
        ObjectNode doc;
        try (ObjectStore store = ObjectStore.open(dir)) {
            doc = store.createObject(object("doc", "n", 1));
        }
        Map<String, String> before = snapshot(dir);
        String rev = doc.get("_rev").asString();

        try (ObjectStore readOnly = ObjectStore.openReadOnly(dir)) {
            List<Consumer<ObjectStore>> writes = List.of(
                    s -> s.createObject(object("new")),
                    s -> s.updateObject(with(doc, "n", 2)),
                    s -> s.updateObjectIfCurrent(with(doc, "n", 2)),
                    s -> s.updateObjectAtomically("doc", o -> o),
                    s -> s.upsertObject(object("doc", "n", 3)),
                    s -> s.deleteObject("doc"),
                    s -> s.resolveConflict("doc", rev),
                    s -> s.resolveConflict(with(doc, "n", 4)));
            for (Consumer<ObjectStore> write : writes) {
                assertThatThrownBy(() -> write.accept(readOnly))
                        .isInstanceOf(ReadOnlyStoreException.class)
                        .isInstanceOf(StoreException.class)
                        .hasMessageContaining(readOnly.path().toString())
                        .hasMessageContaining("read-only");
            }
            assertThatThrownBy(() -> readOnly.deleteObject("doc"))
                    .isInstanceOfSatisfying(
                            ReadOnlyStoreException.class,
                            e -> assertThat(e.id()).contains("doc"));
        }
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aMissingDirectoryIsAnErrorAndIsNotCreated() {
        Path missing = temp.resolve("missing/store");

        assertThatThrownBy(() -> ObjectStore.openReadOnly(missing))
                .isInstanceOf(StoreIOException.class)
                .hasMessageContaining(missing.toString());
        assertThat(temp.resolve("missing")).doesNotExist();
    }

    @Test
    void aFileIsNotAStore() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertThatThrownBy(() -> ObjectStore.openReadOnly(file))
                .isInstanceOf(StoreIOException.class)
                .hasMessageContaining(file.toString());
    }

    /** Every path below a directory with its type, size and modification time. */
    static Map<String, String> snapshot(Path directory) {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.forEach(path -> {
                try {
                    BasicFileAttributes attributes =
                            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    entries.put(
                            directory.relativize(path).toString(),
                            (attributes.isDirectory() ? "d " : "f ") + attributes.size() + " "
                                    + attributes.lastModifiedTime().toMillis());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
