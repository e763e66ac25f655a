package io.github.multiprocessstore.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ObjectStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The README's replication example makes two stores converge and compacts the local one as it says. */
class ReplicateAndCompactTests {

    @TempDir
    Path temp;

    @Test
    void afterBothDirectionsEachStoreHoldsEveryObjectAndTheLocalOneKeepsFiveRevisions() {
        Path peer = temp.resolve("peer");
        Path local = temp.resolve("local");
        try (ObjectStore peerStore = ObjectStore.open(peer);
                ObjectStore localStore = ObjectStore.open(local)) {
            peerStore.createObject(profile("bob"));
            ObjectNode alice = localStore.createObject(profile("alice"));
            for (int i = 1; i <= 9; i++) {
                alice = localStore.updateObjectIfCurrent(alice.put("visits", i));
            }

            ReplicateAndCompact.run(peer, local);

            assertThat(localStore.exists("bob")).isTrue();
            assertThat(peerStore.getObject("alice")).isEqualTo(localStore.getObject("alice"));
            assertThat(localStore.getRevisions("alice")).hasSize(5);
            assertThat(peerStore.getRevisions("alice")).hasSize(10);
        }
    }

    private static ObjectNode profile(String id) {
        return JsonNodeFactory.instance.objectNode().put("_id", id);
    }
}
