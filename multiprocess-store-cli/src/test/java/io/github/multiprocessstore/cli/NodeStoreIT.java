package io.github.multiprocessstore.cli;

import static io.github.multiprocessstore.cli.CliProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.cli.CliProcess.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jar on a store written by the real npm package {@code multiprocess-store} (with a conflict, revisions past 9
 * and an object its own delete removed): what the CLI prints agrees with what the package reads, and the
 * read-only commands leave the store as the package wrote it.
 */
class NodeStoreIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    private Path store;
    private JsonNode node;

    @BeforeEach
    void writeWithTheOriginal() {
        store = temp.resolve("node-store");
        node = NodeStores.writeStore(store);
    }

    @Test
    void readCommandsAgreeWithThePackageAndChangeNothing() {
        Map<String, String> before = DiskSnapshot.of(store);

        Result ls = run("ls", store.toString());
        assertThat(ls.exitCode()).as(ls.toString()).isZero();
        List<String> ids = new ArrayList<>();
        node.get("ids").forEach(id -> ids.add(id.asString()));
        assertThat(ls.outLines()).isEqualTo(ids);

        for (String id : ids) {
            Result get = run("get", store.toString(), id);
            assertThat(get.exitCode()).as(get.toString()).isZero();
            assertThat(JSON.readTree(get.out()))
                    .as(id)
                    .isEqualTo(node.get("objects").get(id));
            Result conflicts = run("conflicts", store.toString(), id);
            assertThat(JSON.readTree(conflicts.out()))
                    .as(id)
                    .isEqualTo(node.get("conflicts").get(id));
        }
        Result history = run("history", store.toString(), "counter");
        assertThat(history.outLines()).hasSize(12);
        assertThat(history.outLines().get(11))
                .isEqualTo(node.get("objects").get("counter").get("_rev").asString());

        Result all = run("conflicts", store.toString(), "--check");
        assertThat(all.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(all.out()).get("conflictedObjects").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(all.out()).get("objects").get("contested"))
                .isEqualTo(node.get("conflicts").get("contested"));

        Result verify = run("verify", store.toString());
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).isEmpty();

        Result stats = run("stats", store.toString(), "--json");
        JsonNode counts = JSON.readTree(stats.out());
        assertThat(counts.get("objects").get("live").asInt()).isEqualTo(3);
        assertThat(counts.get("revisions").asInt()).isEqualTo(1 + 12 + 3);
        assertThat(counts.get("conflictedObjects").asInt()).isEqualTo(1);
        assertThat(counts.get("mostRevisions").get(0).get("id").asString()).isEqualTo("counter");

        Result export = run("export", store.toString());
        assertThat(export.outLines()).hasSize(3);
        for (String line : export.outLines()) {
            JsonNode object = JSON.readTree(line);
            assertThat(object)
                    .isEqualTo(node.get("objects").get(object.get("_id").asString()));
        }

        assertThat(DiskSnapshot.of(store))
                .as("the package's store is left as it wrote it")
                .isEqualTo(before);
    }

    @Test
    void resolveCompactAndReplicateWorkOnThePackagesStore() {
        JsonNode group = node.get("conflicts").get("contested").get(0);
        String keep = group.get(0).asString();

        Result resolved = run("resolve", store.toString(), "contested", keep);
        assertThat(resolved.exitCode()).as(resolved.toString()).isZero();
        assertThat(resolved.out()).isEqualTo(keep + "\n");
        assertThat(run("conflicts", store.toString(), "--check").exitCode()).isZero();

        Path backup = temp.resolve("backup");
        assertThat(run("replicate", store.toString(), backup.toString()).exitCode())
                .isZero();
        assertThat(run("export", backup.toString()).out())
                .isEqualTo(run("export", store.toString()).out());

        Result compacted = run("compact", store.toString());
        assertThat(compacted.exitCode()).as(compacted.toString()).isZero();
        assertThat(compacted.out()).contains("revisions retired to the trash: 12");
        assertThat(run("history", store.toString(), "counter").outLines()).hasSize(1);
    }
}
