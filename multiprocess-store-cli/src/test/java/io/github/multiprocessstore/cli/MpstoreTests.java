package io.github.multiprocessstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands run in-process, for the cases the integration tests (which run the real jar) need not repeat:
 * usage errors, exit codes and messages. {@code MpstoreIT} runs every command as a process.
 */
class MpstoreTests {

    @TempDir
    Path temp;

    record Result(int exitCode, String out, String err) {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Mpstore.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noCommandIsBadUsage() {
        Result result = run();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing command").contains("Usage: mpstore");
    }

    @Test
    void anUnknownOptionIsBadUsageWithTheCommandsUsage() {
        Result result = run("ls", temp.toString(), "--frobnicate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--frobnicate").contains("Usage: mpstore ls");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aMissingStoreIsAStoreErrorNamingThePath() {
        Path missing = temp.resolve("nope");

        Result result = run("ls", missing.toString());

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err().strip())
                .isEqualTo("mpstore ls: Store directory " + missing + " does not exist; check the path");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aRootOfCollectionsIsRefusedNamingItsCollections() {
        Path root = temp.resolve("root");
        try (StoreRoot stores = StoreRoot.open(root, b -> b.durable(false))) {
            stores.collection("profiles").createObject(Fixtures.object("alice"));
            stores.collection("notes").createObject(Fixtures.object("n1"));
        }

        Result result = run("stats", root.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("is a root of collections, not a store")
                .contains(root.resolve("notes").toString())
                .contains(root.resolve("profiles").toString());
    }

    @Test
    void anInvalidIdIsBadUsage() {
        Fixtures.cleanStore(temp, 1);

        Result result = run("get", temp.toString(), "");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("mpstore get: ").contains("Usage: mpstore get");
    }

    @Test
    void aMissingObjectExitsWith3() {
        Fixtures.cleanStore(temp, 1);

        Result result = run("get", temp.toString(), "nobody");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().strip()).startsWith("mpstore get: Object 'nobody' does not exist in ");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void aCorruptWinnerIsAStoreErrorWithoutAStackTraceUnlessDebug() {
        Fixtures.Messy messy = Fixtures.messyStore(temp.resolve("s"));

        Result plain = run("get", messy.store().toString(), "dave");
        Result debug = run("get", messy.store().toString(), "dave", "--debug");

        assertThat(plain.exitCode()).isEqualTo(4);
        assertThat(plain.err().lines()).hasSize(1);
        assertThat(plain.err()).contains(messy.corruptFile().toString());
        assertThat(debug.exitCode()).isEqualTo(4);
        assertThat(debug.err()).contains("CorruptRevisionException").contains("\tat ");
    }

    @Test
    void badDurationsAreBadUsage() {
        Fixtures.cleanStore(temp, 1);

        Result result = run("compact", temp.toString(), "--deleted-object-retention", "soon");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'soon'").contains("--deleted-object-retention");
    }

    @Test
    void readOnlyCommandsLeaveAStoreWrittenByTheOriginalWithoutAnEngineArea() throws IOException {
        Path store = temp.resolve("node");
        Files.createDirectories(store.resolve("doc"));
        Files.writeString(store.resolve("doc/0-" + "a".repeat(32)), "{\"_id\":\"doc\",\"v\":1}");

        for (String[] args : new String[][] {
            {"ls", store.toString()},
            {"get", store.toString(), "doc"},
            {"history", store.toString(), "doc"},
            {"conflicts", store.toString()},
            {"verify", store.toString()},
            {"stats", store.toString()},
            {"export", store.toString()}
        }) {
            assertThat(run(args).exitCode()).as(String.join(" ", args)).isZero();
        }
        assertThat(store.resolve(".mpstore")).doesNotExist();
    }

    @Test
    void completionIsGeneratedForBash() {
        Result result = run("generate-completion");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("complete -F").contains("verify").contains("--keep-revisions");
    }

    @Test
    void versionComesFromTheBuild() {
        Result result = run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("mpstore ");
    }

    @Test
    void importCreatesTheStoreButNotOnBadInput() throws IOException {
        Path input = Files.writeString(temp.resolve("in.ndjson"), "{\"_id\":\"a\"}\nnot json\n");
        Path store = temp.resolve("new-store");

        Result bad = run("import", store.toString(), input.toString());

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("line 2").contains("nothing was imported");
        assertThat(store).doesNotExist();

        Files.writeString(input, "{\"_id\":\"a\",\"x\":1}\n\n{\"_id\":\"b\"}\n");
        Result good = run("import", store.toString(), input.toString());
        assertThat(good.exitCode()).isZero();
        assertThat(good.out()).contains("2 created");
        try (ObjectStore objects = ObjectStore.openReadOnly(store)) {
            assertThat(objects.getObject("a").get("x").asInt()).isEqualTo(1);
        }
    }
}
