package io.github.multiprocessstore.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.LogCapture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's files: records that cannot be misread, segments that rotate and expire, failures that stay quiet. */
class JournalWriterTests {

    @TempDir
    Path directory;

    private static final String REV = "3-0123456789abcdef0123456789abcdef";

    private static List<JournalRecord> records(Path segment) throws IOException {
        return JournalFiles.read(segment, 0).entries().stream()
                .map(JournalFiles.Entry::record)
                .toList();
    }

    private List<JournalFiles.SegmentFile> segments() throws IOException {
        return JournalFiles.list(directory);
    }

    @Test
    void recordsAreReadBackExactlyAndASealEndsTheSegment() throws IOException {
        JournalWriter writer = JournalWriter.into(directory, JournalSettings.of(Clock.systemUTC(), Duration.ofDays(1)));
        writer.append("alice", REV, JournalKind.UPDATED);
        writer.append("b%C3%A9", REV, JournalKind.CONFLICT);
        writer.close();

        Path segment = segments().get(0).path();
        assertThat(records(segment))
                .containsExactly(
                        new JournalRecord("alice", REV, JournalKind.UPDATED),
                        new JournalRecord("b%C3%A9", REV, JournalKind.CONFLICT));
        assertThat(JournalFiles.read(segment, 0).sealed()).isTrue();
        assertThat(Files.readString(segment, java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("ids and revision names only")
                .contains("alice", REV);
    }

    @Test
    void aTornLastRecordIsNeverMisreadAndGarbageIsSkippedToTheNextRecord() throws IOException {
        JournalWriter writer = JournalWriter.into(directory, JournalSettings.of(Clock.systemUTC(), Duration.ofDays(1)));
        writer.append("a", REV, JournalKind.CREATED);
        writer.append("b", REV, JournalKind.CREATED);
        Path segment = segments().get(0).path();
        long whole = Files.size(segment);
        for (long cut = whole - 1; cut > whole / 2; cut--) {
            try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                channel.truncate(cut);
            }
            JournalFiles.Chunk chunk = JournalFiles.read(segment, 0);
            assertThat(chunk.entries()).extracting(e -> e.record().name()).containsExactly("a");
            assertThat(chunk.end()).as("waits at the torn record").isEqualTo(whole / 2);
        }
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3, (byte) 0xC3, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}));
        }
        writer.append("c", REV, JournalKind.DELETED);

        assertThat(records(segment)).extracting(JournalRecord::name).containsExactly("a", "c");
    }

    @Test
    void aFullDiskNeverFailsAnAppendAndPausesTheJournal() throws IOException {
        try (LogCapture logs = new LogCapture()) {
            fullDiskNeverFailsAnAppend();
            assertThat(logs.warnings())
                    .anyMatch(warning -> warning.startsWith("Could not append to the change journal"));
        }
    }

    private void fullDiskNeverFailsAnAppend() throws IOException {
        boolean[] full = {true};
        JournalWriter writer =
                JournalWriter.into(directory, JournalSettings.of(Clock.systemUTC(), Duration.ofDays(1)), segment -> {
                    FileChannel channel = FileChannel.open(
                            segment,
                            StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE,
                            StandardOpenOption.APPEND);
                    if (full[0]) {
                        channel.close();
                        throw new IOException("No space left on device");
                    }
                    return channel;
                });

        writer.append("a", REV, JournalKind.CREATED); // logged, skipped

        assertThat(segments()).allSatisfy(s -> assertThat(s.size()).isZero());
        full[0] = false;
        writer.append("b", REV, JournalKind.CREATED); // still inside the pause after a failure
        assertThat(segments()).allSatisfy(s -> assertThat(s.size()).isZero());
    }

    @Test
    void segmentsRotateBySizeAndExpireAfterTheRetention() throws IOException {
        Instant[] now = {Instant.now()};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        JournalSettings settings = new JournalSettings(clock, Duration.ofHours(1), Duration.ofMinutes(10), 200);
        JournalWriter writer = JournalWriter.into(directory, settings);
        for (int i = 0; i < 10; i++) {
            writer.append("object" + i, REV, JournalKind.UPDATED);
        }
        assertThat(segments()).hasSizeGreaterThan(2);
        for (JournalFiles.SegmentFile segment : segments()) {
            Files.setLastModifiedTime(segment.path(), FileTime.from(now[0]));
        }

        now[0] = now[0].plus(Duration.ofHours(2));
        writer.append("later", REV, JournalKind.UPDATED); // rotates (old segment), which removes the expired ones

        assertThat(segments())
                .singleElement()
                .satisfies(s -> assertThat(records(s.path()))
                        .extracting(JournalRecord::name)
                        .containsExactly("later"));
    }
}
