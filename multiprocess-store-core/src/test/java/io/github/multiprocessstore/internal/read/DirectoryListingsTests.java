package io.github.multiprocessstore.internal.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kept listing is used only while the directory's state proves it unchanged, and only once it had settled. */
class DirectoryListingsTests {

    @TempDir
    Path temp;

    /** Longer than the coarsest clock tick of the file systems the tests run on. */
    private static void letTheClockTick() throws InterruptedException {
        Thread.sleep(25);
    }

    private Path directoryWith(String... names) throws IOException, InterruptedException {
        Path directory = Files.createDirectories(temp.resolve("object"));
        for (String name : names) {
            Files.writeString(directory.resolve(name), "{}");
        }
        letTheClockTick();
        return directory;
    }

    @Test
    void aListingOfAnUnchangedSettledDirectoryIsUsedAgain() throws Exception {
        DirectoryListings listings = new DirectoryListings(1 << 20, Duration.ZERO);
        Path directory = directoryWith("a");
        DirectoryListings.State before = listings.state(directory);
        listings.keep(directory, before, List.of("a"), CacheAdmission.EVICT);

        assertThat(listings.kept(directory, listings.state(directory))).containsExactly("a");
    }

    @Test
    void aListingTheCallerIsAboutToMakeStaleIsNotKept() throws Exception {
        DirectoryListings listings = new DirectoryListings(1 << 20, Duration.ZERO);
        Path directory = directoryWith("a");
        listings.keep(directory, listings.state(directory), List.of("a"), CacheAdmission.NONE);

        assertThat(listings.kept(directory, listings.state(directory))).isNull();
    }

    @Test
    void addingRenamingOrRemovingAnEntryMakesTheKeptListingUnusable() throws Exception {
        DirectoryListings listings = new DirectoryListings(1 << 20, Duration.ZERO);
        Path directory = directoryWith("a", "b");
        listings.keep(directory, listings.state(directory), List.of("a", "b"), CacheAdmission.EVICT);

        Files.writeString(directory.resolve("c"), "{}");
        assertThat(listings.kept(directory, listings.state(directory))).isNull();

        letTheClockTick();
        listings.keep(directory, listings.state(directory), List.of("a", "b", "c"), CacheAdmission.EVICT);
        Files.move(directory.resolve("c"), directory.resolve("d"));
        assertThat(listings.kept(directory, listings.state(directory))).isNull();

        letTheClockTick();
        listings.keep(directory, listings.state(directory), List.of("a", "b", "d"), CacheAdmission.EVICT);
        Files.delete(directory.resolve("a"));
        assertThat(listings.kept(directory, listings.state(directory))).isNull();
    }

    @Test
    void aDirectoryReplacedByAnotherAtTheSamePathIsListedAgain() throws Exception {
        DirectoryListings listings = new DirectoryListings(1 << 20, Duration.ZERO);
        Path directory = directoryWith("a");
        listings.keep(directory, listings.state(directory), List.of("a"), CacheAdmission.EVICT);

        Files.delete(directory.resolve("a"));
        Files.delete(directory);
        letTheClockTick();
        Files.createDirectory(directory);

        assertThat(listings.kept(directory, listings.state(directory))).isNull();
    }

    @Test
    void aDirectoryChangedMoreRecentlyThanTheSettleTimeIsNeverKept() throws Exception {
        DirectoryListings listings = new DirectoryListings(1 << 20, Duration.ofHours(1));
        Path directory = directoryWith("a");

        listings.keep(directory, listings.state(directory), List.of("a"), CacheAdmission.EVICT);

        assertThat(listings.kept(directory, listings.state(directory))).isNull();
    }

    @Test
    void noBudgetKeepsNothing() throws Exception {
        DirectoryListings listings = new DirectoryListings(0, Duration.ZERO);
        Path directory = directoryWith("a");

        listings.keep(directory, listings.state(directory), List.of("a"), CacheAdmission.EVICT);

        assertThat(listings.kept(directory, listings.state(directory))).isNull();
    }

    @Test
    void theStateNeverFollowsASymbolicLinkAndIsNullWhereNothingIs() throws Exception {
        DirectoryListings listings = new DirectoryListings(1 << 20, Duration.ZERO);
        Path directory = directoryWith("a");
        Path link = Files.createSymbolicLink(temp.resolve("link"), directory);

        assertThat(listings.state(directory).isDirectory()).isTrue();
        assertThat(listings.state(link).isDirectory()).isFalse();
        assertThat(listings.state(temp.resolve("missing"))).isNull();
    }
}
