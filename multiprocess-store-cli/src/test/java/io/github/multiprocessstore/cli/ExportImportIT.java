package io.github.multiprocessstore.cli;

import static io.github.multiprocessstore.cli.CliProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.cli.CliProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code export} then {@code import} round-trips every live object; {@code import} validates before it writes. */
class ExportImportIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    /** An object without {@code _rev}, for comparing contents across stores. */
    private static JsonNode content(JsonNode object) {
        ObjectNode copy = (ObjectNode) object.deepCopy();
        copy.remove("_rev");
        return copy;
    }

    @Test
    void exportThenImportIntoAnEmptyStoreRoundTripsEveryLiveObject() throws IOException {
        Fixtures.Messy messy = Fixtures.messyStore(temp.resolve("source"));
        Path file = temp.resolve("export.ndjson");
        assertThat(run("export", messy.store().toString(), "--out", file.toString())
                        .exitCode())
                .isZero();
        Path target = temp.resolve("target");

        Result imported = run("import", target.toString(), file.toString());

        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out())
                .isEqualTo("Imported 3 objects into " + target + ": 3 created, 0 updated, 0 skipped\n");
        try (ObjectStore source = ObjectStore.openReadOnly(messy.store());
                ObjectStore copy = ObjectStore.openReadOnly(target)) {
            assertThat(copy.getAllObjects())
                    .extracting(ExportImportIT::content)
                    .containsExactlyElementsOf(source.getAllObjects().stream()
                            .map(ExportImportIT::content)
                            .toList());
        }
        assertThat(run("ls", target.toString()).out())
                .isEqualTo(run("ls", messy.store().toString()).out());
    }

    @Test
    void importReadsStdin() {
        Path target = temp.resolve("target");

        Result result = run(
                "{\"_id\":\"x\",\"v\":1}\n{\"_id\":\"y\",\"_rev\":\"0-abc\"}\n",
                Map.of(),
                "import",
                target.toString(),
                "-",
                "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode summary = JSON.readTree(result.out());
        assertThat(summary.get("created").asLong()).isEqualTo(2);
        assertThat(run("get", target.toString(), "x").out()).contains("\"v\":1");
    }

    @Test
    void aMalformedLineStopsTheImportWithItsNumberBeforeAnythingIsWritten() throws IOException {
        Path store = temp.resolve("store");
        Fixtures.cleanStore(store, 3);
        Map<String, String> before = DiskSnapshot.of(store);
        List<String> badLines =
                List.of("{\"_id\":\"ok\"}", "[1, 2]", "{\"no\":\"id\"}", "{\"_id\": 7}", "{\"_id\":\"\"}", "{oops");
        for (int bad = 1; bad < badLines.size(); bad++) {
            Path file = Files.writeString(
                    temp.resolve("bad-" + bad + ".ndjson"), "{\"_id\":\"new-1\"}\n\n" + badLines.get(bad) + "\n");

            Result result = run("import", store.toString(), file.toString());

            assertThat(result.exitCode()).as(badLines.get(bad) + ": " + result).isEqualTo(2);
            assertThat(result.err()).contains("line 3").contains("nothing was imported");
            assertThat(result.err().lines()).hasSize(1);
            assertThat(DiskSnapshot.of(store)).isEqualTo(before);
        }
        Path missing = temp.resolve("never-created");
        Path file = Files.writeString(temp.resolve("bad.ndjson"), "not json\n");
        assertThat(run("import", missing.toString(), file.toString()).exitCode())
                .isEqualTo(2);
        assertThat(missing).doesNotExist();
    }

    @Test
    void existingIdsFailByDefaultAndAreSkippedOrUpdatedOnRequest() throws IOException {
        Path store = temp.resolve("store");
        Fixtures.cleanStore(store, 3);
        Map<String, String> before = DiskSnapshot.of(store);
        Path file = Files.writeString(
                temp.resolve("in.ndjson"), "{\"_id\":\"new\",\"n\":1}\n{\"_id\":\"doc-00001\",\"n\":100}\n");

        Result failed = run("import", store.toString(), file.toString());

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(2);
        assertThat(failed.err()).contains("line 2").contains("'doc-00001'").contains("--existing");
        assertThat(DiskSnapshot.of(store))
                .as("not even the new object is written")
                .isEqualTo(before);

        Result skipped = run("import", store.toString(), file.toString(), "--existing", "skip");
        assertThat(skipped.out()).contains("1 created, 0 updated, 1 skipped");
        assertThat(JSON.readTree(run("get", store.toString(), "doc-00001").out())
                        .get("n")
                        .asInt())
                .isEqualTo(1);

        Result updated = run("import", store.toString(), file.toString(), "--existing", "update");
        assertThat(updated.exitCode()).as(updated.toString()).isZero();
        assertThat(updated.out()).contains("0 created, 2 updated, 0 skipped");
        assertThat(JSON.readTree(run("get", store.toString(), "doc-00001").out())
                        .get("n")
                        .asInt())
                .isEqualTo(100);
        assertThat(run("history", store.toString(), "doc-00001").outLines()).hasSize(2);
        assertThat(run("conflicts", store.toString(), "--check").exitCode())
                .as("never a conflict")
                .isZero();

        assertThat(run("import", store.toString(), file.toString(), "--existing", "sometimes")
                        .exitCode())
                .isEqualTo(2);
    }
}
