package io.github.multiprocessstore.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ObjectStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The README's change-feed example reads the feed, resumes from a stored token and evicts what another write changed. */
class ChangeFeedExampleTests {

    @TempDir
    Path directory;

    @Test
    void followsTheFeedAndEvictsTheChangedObject() throws Exception {
        try (ObjectStore store = ObjectStore.builder(directory).durable(false).build()) {
            store.createObject(JsonNodeFactory.instance.objectNode().put("_id", "alice"));
            Map<String, ObjectNode> cache = new ConcurrentHashMap<>();
            cache.put("alice", store.getObject("alice"));

            String stored = ChangeFeedExample.follow(store, cache);

            assertThat(stored).isNotEqualTo("0");
            assertThat(cache).doesNotContainKey("alice");
        }
    }
}
