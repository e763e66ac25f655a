package io.github.multiprocessstore.internal.journal;

import io.github.multiprocessstore.internal.read.CacheAdmission;
import io.github.multiprocessstore.internal.read.DirectoryListings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading the journal: its segment files and the records in them. A reader keeps, per segment, the offset up to
 * which it has read; records are only ever appended, so reading on from that offset later sees exactly what was
 * added. Torn and corrupt bytes are detected by {@link RecordCodec} and never misread.
 */
public final class JournalFiles {

    /**
     * The most one {@link #read} takes in, far more than the longest record, so a record never straddles two calls
     * unseen; a reader that finds more left comes back for it.
     */
    public static final int CHUNK_BYTES = 256 * 1024;

    private static final System.Logger LOG = System.getLogger(JournalFiles.class.getName());

    /**
     * A segment file as listed.
     *
     * @param name     its name
     * @param path     the file
     * @param size     its size when listed
     * @param modified its modification time in epoch milliseconds when listed
     */
    public record SegmentFile(SegmentName name, Path path, long size, long modified) {}

    /**
     * A record with where it lies in its segment.
     *
     * @param record the record
     * @param start  its first byte
     * @param end    the offset after it
     */
    public record Entry(JournalRecord record, long start, long end) {}

    /**
     * What one read of a segment found.
     *
     * @param entries the complete, valid records, in file order (seals left out)
     * @param end     the offset to read on from: after the last complete record or skipped garbage
     * @param sealed  whether a seal record was read: the writer appends nothing more
     * @param skipped bytes skipped as corrupt
     */
    public record Chunk(List<Entry> entries, long end, boolean sealed, long skipped) {}

    private JournalFiles() {}

