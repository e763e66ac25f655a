package io.github.multiprocessstore;

import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** The parsed-revision cache never hides a newer winner, and it is what it claims to be. */
class ReadCacheTests {

    @TempDir
    Path directory;

    @Test
    void aRevisionWrittenByAnotherStoreInstanceIsSeenAtTheNextRead() {
        ObjectStore reader = ObjectStore.open(directory);
        ObjectStore writer = ObjectStore.open(directory);
        ObjectNode created = writer.createObject(object("doc", "n", 1));
        assertThat(reader.getObject("doc").get("n").asInt()).isEqualTo(1);

        ObjectNode updated = writer.updateObject(created.deepCopy().put("n", 2));

        assertThat(reader.getObject("doc")).isEqualTo(updated);
        writer.deleteObject("doc");
        assertThat(reader.findObject("doc")).isEmpty();
    }

    @Test
    void returnedObjectsAreCopiesSoChangingThemDoesNotChangeTheNextRead() {
        ObjectStore store = ObjectStore.open(directory);
        store.createObject(object("doc", "n", 1));

        store.getObject("doc").put("n", 99);

        assertThat(store.getObject("doc").get("n").asInt()).isEqualTo(1);
    }

    @Test
    void theCacheServesAnAlreadyReadRevisionWithoutReadingItsFileAgain() throws Exception {
        ObjectStore cached = ObjectStore.open(directory);
        ObjectStore uncached = ObjectStore.builder(directory).readCacheBytes(0).build();
        String rev = cached.createObject(object("doc", "n", 1)).get("_rev").asString();
        cached.getObject("doc");

        // Never done by the store (revision files are immutable); here it reveals which reads touch the file.
        Files.writeString(directory.resolve("doc").resolve(rev), "{\"n\":2}");

        assertThat(cached.getObject("doc").get("n").asInt()).isEqualTo(1);
        assertThat(uncached.getObject("doc").get("n").asInt()).isEqualTo(2);
    }

    @Test
    void aCreatedObjectIsReadBackWithoutReadingItsFile() throws Exception {
        ObjectStore store = ObjectStore.open(directory);
        ObjectNode created = store.createObject(object("doc", "n", 1));
        String rev = created.get("_rev").asString();
        created.put("n", 99); // the caller's copy, not the cache's

        Files.writeString(directory.resolve("doc").resolve(rev), "{\"n\":2}");

        assertThat(store.getObject("doc").get("n").asInt()).isEqualTo(1);
    }

    @Test
    void aNegativeCacheBudgetIsRejected() {
        assertThatThrownBy(() -> ObjectStore.builder(directory).readCacheBytes(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("readCacheBytes");
    }
}
