package io.github.multiprocessstore.filesystems;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.DiskFullException;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreIOException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A full file system, out of space ({@code tmpfs size=}) or out of inodes ({@code tmpfs nr_inodes=}): every write
 * that needs room fails with a {@link DiskFullException} saying the disk is full and naming the store, no partial
 * revision becomes visible, no temp file stays behind, every earlier revision reads as before, and once room is
 * freed the same store instance writes again.
 */
@Tag("filesystems")
class DiskFullIT {

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

    /** Every kind of write, each on objects prepared before the disk filled up. */
    static Map<String, Function<ObjectStore, Object>> writes(Map<String, ObjectNode> prepared) {
        Map<String, Function<ObjectStore, Object>> writes = new LinkedHashMap<>();
        writes.put("create", store -> store.createObject(object("new", "v")));
        writes.put(
                "update",
                store -> store.updateObject(prepared.get("plain").deepCopy().put("v", "u")));
        writes.put(
                "update-strict",
                store -> store.updateObjectIfCurrent(
                        prepared.get("plain").deepCopy().put("v", "s")));
        writes.put("update-atomic", store -> store.updateObjectAtomically("plain", doc -> doc.put("v", "a")));
        writes.put("upsert-existing", store -> store.upsertObject(object("plain", "m")));
        writes.put("upsert-new", store -> store.upsertObject(object("new-upserted", "m")));
        writes.put("delete", store -> store.deleteObject("plain"));
        writes.put(
                "resolve-merging",
                store -> store.resolveConflict(store.getObject("conflicted").put("v", "r")));
        return writes;
    }

    @ParameterizedTest(name = "tmpfs {0}")
    @ValueSource(strings = {"size=2m", "nr_inodes=64"})
    void everyWriteFailsClearlyNothingPartialStaysAndTheSameStoreWritesOnceRoomIsFreed(String limit) throws Exception {
        Path mount = mounts.tmpfs(temp.resolve("mnt"), limit + ",mode=0755");
        Path directory = mount.resolve("store");
        try (ObjectStore store = ObjectStore.builder(directory).build()) {
            Map<String, ObjectNode> prepared = new LinkedHashMap<>();
            prepared.put("plain", store.createObject(object("plain", "0")));
            ObjectNode base = store.createObject(object("conflicted", "0"));
            store.updateObject(base.deepCopy().put("v", "1a"));
            store.updateObject(base.deepCopy().put("v", "1b"));
            Map<String, List<String>> filesBefore = objectFiles(directory);
            Map<String, ObjectNode> readBefore = readAll(store);

            Path filler = mount.resolve("filler");
            fill(filler, limit.startsWith("size"));

            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, Function<ObjectStore, Object>> write :
                    writes(prepared).entrySet()) {
                try {
                    write.getValue().apply(store);
                    problems.add(write.getKey() + " succeeded on a full file system");
                } catch (DiskFullException e) {
                    assertThat(e.getMessage()).as(write.getKey()).contains("the disk is full", directory.toString());
                    assertThat(e.store()).isEqualTo(directory);
                } catch (StoreIOException e) {
                    problems.add(write.getKey() + " failed with a plain StoreIOException: " + e.getMessage());
                }
                assertThat(objectFiles(directory))
                        .as("files after a failed " + write.getKey())
                        .isEqualTo(filesBefore);
                assertThat(names(directory.resolve(".mpstore/tmp")))
                        .as("temp files after a failed " + write.getKey())
                        .isEmpty();
            }
            assertThat(problems).isEmpty();
            assertThat(readAll(store)).isEqualTo(readBefore);

            free(filler);

            for (Map.Entry<String, Function<ObjectStore, Object>> write :
                    writes(prepared).entrySet()) {
                if (!write.getKey().equals("update-strict")) { // its revision is no longer current after "update"
                    write.getValue().apply(store);
                }
            }
            assertThat(store.findObject("new")).isPresent();
            assertThat(store.findObject("plain")).isEmpty();
            assertThat(store.getConflicts("conflicted")).isEmpty();
        }
    }

    /** Fills the file system: with bytes until no block is left, or with empty files until no inode is left. */
    private static void fill(Path filler, boolean bytes) throws IOException {
        if (bytes) {
            byte[] block = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(filler)) {
                while (true) {
                    out.write(block);
                }
            } catch (IOException full) {
                if (!String.valueOf(full.getMessage()).contains("No space left")) {
                    throw full;
                }
            }
            return;
        }
        Files.createDirectory(filler);
        for (int i = 0; ; i++) {
            try {
                Files.createFile(filler.resolve("f" + i));
            } catch (FileSystemException full) {
                if (!String.valueOf(full.getReason()).contains("No space left")) {
                    throw full;
                }
                return;
            }
        }
    }

    private static void free(Path filler) throws IOException {
        if (Files.isDirectory(filler)) {
            try (Stream<Path> files = Files.list(filler)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.delete(filler);
    }

    private static Map<String, ObjectNode> readAll(ObjectStore store) {
        Map<String, ObjectNode> read = new LinkedHashMap<>();
        for (String id : List.of("plain", "conflicted")) {
            read.put(id, store.getObject(id));
            for (String revision : store.getRevisions(id)) {
                read.put(id + "@" + revision, store.getRevision(id, revision));
            }
        }
        return read;
    }

    /** Every object directory's files (the engine's area left out). */
    static Map<String, List<String>> objectFiles(Path directory) throws IOException {
        Map<String, List<String>> files = new LinkedHashMap<>();
        for (String name : names(directory)) {
            if (!name.startsWith(".")) {
                files.put(name, names(directory.resolve(name)));
            }
        }
        return files;
    }

    static List<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    static ObjectNode object(String id, String value) {
        return JsonNodeFactory.instance.objectNode().put("_id", id).put("v", value);
    }
}