    /**
     * The segments in a journal directory; none if it does not exist. Other names are ignored.
     *
     * @param directory {@code <store>/.mpstore/journal}
     * @return the segments, in no particular order (a list the caller may change)
     * @throws IOException if the directory exists but cannot be listed
     */
    public static List<SegmentFile> list(Path directory) throws IOException {
        List<SegmentFile> segments = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + SegmentName.SUFFIX)) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                Optional<SegmentName> name =
                        SegmentName.parse(file.substring(0, file.length() - SegmentName.SUFFIX.length()));
                if (name.isEmpty()) {
                    continue;
                }
                try {
                    BasicFileAttributes attributes =
                            Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isRegularFile()) {
                        segments.add(new SegmentFile(
                                name.get(),
                                entry,
                                attributes.size(),
                                attributes.lastModifiedTime().toMillis()));
                    }
                } catch (NoSuchFileException removedMeanwhile) {
                    // removed by retention between the listing and the stat
                }
            }
        } catch (NoSuchFileException | java.nio.file.NotDirectoryException missing) {
            return new ArrayList<>();
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return segments;
    }

    /**
     * The size of every segment, by segment id: what a reader must have read to have seen every record written so
     * far. Leaner than {@link #list} (no glob, one {@code stat} per segment), for callers that ask on every query.
     * A segment removed between the listing and its {@code stat} shows size 0.
     *
     * @param directory {@code <store>/.mpstore/journal}
     * @return segment id to size; empty if the directory does not exist
     */
    public static Map<String, Long> sizes(Path directory) {
        java.io.File folder = directory.toFile();
        String[] names = folder.list();
        if (names == null) {
            return Map.of();
        }
        Map<String, Long> sizes = new HashMap<>();
        for (String file : names) {
            String id = segmentIdOf(file);
            if (id != null) {
                sizes.put(id, new java.io.File(folder, file).length());
            }
        }
        return sizes;
    }

    /**
     * Like {@link #sizes(Path)}, but lists the directory only when its state shows it changed since a listing kept in
     * {@code listings} (new segments are created rarely: when a writer starts or rotates); otherwise one {@code stat}
     * of the directory stands for the listing, and each known segment is {@code stat}ed for its size. Sound for the
     * reason {@link DirectoryListings} gives: a segment created after the kept listing changes the directory's ctime.
     *
     * @param directory {@code <store>/.mpstore/journal}
     * @param listings  where this caller keeps the directory's listing
     * @return segment id to size; empty if the directory does not exist
     */
    public static Map<String, Long> sizes(Path directory, DirectoryListings listings) {
        List<String> ids;
        try {
            DirectoryListings.State state = listings.state(directory);
            if (state == null || !state.isDirectory()) {
                return Map.of();
            }
            ids = listings.kept(directory, state);
            if (ids == null) {
                String[] names = directory.toFile().list();
                if (names == null) {
                    return Map.of();
                }
                List<String> listed = new ArrayList<>(names.length);
                for (String file : names) {
                    String id = segmentIdOf(file);
                    if (id != null) {
                        listed.add(id);
                    }
                }
                ids = List.copyOf(listed);
                listings.keep(directory, state, ids, CacheAdmission.EVICT);
            }
        } catch (IOException e) {
            return sizes(directory);
        }
        java.io.File folder = directory.toFile();
        Map<String, Long> sizes = new HashMap<>(ids.size() * 2);
        for (String id : ids) {
            sizes.put(id, new java.io.File(folder, id + SegmentName.SUFFIX).length());
        }
        return sizes;
    }

    /** The segment id of a file name in the journal directory, or null if it is not a segment. */
    private static String segmentIdOf(String file) {
        if (!file.endsWith(SegmentName.SUFFIX)) {
            return null;
        }
        String id = file.substring(0, file.length() - SegmentName.SUFFIX.length());
        return SegmentName.parse(id).isPresent() ? id : null;
    }

    /**
     * Reads the complete records of a segment from an offset, at most {@value #CHUNK_BYTES} bytes at a time.
     *
     * @param segment the file
     * @param offset  where to start (a record boundary this reader reached before, or 0)
     * @return what was read; no entries and the same offset if nothing complete was added
     * @throws IOException if the file cannot be read (a missing file is an empty chunk)
     */
    public static Chunk read(Path segment, long offset) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, offset + buffer.position());
                if (read < 0) {
                    break;
                }
            }
        } catch (NoSuchFileException removed) {
            return new Chunk(List.of(), offset, false, 0);
        }
        buffer.flip();
        List<Entry> entries = new ArrayList<>();
        boolean sealed = false;
        long skipped = 0;
        while (buffer.hasRemaining()) {
            RecordCodec.Decoded decoded = RecordCodec.decode(buffer);
            if (decoded.status() == RecordCodec.Status.INCOMPLETE) {
                break;
            }
            if (decoded.status() == RecordCodec.Status.CORRUPT) {
                buffer.position(buffer.position() + 1);
                skipped++;
                continue;
            }
            long start = offset + buffer.position();
            buffer.position(buffer.position() + decoded.length());
            if (decoded.record().kind() == JournalKind.SEAL) {
                sealed = true;
            } else {
                entries.add(new Entry(decoded.record(), start, offset + buffer.position()));
            }
        }
        if (skipped > 0) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Skipped {0} corrupt bytes in change journal segment {1} (a torn or damaged record); the"
                            + " feed's reconciliation reports what they held",
                    skipped,
                    segment);
        }
        return new Chunk(entries, offset + buffer.position(), sealed, skipped);
    }

    /**
     * Removes segments whose last write is older than the retention. Safe from any process: a writer never appends
     * to a segment older than its rotation age, far below the retention.
     *
     * @param directory the journal directory
     * @param settings  the retention
     * @param nowMillis the current time
     */
    public static void removeExpired(Path directory, JournalSettings settings, long nowMillis) {
        long before = nowMillis - settings.retention().toMillis();
        try {
            for (SegmentFile segment : list(directory)) {
                if (segment.modified() < before
                        && settings.sealedByAge(segment.name().created(), nowMillis)) {
                    Files.deleteIfExists(segment.path());
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Could not remove expired journal segments in " + directory, e);
        }
    }
}
