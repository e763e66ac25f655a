package io.github.multiprocessstore.test.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreRoot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** {@link TempStore} parameters: a fresh store per parameter, deleted after the test. */
class TempStoreExtensionTests {

    private static final List<Path> used = new ArrayList<>();

    @Test
    void anObjectStoreIsInjectedAndUsable(@TempStore ObjectStore store) {
        store.createObject(JsonNodeFactory.instance.objectNode().put("_id", "a"));

        assertThat(store.findObject("a")).isPresent();
        assertThat(store.getAllObjects()).hasSize(1);
    }

    @Test
    void twoParametersAreTwoStores(@TempStore StoreRoot first, @TempStore StoreRoot second) {
        first.collection("notes")
                .createObject(JsonNodeFactory.instance.objectNode().put("_id", "a"));

        assertThat(first.path()).isNotEqualTo(second.path());
        assertThat(second.collectionNames()).isEmpty();
        used.add(first.path());
        used.add(second.path());
    }

    @AfterAll
    static void directoriesAreDeletedAfterTheirTest() {
        assertThat(used).isNotEmpty().allSatisfy(path -> assertThat(path).doesNotExist());
    }
}
