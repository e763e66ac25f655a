package io.github.multiprocessstore.cli;

import static io.github.multiprocessstore.cli.CliProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreFileNames;
import io.github.multiprocessstore.cli.CliProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every command of the real jar, run as a process on a store written by this engine holding conflicts, a
 * tombstone, a corrupt revision file, stray files, an empty object directory, a symbolic link and an old temp
 * file: output and exit code of each.
 */
class MpstoreIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    private Fixtures.Messy messy;
    private String store;
    private Path link;

    @BeforeEach
    void writeTheStore() throws IOException {
        messy = Fixtures.messyStore(temp.resolve("store"));
        store = messy.store().toString();
        link = Files.createSymbolicLink(
                messy.store().resolve("linked"), messy.store().resolve("alice"));
    }

    private List<String> revisions(String id) {
        try (ObjectStore objects = ObjectStore.openReadOnly(messy.store())) {
            return objects.getRevisions(id);
        }
    }

    private List<List<String>> conflicts(String id) {
        try (ObjectStore objects = ObjectStore.openReadOnly(messy.store())) {
            return objects.getConflicts(id);
        }
    }

    @Test
    void lsListsTheLiveIdsSortedAndWarnsAboutTheCorruptOne() {
        Result result = run("ls", store);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).containsExactly("a b", "alice", "bob");
        assertThat(result.err())
                .contains("warning")
                .contains("'dave'")
                .contains(messy.corruptFile().toString());

        Result withDeleted = run("ls", store, "--deleted");
        assertThat(withDeleted.outLines()).containsExactly("a b", "alice", "bob", "carol");
    }

    @Test
    void getPrintsTheWinnerOnOneLineOrPrettyOrARevision() {
        Result result = run("get", store, "alice");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .isEqualTo(
                        "{\"_id\":\"alice\",\"_rev\":\"" + messy.aliceRev() + "\",\"email\":\"alice@example.org\"}\n");
        assertThat(result.err()).isEmpty();

        Result pretty = run("get", store, "alice", "--pretty");
        assertThat(pretty.outLines()).hasSizeGreaterThan(3);
        assertThat(JSON.readTree(pretty.out())).isEqualTo(JSON.readTree(result.out()));

        Result left = run("get", store, "bob", "--rev", messy.bobLeft());
        assertThat(JSON.readTree(left.out()).get("n").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(left.out()).get("_rev").asString()).isEqualTo(messy.bobLeft());
    }

    @Test
    void getOfAnAbsentOrDeletedObjectExitsWith3() {
        for (String id : List.of("carol", "nobody")) {
            Result result = run("get", store, id);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
            assertThat(result.out()).isEmpty();
            assertThat(result.err().lines()).hasSize(1);
            assertThat(result.err()).contains("'" + id + "'");
        }
        Result noRevision = run("get", store, "alice", "--rev", "9-" + "0".repeat(32));
        assertThat(noRevision.exitCode()).isEqualTo(3);
    }

    @Test
    void getOfACorruptWinnerIsAStoreErrorNamingTheFile() {
        Result result = run("get", store, "dave");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).contains(messy.corruptFile().toString()).doesNotContain("\tat ");
    }

    @Test
    void historyListsRevisionsOldestFirstWinnerLast() {
        Result result = run("history", store, "bob");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).isEqualTo(revisions("bob")).hasSize(3);
        assertThat(result.outLines().get(0)).isEqualTo(messy.bobBase());
        assertThat(run("history", store, "carol").outLines()).last().isEqualTo(messy.carolTombstone());
        assertThat(run("history", store, "nobody").exitCode()).isEqualTo(3);
    }

    @Test
    void conflictsPrintTheDocumentedShapesAndCheckExitsWith1() {
        List<String> group = conflicts("bob").get(0);
        String groupJson = "[[\"" + group.get(0) + "\", \"" + group.get(1) + "\"]]";

        Result all = run("conflicts", store);
        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).isEqualTo("{\"conflictedObjects\": 1, \"objects\": {\"bob\": " + groupJson + "}}\n");

        Result one = run("conflicts", store, "bob");
        assertThat(one.out()).isEqualTo(groupJson + "\n");
        assertThat(run("conflicts", store, "alice").out()).isEqualTo("[]\n");
        assertThat(run("conflicts", store, "nobody").exitCode()).isEqualTo(3);

        assertThat(run("conflicts", store, "--check").exitCode()).isEqualTo(1);
        assertThat(run("conflicts", store, "bob", "--check").exitCode()).isEqualTo(1);
        assertThat(run("conflicts", store, "alice", "--check").exitCode()).isZero();
    }

    @Test
    void resolveKeepsTheRevisionAndRetiresItsRival() {
        Result result = run("resolve", store, "bob", messy.bobLeft());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo(messy.bobLeft() + "\n");
        assertThat(revisions("bob")).containsExactly(messy.bobBase(), messy.bobLeft());
        assertThat(messy.store().resolve(".mpstore/trash/bob/" + messy.bobRight()))
                .exists();
        assertThat(run("conflicts", store, "--check").exitCode()).isZero();
        assertThat(run("resolve", store, "bob", "7-" + "0".repeat(32)).exitCode())
                .isEqualTo(3);
    }

    @Test
    void compactDryRunChangesNothingAndCountsWhatCompactThenRemoves() {
        Map<String, String> before = DiskSnapshot.of(messy.store());

        Result dryRun = run("compact", store, "--dry-run", "--deleted-object-retention", "0s", "--json");

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(DiskSnapshot.of(messy.store())).isEqualTo(before);
        JsonNode preview = JSON.readTree(dryRun.out());
        assertThat(preview.get("dryRun").asBoolean()).isTrue();

        Result done = run("compact", store, "--deleted-object-retention", "0s");
        assertThat(done.exitCode()).as(done.toString()).isZero();
        // alice: its revision 0; bob: its revision 0, not the conflict; carol: both (removed); dave: its good one
        assertThat(done.out())
                .startsWith("Compacted " + store + "\n")
                .contains("revisions retired to the trash: "
                        + preview.get("revisionsRetired").asLong())
                .contains("deleted objects removed: 1")
                .contains("objects keeping revisions for an unresolved conflict: 1");
        assertThat(preview.get("revisionsRetired").asLong()).isEqualTo(5);
        assertThat(preview.get("objectsRemoved").asLong()).isEqualTo(1);
        assertThat(messy.store().resolve("carol")).doesNotExist();
        assertThat(revisions("alice")).containsExactly(messy.aliceRev());
        assertThat(revisions("bob")).containsExactlyInAnyOrder(messy.bobLeft(), messy.bobRight());
    }

    @Test
    void replicateIntoAnEmptyDirectoryIsABackupWithHistoryAndConflicts() {
        Path backup = temp.resolve("backup");

        Result result = run("replicate", store, backup.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .startsWith(store + " -> " + backup + ": ")
                .contains("files copied")
                .contains("retirements carried");
        try (ObjectStore copy = ObjectStore.openReadOnly(backup)) {
            assertThat(copy.getRevisions("bob")).isEqualTo(revisions("bob"));
            assertThat(copy.getConflicts("bob")).isEqualTo(conflicts("bob"));
            assertThat(copy.getRevisions("carol")).isEqualTo(revisions("carol"));
        }

        Result again = run("replicate", store, backup.toString(), "--both", "--json");
        JsonNode runs = JSON.readTree(again.out());
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("filesCopied").asLong()).isZero();
        assertThat(runs.get(1).get("source").asString()).isEqualTo(backup.toString());
    }

    @Test
    void verifyReportsEveryProblemOnALineAndExitsWith1() {
        Result result = run("verify", store);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        List<String> kindsAndPaths = result.outLines().stream()
                .map(line -> line.split("\t", 3))
                .peek(parts -> assertThat(parts).hasSize(3))
                .map(parts -> parts[0] + " " + parts[1])
                .toList();
        assertThat(kindsAndPaths)
                .containsExactlyInAnyOrder(
                        "NOT_JSON " + messy.corruptFile(),
                        "NOT_A_REVISION " + messy.strayFileInObject(),
                        "STRAY " + messy.strayTopLevelFile(),
                        "EMPTY_OBJECT " + messy.emptyObject(),
                        "SYMLINK " + link,
                        "OLD_TEMP " + messy.oldTemp());
        assertThat(result.err()).isEmpty();
    }

    @Test
    void verifyOfAHealthyStoreSaysNothingAndExitsWith0() {
        Path clean = temp.resolve("clean");
        Fixtures.cleanStore(clean, 50);

        Result result = run("verify", clean.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void statsCountsObjectsRevisionsConflictsAndBytes() throws IOException {
        long bytes = 0;
        for (String id : List.of("alice", "bob", "carol", "dave", "a b")) {
            try (Stream<Path> files = Files.list(messy.store().resolve(StoreFileNames.directoryOf(id)))) {
                for (Path file : files.filter(f -> f.getFileName().toString().matches("\\d+-[0-9a-f]{32}"))
                        .toList()) {
                    bytes += Files.size(file);
                }
            }
        }

        Result text = run("stats", store);
        Result json = run("stats", store, "--json");

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.outLines())
                .startsWith(
                        "objects: 3 live, 1 deleted, 1 unreadable (see verify)",
                        "revisions: 10",
                        "conflicted objects: 1",
                        "bytes: " + bytes,
                        "most revisions:",
                        "  3\tbob");
        JsonNode stats = JSON.readTree(json.out());
        assertThat(stats.get("objects").get("live").asLong()).isEqualTo(3);
        assertThat(stats.get("objects").get("deleted").asLong()).isEqualTo(1);
        assertThat(stats.get("revisions").asLong()).isEqualTo(10);
        assertThat(stats.get("conflictedObjects").asLong()).isEqualTo(1);
        assertThat(stats.get("bytes").asLong()).isEqualTo(bytes);
        assertThat(stats.get("mostRevisions")).hasSize(5);
        assertThat(stats.get("mostRevisions").get(0).get("id").asString()).isEqualTo("bob");
    }

    @Test
    void exportWritesTheLiveWinnersAsNdjsonSortedById() throws IOException {
        Result result = run("export", store);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<JsonNode> lines = result.outLines().stream().map(JSON::readTree).toList();
        assertThat(lines).extracting(o -> o.get("_id").asString()).containsExactly("a b", "alice", "bob");
        assertThat(lines.get(1).get("_rev").asString()).isEqualTo(messy.aliceRev());
        assertThat(result.err()).contains("'dave'");

        Path file = temp.resolve("export.ndjson");
        Result toFile = run("export", store, "--out", file.toString());
        assertThat(toFile.out()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(result.out());
    }

    @Test
    void readOnlyCommandsChangeNothingOnDisk() {
        Map<String, String> before = DiskSnapshot.of(messy.store());

        for (List<String> args : List.of(
                List.of("ls", store, "--deleted"),
                List.of("get", store, "alice"),
                List.of("history", store, "bob"),
                List.of("conflicts", store),
                List.of("verify", store),
                List.of("stats", store),
                List.of("export", store))) {
            Result result = run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(args + ": " + result).isIn(0, 1);
        }

        assertThat(DiskSnapshot.of(messy.store())).isEqualTo(before);
        assertThat(messy.oldTemp()).exists();
    }

    @Test
    void aMissingStoreIsAnErrorForEveryCommandButImport() throws IOException {
        String missing = temp.resolve("missing").toString();
        List<List<String>> commands = List.of(
                List.of("ls", missing),
                List.of("get", missing, "a"),
                List.of("history", missing, "a"),
                List.of("conflicts", missing),
                List.of("resolve", missing, "a", "1-" + "0".repeat(32)),
                List.of("compact", missing),
                List.of("replicate", missing, temp.resolve("target").toString()),
                List.of("verify", missing),
                List.of("stats", missing),
                List.of("export", missing));
        for (List<String> args : commands) {
            Result result = run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(args + ": " + result).isEqualTo(4);
            assertThat(result.err().lines()).as(args.toString()).hasSize(1);
            assertThat(result.err()).contains(missing).contains("does not exist");
        }
        assertThat(Path.of(missing)).doesNotExist();
        assertThat(temp.resolve("target")).doesNotExist();

        Path input = Files.writeString(temp.resolve("in.ndjson"), "{\"_id\":\"a\"}\n");
        Result imported = run("import", missing, input.toString());
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(Files.isDirectory(Path.of(missing, "a"), LinkOption.NOFOLLOW_LINKS))
                .isTrue();
    }

    @Test
    void aRootOfCollectionsIsRefusedWithExit2NamingItsCollections() {
        Path root = temp.resolve("root");
        Fixtures.cleanStore(root.resolve("profiles"), 2);
        Fixtures.cleanStore(root.resolve("notes"), 1);

        List<String> commands = List.of("ls", "conflicts", "verify", "stats", "export", "compact");
        List<Result> results = new ArrayList<>();
        for (String command : commands) {
            results.add(run(command, root.toString()));
        }

        for (Result result : results) {
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            assertThat(result.err())
                    .contains("root of collections")
                    .contains(root.resolve("notes").toString())
                    .contains(root.resolve("profiles").toString());
        }
    }

    @Test
    void helpListsEveryCommand() {
        Result result = run("--help");

        assertThat(result.exitCode()).isZero();
        for (String command : List.of(
                "ls",
                "get",
                "history",
                "conflicts",
                "resolve",
                "compact",
                "replicate",
                "verify",
                "stats",
                "export",
                "import")) {
            assertThat(result.out()).contains("  " + command + " ");
        }
    }
}
