package io.github.multiprocessstore;

import static io.github.multiprocessstore.DiskLayout.names;
import static io.github.multiprocessstore.DiskLayout.revision;
import static io.github.multiprocessstore.DiskLayout.tree;
import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.multiprocessstore.internal.format.ObjectIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ids are never paths: whatever the id, nothing is created or read outside the store, the engine's own area is
 * out of reach, and symbolic links inside the store are never followed out of it. (The encoding itself is
 * checked on arbitrary strings by {@link IdEncodingPropertyTests}.)
 */
class IdSafetyTests {

    @TempDir
    Path temp;

    private Path storeDir;
    private ObjectStore store;

    @BeforeEach
    void openStore() {
        storeDir = temp.resolve("store");
        store = ObjectStore.open(storeDir);
    }

    static Stream<String> dangerousIds() {
        return Stream.of(
                ".",
                "..",
                "a/b",
                "a\\b",
                "a\u0000b",
                "\u0000",
                "../escape",
                "../../escape",
                "/absolute",
                "..\\..\\escape",
                "a/../../b",
                ".mpstore",
                ".mpstore/tmp",
                "..%2Fescape",
                "%2E%2E",
                "~",
                "~/x",
                " ",
                "a\nb",
                ".hidden",
                "tmp/..",
                "é/è",
                "\u202e",
                "x".repeat(200) + "/..");
    }

    @ParameterizedTest
    @MethodSource("dangerousIds")
    void aDangerousIdIsStoredSafelyInsideTheStoreOrRejected(String id) {
        List<String> engineArea = tree(storeDir.resolve(".mpstore"));

        Throwable refused = catchThrowable(() -> store.createObject(object(id, "v", id)));

        assertThat(names(temp)).as("nothing outside the store").containsExactly("store");
        assertThat(tree(storeDir.resolve(".mpstore")).stream()
                        .filter(path -> !path.startsWith("journal"))) // the change journal records the write
                .as("the engine's area is untouched")
                .isEqualTo(engineArea);
        if (refused != null) {
            assertThat(refused).isInstanceOf(InvalidIdException.class);
            assertThat(names(storeDir)).containsExactly(".mpstore");
            return;
        }
        List<String> objects =
                names(storeDir).stream().filter(n -> !n.equals(".mpstore")).toList();
        assertThat(objects).singleElement().satisfies(name -> {
            assertThat(name)
                    .doesNotStartWith(".")
                    .doesNotContain("/", "\\", "\u0000")
                    .isNotEqualTo("..");
            assertThat(Files.isDirectory(storeDir.resolve(name))).isTrue();
            assertThat(names(storeDir.resolve(name))).singleElement().matches(DiskLayout.REVISION_NAME.asPredicate());
        });
        assertThat(store.getObject(id).get("v").asString()).isEqualTo(id);
        try (Stream<String> ids = store.streamIds()) {
            assertThat(ids.toList()).containsExactly(id);
        }

        store.updateObject(store.getObject(id).put("v", "updated"));
        store.upsertObject(object(id, "w", 1));
        store.deleteObject(id);

        assertThat(names(temp)).containsExactly("store");
        assertThat(store.exists(id)).isFalse();
        assertThat(names(storeDir)).hasSize(2);
        DiskLayout.assertOnlyRevisionFilesInObjectDirectories(storeDir);
    }

    @Test
    void emptyAndTooLongIdsAreRejectedWithoutTouchingTheDisk() {
        List<String> before = tree(storeDir);
        String tooLongPlain = "a".repeat(256);
        String tooLongEncoded = "é".repeat(43); // 43 x "%C3%A9" = 258 bytes

        for (String id : List.of("", tooLongPlain, tooLongEncoded)) {
            assertThatThrownBy(() -> store.createObject(object(id)))
                    .as("create %s", id)
                    .isInstanceOf(InvalidIdException.class);
            assertThatThrownBy(() -> store.upsertObject(object(id))).isInstanceOf(InvalidIdException.class);
            assertThatThrownBy(() -> store.getObject(id)).isInstanceOf(InvalidIdException.class);
            assertThatThrownBy(() -> store.deleteObject(id)).isInstanceOf(InvalidIdException.class);
        }

        assertThat(tree(storeDir)).isEqualTo(before);
        assertThat(names(temp)).containsExactly("store");
    }

