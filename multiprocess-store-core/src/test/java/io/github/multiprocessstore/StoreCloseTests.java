package io.github.multiprocessstore;

import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** {@link ObjectStore#close()} and {@link StoreRoot#close()}: what they release, and what happens afterwards. */
class StoreCloseTests {

    private static final Path OPEN_DESCRIPTORS = Path.of("/proc/self/fd");

    @TempDir
    Path temp;

    @Test
    void everyOperationAfterCloseFailsNamingTheStore() {
        ObjectStore store =
                ObjectStore.builder(temp.resolve("s")).durable(false).build();
        ObjectNode doc = store.createObject(object("doc", "n", 1));
        store.close();

        Map<String, Consumer<ObjectStore>> operations = Map.ofEntries(
                Map.entry("create", s -> s.createObject(object("other"))),
                Map.entry("get", s -> s.getObject("doc")),
                Map.entry("find", s -> s.findObject("doc")),
                Map.entry("exists", s -> s.exists("doc")),
                Map.entry("update", s -> s.updateObject(doc)),
                Map.entry("updateIfCurrent", s -> s.updateObjectIfCurrent(doc)),
                Map.entry("updateAtomically", s -> s.updateObjectAtomically("doc", c -> c)),
                Map.entry("upsert", s -> s.upsertObject(object("doc"))),
                Map.entry("delete", s -> s.deleteObject("doc")),
                Map.entry("conflicts", s -> s.getConflicts("doc")),
                Map.entry("allConflicts", ObjectStore::getAllConflicts),
                Map.entry("revisions", s -> s.getRevisions("doc")),
                Map.entry("revision", s -> s.getRevision("doc", doc.get("_rev").asString())),
                Map.entry(
                        "resolve", s -> s.resolveConflict("doc", doc.get("_rev").asString())),
                Map.entry("resolveMerged", s -> s.resolveConflict(doc)),
                Map.entry("getAll", ObjectStore::getAllObjects),
                Map.entry("stream", ObjectStore::streamObjects),
                Map.entry("ids", ObjectStore::streamIds),
                Map.entry("count", ObjectStore::count));
        operations.forEach((name, operation) -> assertThatThrownBy(() -> operation.accept(store))
                .as(name)
                .isInstanceOf(StoreClosedException.class)
                .hasMessageContaining(store.path().toString()));
        assertThat(store.path()).as("the path stays known").isEqualTo(temp.resolve("s"));
    }

    @Test
    void closeIsIdempotentAndLeavesTheFilesAsTheyAre() {
        ObjectStore store = ObjectStore.open(temp.resolve("s"));
        ObjectNode doc = store.createObject(object("doc", "n", 1));
        store.close();
        store.close();

        try (ObjectStore again = ObjectStore.open(temp.resolve("s"))) {
            assertThat(again.getObject("doc")).isEqualTo(doc);
        }
    }

    @Test
    void closingOneStoreLeavesAnotherOnTheSameDirectoryWorking() {
        ObjectStore first = ObjectStore.open(temp.resolve("s"));
        ObjectStore second = ObjectStore.open(temp.resolve("s"));
        ObjectNode doc = first.createObject(object("doc", "n", 1));
        first.updateObjectAtomically("doc", c -> c.put("n", 2));
        first.close();

        ObjectNode current = second.getObject("doc");
        ObjectNode updated = second.updateObjectIfCurrent(current.put("n", 3));
        second.updateObjectAtomically("doc", c -> c.put("n", 4));

        assertThat(updated.get("n").asInt()).isEqualTo(3);
        assertThat(second.getObject("doc").get("n").asInt()).isEqualTo(4);
        assertThat(second.getRevisions("doc"))
                .hasSize(4)
                .startsWith(doc.get("_rev").asString());
        second.close();
    }

    @Test
    void aStoreRootClosesTheStoresOfItsCollections() {
        StoreRoot root = StoreRoot.open(temp.resolve("root"), builder -> builder.durable(false));
        ObjectStore users = root.collection("users");
        users.createObject(object("u1"));
        root.close();

        assertThatThrownBy(() -> users.getObject("u1"))
                .isInstanceOf(StoreClosedException.class)
                .hasMessageContaining(users.path().toString());
        assertThatThrownBy(() -> root.collection("users"))
                .isInstanceOf(StoreClosedException.class)
                .hasMessageContaining(root.path().toString());
        assertThatThrownBy(root::collectionNames).isInstanceOf(StoreClosedException.class);
        root.close();
        try (StoreRoot again = StoreRoot.open(temp.resolve("root"), builder -> {})) {
            assertThat(again.collection("users").exists("u1")).isTrue();
        }
    }

    @Test
    void closeLeavesNoFileDescriptorOfTheStoreOpen() throws IOException {
        assumeTrue(
                Files.isDirectory(OPEN_DESCRIPTORS),
                "skipped: this system has no /proc/self/fd to count the process's open file descriptors");
        // The real path, as /proc shows it (the temp directory may be reached through a symbolic link).
        Path directory = Files.createDirectories(temp.resolve("counted")).toRealPath();
        exercise(temp.resolve("warm-up")); // loads every class (and opens its jar) before counting

        int before = openDescriptors().size();
        List<String> storeBefore = openUnder(directory);
        ObjectStore store = ObjectStore.builder(directory).durable(false).build();
        exercise(store);
        List<String> storeDuring = openUnder(directory);
        int during = openDescriptors().size();
        store.close();
        List<String> storeAfter = openUnder(directory);
        int after = openDescriptors().size();

        // The figures, for the record of the test run.
        System.out.printf(
                "/proc/self/fd: %d before open, %d before close (%d of the store), %d after close (%d of the store)%n",
                before, during, storeDuring.size(), after, storeAfter.size());
        assertThat(storeBefore).isEmpty();
        assertThat(storeDuring)
                .as("the store held lock files open while in use")
                .isNotEmpty();
        assertThat(storeAfter)
                .as("descriptors of the store's files after close")
                .isEmpty();
    }

    private void exercise(Path directory) {
        try (ObjectStore store = ObjectStore.builder(directory).durable(false).build()) {
            exercise(store);
        }
    }

    /** Every kind of operation, including locked writes on many objects (many lock files) and the parallel scans. */
    private static void exercise(ObjectStore store) {
        for (int i = 0; i < 300; i++) {
            String id = "doc-" + i;
            store.createObject(object(id, "n", i));
            store.updateObjectAtomically(id, c -> c.put("n", c.get("n").asInt() + 1));
        }
        ObjectNode base = store.getObject("doc-0");
        store.updateObject(base.deepCopy().put("side", "a"));
        store.updateObject(base.deepCopy().put("side", "b"));
        store.resolveConflict(store.getObject("doc-0"));
        store.upsertObject(object("doc-1", "extra", true));
        store.deleteObject("doc-2");
        assertThat(store.getAllObjects()).hasSize(299);
        assertThat(store.count()).isEqualTo(299);
        try (Stream<ObjectNode> all = store.streamObjects()) {
            assertThat(all.count()).isEqualTo(299);
        }
        assertThat(store.getAllConflicts()).isEmpty();
    }

    private static List<String> openUnder(Path directory) throws IOException {
        List<String> targets = new ArrayList<>();
        for (Path descriptor : openDescriptors()) {
            try {
                Path target = Files.readSymbolicLink(descriptor);
                if (target.startsWith(directory)) {
                    targets.add(target.toString());
                }
            } catch (IOException closedMeanwhile) {
                // the listing's own descriptor, or one another thread closed since
            }
        }
        return targets;
    }

    private static List<Path> openDescriptors() throws IOException {
        try (Stream<Path> descriptors = Files.list(OPEN_DESCRIPTORS)) {
            return descriptors.toList();
        }
    }
}
