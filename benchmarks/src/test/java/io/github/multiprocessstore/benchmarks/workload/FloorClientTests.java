package io.github.multiprocessstore.benchmarks.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The floor must write the very layout the engine reads, or its figures compare nothing. */
class FloorClientTests {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @TempDir
    Path store;

    @Test
    void writesRevisionsTheEngineReadsAsItsOwn() throws Exception {
        try (FloorClient floor = new FloorClient(store, false, mapper)) {
            floor.populate(3);
            floor.increment(Documents.id(1));
            floor.increment(Documents.id(1));
        }

        try (ObjectStore engine = ObjectStore.builder(store).build()) {
            ObjectNode read = engine.getObject(Documents.id(1));
            assertThat(read.get(Documents.COUNTER).asInt()).isEqualTo(2);
            assertThat(read.get("_rev").asString()).matches("2-[0-9a-f]{32}");
            assertThat(engine.getRevisions(Documents.id(1))).hasSize(3);
            assertThat(engine.getAllObjects()).hasSize(3);
            assertThat(engine.getConflicts(Documents.id(1))).isEmpty();
        }
    }

    @Test
    void readsWhatTheEngineWroteAndLeavesNoTempFileBehind() throws Exception {
        try (ObjectStore engine = ObjectStore.builder(store).build()) {
            engine.createObject(Documents.document(mapper, 7));
        }
        try (FloorClient floor = new FloorClient(store, true, mapper)) {
            floor.create(Documents.document(mapper, 8));
            floor.increment(Documents.id(7));

            assertThat(floor.get(Documents.id(7)).get(Documents.COUNTER).asInt())
                    .isEqualTo(1);
            assertThat(floor.readAll()).isEqualTo(2);
            assertThat(floor.count()).isEqualTo(2);
            ObjectNode verified = floor.verify(Documents.id(7));
            assertThat(verified.get("updatesStored").asInt()).isEqualTo(1);
            assertThat(verified.get("conflictGroups").asInt()).isZero();
        }
        try (Stream<Path> temp = Files.list(store.resolve(FloorClient.TEMP_DIRECTORY))) {
            assertThat(temp).isEmpty();
        }
    }
}
