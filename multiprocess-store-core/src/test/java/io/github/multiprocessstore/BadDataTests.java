package io.github.multiprocessstore;

import static io.github.multiprocessstore.DiskLayout.names;
import static io.github.multiprocessstore.DiskLayout.revision;
import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad data on disk (corrupt revision files, foreign names, empty directories left by crashes, stray temp files)
 * gives a clear error for the object concerned or a logged skip, never a failure of the whole store.
 */
class BadDataTests {

    private static final String BAD_REV = revision(0, 'b');

    @TempDir
    Path temp;

    private Path storeDir;
    private ObjectStore store;

    @BeforeEach
    void openStoreWithTwoGoodObjects() {
        storeDir = temp.resolve("store");
        store = ObjectStore.open(storeDir);
        store.createObject(object("good-1", "n", 1));
        store.createObject(object("good-2", "n", 2));
    }

    static Stream<Arguments> corruptContents() {
        return Stream.of(
                Arguments.of("invalid JSON", "{\"a\": 1,"),
                Arguments.of("a JSON array", "[1, 2, 3]"),
                Arguments.of("an empty file", ""),
                Arguments.of("a JSON number", "42"),
                Arguments.of("a JSON string", "\"text\""),
                Arguments.of("JSON null", "null"),
                Arguments.of("binary garbage", "\u0000\u0001\u0002"));
    }

    private Path plantCorruptObject(String content) {
        return TestJson.writeFile(storeDir.resolve("bad").resolve(BAD_REV), content);
    }

    // ---- corrupt revision files ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptContents")
    void getObjectOfACorruptWinnerThrowsCorruptRevisionNamingTheFileAndId(String kind, String content) {
        Path file = plantCorruptObject(content);

        CorruptRevisionException e = catchThrowableOfType(CorruptRevisionException.class, () -> store.getObject("bad"));

        assertThat(e).as(kind).isNotNull().hasMessageContaining(file.toString()).hasMessageContaining("'bad'");
        assertThat(e.id()).contains("bad");
        assertThat(e.path()).contains(file);
        assertThatThrownBy(() -> store.findObject("bad")).isInstanceOf(CorruptRevisionException.class);
        assertThat(file).as("the corrupt file is left for inspection").exists();
    }

