package io.github.multiprocessstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoreFileNames} agrees with the store about directory names and the winner. */
class StoreFileNamesTests {

    @TempDir
    java.nio.file.Path temp;

    @Test
    void directoryNamesAreTheStoresOwn() throws Exception {
        try (ObjectStore store = ObjectStore.builder(temp).durable(false).build()) {
            for (String id : List.of("plain", "a b/..", ".hidden")) {
                store.createObject(TestJson.object(id));
                String name = StoreFileNames.directoryOf(id);
                assertThat(Files.isDirectory(temp.resolve(name))).as(id).isTrue();
                assertThat(StoreFileNames.idOfDirectory(name)).contains(id);
            }
        }
        assertThat(StoreFileNames.idOfDirectory(StoreFileNames.ENGINE_DIRECTORY))
                .isEmpty();
        assertThat(StoreFileNames.idOfDirectory("%zz")).isEmpty();
        assertThat(StoreFileNames.tempDirectory(temp)).isEqualTo(temp.resolve(".mpstore/tmp"));
        assertThatThrownBy(() -> StoreFileNames.directoryOf("")).isInstanceOf(InvalidIdException.class);
    }

    @Test
    void theLastNameInRevisionOrderIsTheWinner() {
        try (ObjectStore store = ObjectStore.builder(temp).durable(false).build()) {
            var doc = store.createObject(TestJson.object("doc"));
            for (int i = 0; i < 11; i++) {
                doc = store.updateObject(doc);
            }
            List<String> names;
            try (Stream<java.nio.file.Path> files = Files.list(temp.resolve("doc"))) {
                names = new ArrayList<>(
                        files.map(f -> f.getFileName().toString()).toList());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            names.sort(StoreFileNames.REVISION_ORDER);
            assertThat(names).isEqualTo(store.getRevisions("doc"));
            assertThat(names.get(names.size() - 1)).isEqualTo(doc.get("_rev").asString());
        }
    }
}
