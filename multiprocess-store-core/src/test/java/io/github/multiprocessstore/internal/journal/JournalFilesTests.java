package io.github.multiprocessstore.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.internal.read.DirectoryListings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment sizes with a kept listing of the journal directory: a segment's growth and a new segment always show. */
class JournalFilesTests {

    @TempDir
    Path journal;

    /** Longer than the coarsest clock tick of the file systems the tests run on. */
    private static void letTheClockTick() throws InterruptedException {
        Thread.sleep(25);
    }

    private Path segment(long createdMillis) throws IOException {
        return Files.createFile(journal.resolve(
                SegmentName.create(createdMillis, new SecureRandom()).fileName()));
    }

    private static String idOf(Path segment) {
        String file = segment.getFileName().toString();
        return file.substring(0, file.length() - SegmentName.SUFFIX.length());
    }

    @Test
    void aKeptListingStillReportsGrowthAndNewSegments() throws Exception {
        DirectoryListings listings = new DirectoryListings(1 << 20, Duration.ZERO);
        Path first = segment(1_000);
        Files.writeString(journal.resolve("not-a-segment.tmp"), "x");
        letTheClockTick();

        assertThat(JournalFiles.sizes(journal, listings)).isEqualTo(Map.of(idOf(first), 0L));
        assertThat(listings.kept(journal, listings.state(journal)))
                .as("the listing is kept while the directory is unchanged")
                .containsExactly(idOf(first));

        Files.write(first, new byte[42], StandardOpenOption.APPEND);
        assertThat(JournalFiles.sizes(journal, listings)).isEqualTo(Map.of(idOf(first), 42L));

        letTheClockTick();
        Path second = segment(2_000);
        assertThat(JournalFiles.sizes(journal, listings))
                .isEqualTo(Map.of(idOf(first), 42L, idOf(second), 0L))
                .isEqualTo(JournalFiles.sizes(journal));
    }

    @Test
    void aMissingJournalHasNoSegments() {
        DirectoryListings listings = new DirectoryListings(1 << 20, Duration.ZERO);

        assertThat(JournalFiles.sizes(journal.resolve("absent"), listings)).isEmpty();
    }
}
