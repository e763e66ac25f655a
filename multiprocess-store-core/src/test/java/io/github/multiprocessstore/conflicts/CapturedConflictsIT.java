package io.github.multiprocessstore.conflicts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ChildJvm;
import io.github.multiprocessstore.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The captured rule never loses a revision's data to a writer in another process: two JVMs write conflicting pairs
 * (the two of a pair hold the same data) on the same objects at the same time, with the original's lockless update,
 * and each resolves captured conflicts right after its pair. At the end every pair still has a live revision, every
 * retired revision is in the trash with its content and its data is held by a live revision, and no revision that
 * holds data of its own was retired.
 */
class CapturedConflictsIT {

    private static final int OBJECTS = 60;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TempDir
    Path temp;

    @Test
    void twoProcessesResolvingCapturedConflictsWhileWritingNeverLoseData() throws Exception {
        Path path = temp.resolve("store");
        List<String> lines = new ArrayList<>();
        try (ObjectStore store = ObjectStore.builder(path).durable(false).build()) {
            for (int i = 0; i < OBJECTS; i++) {
                store.createObject(MAPPER.createObjectNode().put("_id", "doc-" + i));
            }
            ByteArrayOutputStream own = new ByteArrayOutputStream();
            try (ChildJvm child = ChildJvm.start(
                    temp, "writer", CapturedConflictsWorker.class, path.toString(), "child", String.valueOf(OBJECTS))) {
                child.awaitLine("READY");
                child.send("GO");
                CapturedConflictsWorker.write(
                        store, "test", OBJECTS, new PrintStream(own, true, StandardCharsets.UTF_8));
                lines.addAll(child.awaitSuccess());
            }
            lines.addAll(own.toString(StandardCharsets.UTF_8).lines().toList());
            store.resolveCapturedConflicts()
                    .forEach((id, revisions) -> revisions.forEach(r -> lines.add("RETIRED " + id + " " + r)));

            List<String[]> pairs = fields(lines, "PAIR");
            List<String[]> retired = fields(lines, "RETIRED");
            assertThat(pairs).hasSize(2 * OBJECTS);
            assertThat(retired).as("captured twins were retired").isNotEmpty();
            for (String[] pair : pairs) {
                List<String> live = store.getRevisions(pair[1]);
                assertThat(live.contains(pair[2]) || live.contains(pair[3]))
                        .as("a revision of the pair %s %s of %s is live", pair[2], pair[3], pair[1])
                        .isTrue();
            }
            for (String[] gone : retired) {
                String id = gone[1];
                assertThat(store.getRevisions(id)).doesNotContain(gone[2]);
                JsonNode content = MAPPER.readTree(Files.readString(
                        path.resolve(".mpstore/trash").resolve(id).resolve(gone[2])));
                assertThat(store.getRevisions(id).stream()
                                .map(r -> store.getRevision(id, r))
                                .anyMatch(r -> holds(r, content)))
                        .as("the data of %s of %s is held by a live revision", gone[2], id)
                        .isTrue();
            }
        }
    }

    private static List<String[]> fields(List<String> lines, String kind) {
        return lines.stream()
                .filter(line -> line.startsWith(kind + " "))
                .map(line -> line.split(" "))
                .toList();
    }

    private static boolean holds(JsonNode revision, JsonNode content) {
        for (Map.Entry<String, JsonNode> field : content.properties()) {
            if (!field.getKey().startsWith("_") && !field.getValue().equals(revision.get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
