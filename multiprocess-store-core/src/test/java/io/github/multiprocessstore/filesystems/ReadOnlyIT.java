package io.github.multiprocessstore.filesystems;

import static io.github.multiprocessstore.filesystems.DiskFullIT.names;
import static io.github.multiprocessstore.filesystems.DiskFullIT.object;
import static io.github.multiprocessstore.filesystems.DiskFullIT.objectFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.FileSystemReadOnlyException;
import io.github.multiprocessstore.ObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * The store's file system remounted read-only (as after an I/O error): reads keep working, every write fails with
 * a {@link FileSystemReadOnlyException} that says so and names the store, and after a remount read-write the same
 * store instance writes again.
 */
@Tag("filesystems")
class ReadOnlyIT {

    @TempDir
    Path temp;

    private final Mounts mounts = new Mounts();

    @BeforeAll
    static void canMount() {
        HostTools.assumeRoot();
        HostTools.assumeTools("mount", "umount");
    }

    @AfterEach
    void unmount() {
        mounts.close();
    }

    @Test
    void readsWorkWritesFailClearlyAndTheSameStoreWritesAfterARemountReadWrite() throws Exception {
        Path mount = mounts.tmpfs(temp.resolve("mnt"), "size=8m");
        Path directory = mount.resolve("store");
        // The journal keeps its segment open for writing, and Linux refuses `mount -o remount,ro` (EBUSY) while a
        // file is open for writing; a kernel that remounts read-only after an error does not ask. Off here, so that
        // the test can remount the way an administrator would.
        try (ObjectStore store =
                ObjectStore.builder(directory).changeJournal(false).build()) {
            Map<String, ObjectNode> prepared = new LinkedHashMap<>();
            prepared.put("plain", store.createObject(object("plain", "0")));
            ObjectNode base = store.createObject(object("conflicted", "0"));
            ObjectNode rival = store.updateObject(base.deepCopy().put("v", "1a"));
            store.updateObject(base.deepCopy().put("v", "1b"));
            Map<String, List<String>> filesBefore = objectFiles(directory);
            ObjectNode plain = store.getObject("plain");

            Mounts.remount(mount, true);
            try {
                assertThat(store.getObject("plain")).isEqualTo(plain);
                assertThat(store.getAllObjects()).hasSize(2);
                assertThat(store.getConflicts("conflicted")).hasSize(1);

                Map<String, Function<ObjectStore, Object>> writes = DiskFullIT.writes(prepared);
                writes.put(
                        "resolve-choosing",
                        s -> s.resolveConflict("conflicted", rival.get("_rev").asString()));
                List<String> problems = new ArrayList<>();
                for (Map.Entry<String, Function<ObjectStore, Object>> write : writes.entrySet()) {
                    try {
                        write.getValue().apply(store);
                        problems.add(write.getKey() + " succeeded on a read-only file system");
                    } catch (FileSystemReadOnlyException e) {
                        assertThat(e.getMessage()).as(write.getKey()).contains("read-only", directory.toString());
                    } catch (RuntimeException e) {
                        problems.add(write.getKey() + " failed with " + e);
                    }
                }
                assertThat(problems).isEmpty();
                assertThat(objectFiles(directory)).isEqualTo(filesBefore);
            } finally {
                Mounts.remount(mount, false);
            }

            store.createObject(object("after", "rw"));
            store.updateObjectAtomically("plain", doc -> doc.put("v", "rw"));
            store.resolveConflict("conflicted", rival.get("_rev").asString());
            assertThat(store.getObject("plain").get("v").asString()).isEqualTo("rw");
            assertThat(store.getConflicts("conflicted")).isEmpty();
            assertThat(names(directory.resolve(".mpstore/tmp"))).isEmpty();
        }
    }
}