    @Test
    void theLongestIdsThatFitInOneFileNameAreAccepted() {
        String longestPlain = "a".repeat(255);
        String longestEncoded = "é".repeat(42); // 252 bytes

        store.createObject(object(longestPlain, "n", 1));
        store.createObject(object(longestEncoded, "n", 2));

        assertThat(store.getObject(longestPlain).get("n").asInt()).isEqualTo(1);
        assertThat(store.getObject(longestEncoded).get("n").asInt()).isEqualTo(2);
        assertThat(storeDir.resolve(longestPlain)).isDirectory();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "A.b_c@d-e", "0", "x.", "a..b", "user@example.com", "2024-01-01", "-", "_"})
    void plainIdsAreTheirOwnDirectoryName(String id) {
        store.createObject(object(id));

        assertThat(names(storeDir)).containsExactlyInAnyOrder(".mpstore", id);
        assertThat(ObjectIds.encode(id)).isEqualTo(id);
    }

    @Test
    void idsThatLookLikeEncodedNamesNeverCollideWithTheIdsTheyEncode() {
        List<String> ids = List.of("A", "%41", "a/b", "a%2Fb", "%252F", ".x", "%2Ex");
        ids.forEach(id -> store.createObject(object(id, "me", id)));

        for (String id : ids) {
            assertThat(store.getObject(id).get("me").asString()).isEqualTo(id);
        }
        assertThat(names(storeDir)).hasSize(ids.size() + 1);
    }

    @Test
    void theEngineAreaIsNotReachableAsAnObject() {
        assertThat(store.findObject(".mpstore")).isEmpty();
        store.createObject(object(".mpstore", "n", 1));

        assertThat(store.getObject(".mpstore").get("n").asInt()).isEqualTo(1);
        assertThat(storeDir.resolve(".mpstore")).isDirectory();
        assertThat(names(storeDir.resolve(".mpstore")))
                .noneMatch(n -> DiskLayout.REVISION_NAME.matcher(n).matches());
        DiskLayout.assertOnlyRevisionFilesInObjectDirectories(storeDir);
    }

    // ---- symbolic links -----------------------------------------------------------------------------------

    /** A directory outside the store that looks like an object, and a link to it planted as object "evil". */
    private Path plantLinkedObjectOutside() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve(revision(0, 'a')), "{\"secret\":true}");
        Files.writeString(outside.resolve(revision(1, 'a')), "{\"secret\":true}");
        Files.writeString(outside.resolve(revision(1, 'b')), "{\"secret\":true}");
        try {
            Files.createSymbolicLink(storeDir.resolve("evil"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links are not available here: " + e);
        }
        return outside;
    }

    private static Map<String, String> snapshot(Path directory) throws IOException {
        Map<String, String> contents = new LinkedHashMap<>();
        for (String name : tree(directory)) {
            Path file = directory.resolve(name);
            contents.put(name, Files.isRegularFile(file) ? Files.readString(file) : "<dir>");
        }
        return contents;
    }

    @Test
    void aLinkedObjectDirectoryIsNeverReadThrough() throws IOException {
        plantLinkedObjectOutside();
        store.createObject(object("plain", "n", 1));

        assertThat(readOrError(() -> store.findObject("evil").orElse(null))).doesNotContain("secret");
        assertThat(readOrError(() -> store.getObject("evil"))).doesNotContain("secret");
        assertThat(readOrError(() -> store.getRevision("evil", revision(0, 'a'))))
                .doesNotContain("secret");
        assertThat(readOrError(() -> store.getRevisions("evil"))).doesNotContain(revision(0, 'a'));
        assertThat(readOrError(() -> store.getConflicts("evil"))).doesNotContain(revision(1, 'a'));
        assertThat(store.exists("evil")).isFalse();
        assertThat(store.getAllObjects())
                .extracting(o -> o.get("_id").asString())
                .containsExactly("plain");
        try (Stream<ObjectNode> all = store.streamObjects()) {
            assertThat(all.map(o -> o.get("_id").asString()).toList()).containsExactly("plain");
        }
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.getAllConflicts()).doesNotContainKey("evil");
    }

    static Stream<String> writeOperations() {
        return Stream.of("update", "strict update", "create", "upsert", "delete", "resolve conflict");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writeOperations")
    void aLinkedObjectDirectoryIsNeverWrittenThrough(String operation) throws IOException {
        Path outside = plantLinkedObjectOutside();
        Map<String, String> before = snapshot(outside);
        ObjectNode evil = object("evil", "written", "through");
        evil.put("_rev", revision(1, 'b'));
        Map<String, Consumer<ObjectStore>> operations = Map.of(
                "update", s -> s.updateObject(evil),
                "strict update", s -> s.updateObjectIfCurrent(evil),
                "create", s -> s.createObject(evil),
                "upsert", s -> s.upsertObject(evil),
                "delete", s -> s.deleteObject("evil"),
                "resolve conflict", s -> s.resolveConflict("evil", revision(1, 'a')));

        Throwable error = catchThrowable(() -> operations.get(operation).accept(store));

        assertThat(snapshot(outside))
                .as("the linked directory after %s (error: %s)", operation, error)
                .isEqualTo(before);
        assertThat(error).as("%s through a link", operation).isInstanceOf(StoreException.class);
        assertThat(Files.isSymbolicLink(storeDir.resolve("evil"))).isTrue();
    }

    @Test
    void aLinkedRevisionFileIsNeverRead() throws IOException {
        Path secret = Files.writeString(temp.resolve("secret.json"), "{\"secret\":true}");
        ObjectNode created = store.createObject(object("doc", "n", 1));
        try {
            Files.createSymbolicLink(storeDir.resolve("doc").resolve(revision(1, 'f')), secret);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links are not available here: " + e);
        }

        assertThat(readOrError(() -> store.findObject("doc").orElse(null))).doesNotContain("secret");
        assertThat(readOrError(() -> store.getRevision("doc", revision(1, 'f'))))
                .doesNotContain("secret");
        assertThat(store.getRevision("doc", created.get("_rev").asString())).isEqualTo(created);
    }

    @Test
    void aLinkedRevisionFileDoesNotStopListingTheOtherObjects() throws IOException {
        Path secret = Files.writeString(temp.resolve("secret.json"), "{\"secret\":true}");
        store.createObject(object("doc", "n", 1));
        store.createObject(object("other", "n", 2));
        try {
            Files.createSymbolicLink(storeDir.resolve("doc").resolve(revision(1, 'f')), secret);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links are not available here: " + e);
        }

        List<String> streamed = new ArrayList<>();
        Throwable error = catchThrowable(() -> {
            try (Stream<ObjectNode> all = store.streamObjects()) {
                all.forEach(o -> streamed.add(o.toString()));
            }
        });

        assertThat(error).as("streamObjects with one unreadable winner").isNull();
        assertThat(streamed).noneMatch(o -> o.contains("secret")).anyMatch(o -> o.contains("\"other\""));
        assertThat(store.getAllObjects())
                .extracting(o -> o.get("_id").asString())
                .containsExactly("other");
        assertThat(store.count()).isEqualTo(1);
    }

    /** What a read returned, as text, or the error it raised (which must be the store's own kind). */
    private static String readOrError(java.util.function.Supplier<Object> read) {
        try {
            return String.valueOf(Optional.ofNullable(read.get()).orElse("absent"));
        } catch (StoreException e) {
            return "error: " + e.getClass().getSimpleName();
        }
    }
}