    @Test
    void anEmptyRevisionFileIsReportedAsEmpty() {
        // The typical leftover of a crash of a writer that writes in place (the original npm package does).
        Path file = plantCorruptObject("");

        assertThatThrownBy(() -> store.getObject("bad"))
                .isInstanceOf(CorruptRevisionException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("empty");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptContents")
    void streamObjectsSkipsACorruptObjectWithAWarning(String kind, String content) {
        plantCorruptObject(content);

        try (LogCapture log = new LogCapture();
                Stream<ObjectNode> all = store.streamObjects()) {
            assertThat(all.map(o -> o.get("_id").asString()).toList()).containsExactlyInAnyOrder("good-1", "good-2");
            assertThat(log.warnings()).anySatisfy(warning -> assertThat(warning).contains("bad"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptContents")
    void getAllObjectsSkipsACorruptObjectWithAWarning(String kind, String content) {
        plantCorruptObject(content);

        try (LogCapture log = new LogCapture()) {
            assertThat(store.getAllObjects())
                    .extracting(o -> o.get("_id").asString())
                    .containsExactly("good-1", "good-2");
            assertThat(log.warnings()).anySatisfy(warning -> assertThat(warning).contains("bad"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptContents")
    void countSkipsACorruptObjectWithAWarning(String kind, String content) {
        plantCorruptObject(content);

        try (LogCapture log = new LogCapture()) {
            assertThat(store.count()).isEqualTo(2);
            assertThat(log.warnings()).anySatisfy(warning -> assertThat(warning).contains("bad"));
        }
    }

    @Test
    void aCorruptOlderRevisionDoesNotHideTheWinner() {
        ObjectNode current = store.updateObject(store.getObject("good-1").put("n", 10));
        Path old =
                storeDir.resolve("good-1").resolve(store.getRevisions("good-1").get(0));
        TestJson.writeFile(old, "{broken");

        assertThat(store.getObject("good-1")).isEqualTo(current);
        assertThat(store.count()).isEqualTo(2);
        assertThatThrownBy(() -> store.getRevision("good-1", old.getFileName().toString()))
                .isInstanceOf(CorruptRevisionException.class)
                .hasMessageContaining(old.toString());
    }

    @Test
    void anEntryNamedLikeARevisionThatIsNotAFileGivesAClearErrorAndDoesNotStopListings() throws IOException {
        Path entry = Files.createDirectories(storeDir.resolve("odd").resolve(revision(0, 'd')));

        assertThatThrownBy(() -> store.getObject("odd"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("'odd'");
        try (LogCapture log = new LogCapture();
                Stream<ObjectNode> all = store.streamObjects()) {
            assertThat(all.map(o -> o.get("_id").asString()).toList()).containsExactlyInAnyOrder("good-1", "good-2");
            assertThat(log.warnings()).anySatisfy(warning -> assertThat(warning).contains("odd"));
        }
        assertThat(store.getAllObjects()).hasSize(2);
        assertThat(store.count()).isEqualTo(2);
        assertThat(entry).isDirectory();
    }

    // ---- names that are not revisions ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "notes.txt",
                ".DS_Store",
                "9-xyz",
                "1-ABCDEFABCDEFABCDEFABCDEFABCDEFAB",
                "01-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "1234567890123456-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.tmp",
                "-1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "zzz"
            })
    void aFileWhoseNameIsNotARevisionIsIgnoredForTheWinnerAndLogged(String name) {
        ObjectNode current = store.updateObject(store.getObject("good-1").put("n", 11));
        Path foreign = TestJson.writeFile(storeDir.resolve("good-1").resolve(name), "{\"evil\":true}");

        try (LogCapture log = new LogCapture()) {
            assertThat(store.getObject("good-1")).isEqualTo(current);
            assertThat(log.warnings()).anySatisfy(warning -> assertThat(warning).contains(name));
        }
        assertThat(store.getRevisions("good-1")).hasSize(2).doesNotContain(name);
        assertThat(store.getConflicts("good-1")).isEmpty();
        assertThat(store.count()).isEqualTo(2);
        assertThat(store.getAllObjects()).noneMatch(o -> o.has("evil"));
        assertThat(foreign).exists();
    }

    // ---- empty object directories left by crashes ---------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", "notes.txt"})
    void anObjectDirectoryWithoutRevisionsIsNotFoundAndCanBeCreatedOver(String strayFile) throws IOException {
        Path directory = Files.createDirectories(storeDir.resolve("hollow"));
        if (!strayFile.isEmpty()) {
            Files.writeString(directory.resolve(strayFile), "{}");
        }

        assertThatThrownBy(() -> store.getObject("hollow")).isInstanceOf(ObjectNotFoundException.class);
        assertThat(store.findObject("hollow")).isEmpty();
        assertThat(store.exists("hollow")).isFalse();
        assertThat(store.count()).isEqualTo(2);
        assertThat(store.getAllObjects()).hasSize(2);
        assertThatThrownBy(() -> store.deleteObject("hollow")).isInstanceOf(ObjectNotFoundException.class);

        ObjectNode created = store.createObject(object("hollow", "n", 3));

        assertThat(created.get("_rev").asString()).startsWith("0-");
        assertThat(store.getObject("hollow")).isEqualTo(created);
        assertThat(store.count()).isEqualTo(3);
    }

    // ---- stray entries at the top level -------------------------------------------------------------------

    @Test
    void strayEntriesAtTheTopLevelAreNotObjects() throws IOException {
        Files.writeString(storeDir.resolve("README.txt"), "not an object");
        Files.writeString(storeDir.resolve(".DS_Store"), "x");
        TestJson.writeFile(storeDir.resolve(".git").resolve(revision(0, 'a')), "{\"git\":true}");
        // Not the canonical encoding of any id ("A" is stored as A): must not alias "A".
        TestJson.writeFile(storeDir.resolve("%41").resolve(revision(0, 'a')), "{\"alias\":true}");
        TestJson.writeFile(storeDir.resolve("%zz").resolve(revision(0, 'a')), "{\"alias\":true}");

        try (Stream<String> ids = store.streamIds()) {
            assertThat(ids.toList()).containsExactlyInAnyOrder("good-1", "good-2");
        }
        assertThat(store.getAllObjects())
                .extracting(o -> o.get("_id").asString())
                .containsExactly("good-1", "good-2");
        assertThat(store.count()).isEqualTo(2);
        assertThat(store.findObject("A")).isEmpty();
        assertThat(store.getAllConflicts()).isEmpty();
    }

    // ---- temp files left by crashed writers ---------------------------------------------------------------

    @Test
    void tempFilesOlderThanTheGracePeriodAreRemovedOnOpenAndYoungerOnesKept() throws IOException {
        Instant now = Instant.parse("2030-06-01T12:00:00Z");
        Path tmp = storeDir.resolve(".mpstore").resolve("tmp");
        Path oldFile = plantTemp(tmp.resolve("111-0123456789abcdef.rev"), now.minus(Duration.ofHours(2)));
        Path oldDir = plantTempDirectory(tmp.resolve("111-fedcba9876543210.obj"), now.minus(Duration.ofHours(3)));
        Path youngFile = plantTemp(tmp.resolve("222-0123456789abcdef.rev"), now.minus(Duration.ofMinutes(10)));
        Path youngDir = plantTempDirectory(tmp.resolve("222-fedcba9876543210.obj"), now.minus(Duration.ofMinutes(59)));
        Path oldRevision =
                storeDir.resolve("good-1").resolve(store.getRevisions("good-1").get(0));
        Files.setLastModifiedTime(oldRevision, FileTime.from(now.minus(Duration.ofDays(30))));

        ObjectStore reopened = ObjectStore.builder(storeDir)
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .tempFileGracePeriod(Duration.ofHours(1))
                .build();

        assertThat(oldFile).doesNotExist();
        assertThat(oldDir).doesNotExist();
        assertThat(youngFile).exists();
        assertThat(youngDir).isDirectory();
        assertThat(names(youngDir)).containsExactly(revision(0, 'e'));
        assertThat(oldRevision).as("revisions are never temp files").exists();
        assertThat(reopened.count()).isEqualTo(2);
        DiskLayout.assertOnlyRevisionFilesInObjectDirectories(storeDir);
    }

    @Test
    void theDefaultGracePeriodKeepsTempFilesThatMayStillBeInUse() throws IOException {
        Path tmp = storeDir.resolve(".mpstore").resolve("tmp");
        Path live = plantTemp(tmp.resolve("333-0123456789abcdef.rev"), Instant.now());

        ObjectStore.open(storeDir);

        assertThat(live).exists();
    }

    private static Path plantTemp(Path file, Instant modified) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"half\":");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static Path plantTempDirectory(Path directory, Instant modified) throws IOException {
        Files.createDirectories(directory);
        Path revision = Files.writeString(directory.resolve(revision(0, 'e')), "{\"new\":true}");
        Files.setLastModifiedTime(revision, FileTime.from(modified));
        Files.setLastModifiedTime(directory, FileTime.from(modified));
        return directory;
    }

    @Test
    void invalidGracePeriodsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> ObjectStore.builder(storeDir).tempFileGracePeriod(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> ObjectStore.builder(storeDir).tempFileGracePeriod(Duration.ofSeconds(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-5S");
    }
}
