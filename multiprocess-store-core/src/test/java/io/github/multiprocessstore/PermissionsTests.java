package io.github.multiprocessstore;

import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessstore.compaction.CompactionPolicy;
import io.github.multiprocessstore.compaction.Compactor;
import io.github.multiprocessstore.replication.ReplicationOptions;
import io.github.multiprocessstore.replication.Replicator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * The store's permissions reach every file and directory it creates, whatever the umask: through every kind of
 * write, retirement records, replication into it and its compaction; and without permissions nothing changes.
 * The modes are read from disk.
 */
class PermissionsTests {

    private static final StorePermissions PRIVATE = StorePermissions.of("rw-------", "rwx------");
    /** Wider than a usual umask (022) lets through: proves the modes are set, not merely masked. */
    private static final StorePermissions GROUP_WRITABLE = StorePermissions.of("rw-rw----", "rwxrwx---");

    @TempDir
    Path temp;

    private Path directory;

    @BeforeEach
    void paths() {
        directory = temp.resolve("store");
    }

    private ObjectStore open(StorePermissions permissions) {
        return ObjectStore.builder(directory).permissions(permissions).build();
    }

    @Test
    void everyFileAndDirectoryAStoreCreatesGetsItsPermissions() {
        try (ObjectStore store = open(GROUP_WRITABLE)) {
            writeOneOfEachKind(store);
        }

        assertEveryEntryUnder(directory, "rw-rw----", "rwxrwx---");
    }

    @Test
    void privatePermissionsLeaveNothingReadableByOthers() {
        try (ObjectStore store = open(PRIVATE)) {
            writeOneOfEachKind(store);
        }

        assertEveryEntryUnder(directory, "rw-------", "rwx------");
    }

    @Test
    void replicationIntoAStoreAndItsCompactionCreateWithItsPermissions() {
        Path source = temp.resolve("source");
        try (ObjectStore peer = ObjectStore.builder(source).durable(false).build()) {
            writeOneOfEachKind(peer);
        }

        Replicator.replicate(source, directory, ReplicationOptions.defaults().withPermissions(PRIVATE));
        try (ObjectStore store =
                ObjectStore.builder(directory).permissions(PRIVATE).build()) {
            ObjectNode doc = store.createObject(object("compacted", "n", 1));
            store.updateObject(TestJson.with(doc, "n", 2));
        }
        Compactor.compact(
                directory,
                CompactionPolicy.defaults()
                        .withTrashContentRetention(java.time.Duration.ZERO)
                        .withPermissions(PRIVATE));

        assertEveryEntryUnder(directory, "rw-------", "rwx------");
    }

    @Test
    void withoutPermissionsTheUmaskDecidesAsBefore() throws IOException {
        try (ObjectStore store = ObjectStore.builder(directory).build()) {
            store.createObject(object("plain"));
        }
        Path probe = Files.createFile(temp.resolve("probe"));

        Path revision;
        try (Stream<Path> files = Files.list(directory.resolve("plain"))) {
            revision = files.findFirst().orElseThrow();
        }
        assertThat(mode(revision)).isEqualTo(mode(probe));
    }

    @Test
    void permissionsMustBePosixStringsThatLetTheOwnerWork() {
        assertThatThrownBy(() -> StorePermissions.of("rw-r--r", null))
                .hasMessageContaining("'rw-r--r'")
                .hasMessageContaining("nine POSIX characters");
        assertThatThrownBy(() -> StorePermissions.of(null, "rw-------"))
                .hasMessageContaining("must give the owner rwx");
        assertThatThrownBy(() -> StorePermissions.of("r--------", null)).hasMessageContaining("must give the owner rw");
        assertThat(StorePermissions.of(" ", null)).isEqualTo(StorePermissions.umask());
        assertThat(StorePermissions.of("rw-------", null).files())
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }

    /** Creates, updates (plain, strict, atomic), upserts, deletes, a conflict and its resolution, a history limit. */
    static void writeOneOfEachKind(ObjectStore store) {
        ObjectNode doc = store.createObject(object("doc", "n", 0));
        ObjectNode a = store.updateObject(TestJson.with(doc, "n", 1));
        store.updateObject(TestJson.with(doc, "n", 2)); // a conflict with a
        store.resolveConflict("doc", a.get("_rev").asString()); // a retirement record
        store.updateObjectIfCurrent(TestJson.with(store.getObject("doc"), "n", 3));
        store.updateObjectAtomically("doc", d -> d.put("n", 4));
        store.upsertObject(object("upserted", "n", 1));
        store.createObject(object("deleted"));
        store.deleteObject("deleted");
    }

    static void assertEveryEntryUnder(Path root, String fileMode, String directoryMode) {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> entries = Files.walk(root)) {
            entries.filter(path -> !path.equals(root)).forEach(path -> {
                String expected = Files.isDirectory(path) ? directoryMode : fileMode;
                if (!mode(path).equals(expected)) {
                    wrong.add(root.relativize(path) + " is " + mode(path));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(wrong).as("entries without the store's permissions").isEmpty();
        assertThat(root.resolve(".mpstore/locks")).isDirectory();
        assertThat(root.resolve(".mpstore/trash")).isDirectory();
    }

    static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
