package io.github.multiprocessstore;

import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoreRoot#collectionsIfRoot(Path)} tells a root of collections from a store, and changes nothing. */
class RootDetectionTests {

    private static final String REV = "0-" + "a".repeat(32);

    @TempDir
    Path temp;

    @Test
    void aRootOfCollectionsNamesItsCollections() {
        Path dir = temp.resolve("root");
        try (StoreRoot root = StoreRoot.open(dir, b -> b.durable(false))) {
            root.collection("profiles").createObject(object("alice"));
            root.collection("notes");
        }
        var before = ReadOnlyStoreTests.snapshot(dir);

        assertThat(StoreRoot.collectionsIfRoot(dir)).contains(java.util.List.of("notes", "profiles"));
        assertThat(ReadOnlyStoreTests.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aRootWrittenByTheOriginalIsARootToo() {
        Path dir = temp.resolve("root");
        TestJson.writeFile(dir.resolve("profiles/alice/" + REV), "{}");

        assertThat(StoreRoot.collectionsIfRoot(dir)).contains(java.util.List.of("profiles"));
    }

    @Test
    void storesAreNotRoots() throws IOException {
        Path javaStore = temp.resolve("java");
        try (ObjectStore store = ObjectStore.open(javaStore)) {
            store.createObject(object("alice"));
        }
        Path nodeStore = temp.resolve("node");
        TestJson.writeFile(nodeStore.resolve("alice/" + REV), "{}");
        Path empty = Files.createDirectory(temp.resolve("empty"));

        assertThat(StoreRoot.collectionsIfRoot(javaStore)).isEmpty();
        assertThat(StoreRoot.collectionsIfRoot(nodeStore)).isEmpty();
        assertThat(StoreRoot.collectionsIfRoot(empty)).isEmpty();
        assertThat(StoreRoot.collectionsIfRoot(temp.resolve("missing"))).isEmpty();
        assertThat(temp.resolve("missing")).doesNotExist();
    }
}
