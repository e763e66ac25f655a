package io.github.multiprocessstore;

import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class MergedResolutionTests {

    @TempDir
    Path directory;

    @Test
    void mergedVersionWinsAndEveryConflictGroupKeepsOnlyTheElectedRevision() throws Exception {
        ObjectStore store = ObjectStore.open(directory);
        ObjectNode base = store.createObject(object("doc", "a", 1));
        String first =
                store.updateObject(base.deepCopy().put("a", 2)).get("_rev").asString();
        String second =
                store.updateObject(base.deepCopy().put("a", 3)).get("_rev").asString();
        ObjectNode winner = store.getObject("doc");
        String loser = winner.get("_rev").asString().equals(first) ? second : first;

        ObjectNode merged = store.resolveConflict(winner.deepCopy().put("a", 5));

        assertThat(store.getConflicts("doc")).isEmpty();
        assertThat(store.getObject("doc")).isEqualTo(merged);
        assertThat(merged.get("_rev").asString()).startsWith("2-");
        assertThat(merged.get("a").asInt()).isEqualTo(5);
        assertThat(store.getRevisions("doc"))
                .containsExactly(
                        base.get("_rev").asString(),
                        winner.get("_rev").asString(),
                        merged.get("_rev").asString());
        assertThat(Files.exists(directory.resolve(".mpstore/trash/doc").resolve(loser)))
                .isTrue();
    }

    @Test
    void mergeBasedOnARevisionThatNoLongerWinsIsRejectedAndChangesNothing() {
        ObjectStore store = ObjectStore.open(directory);
        ObjectNode base = store.createObject(object("doc", "a", 1));
        store.updateObject(base.deepCopy().put("a", 2));
        store.updateObject(base.deepCopy().put("a", 3));
        List<String> before = store.getRevisions("doc");

        assertThatThrownBy(() -> store.resolveConflict(base.deepCopy().put("a", 5)))
                .isInstanceOf(StaleRevisionException.class)
                .hasMessageContaining("'doc'");

        assertThat(store.getRevisions("doc")).isEqualTo(before);
        assertThat(store.getConflicts("doc")).hasSize(1);
    }

    @Test
    void mergingAnObjectThatDoesNotExistIsNotFound() {
        ObjectStore store = ObjectStore.open(directory);

        assertThatThrownBy(() -> store.resolveConflict(object("ghost", "_rev", "1-" + "a".repeat(32))))
                .isInstanceOf(ObjectNotFoundException.class);
    }
}
