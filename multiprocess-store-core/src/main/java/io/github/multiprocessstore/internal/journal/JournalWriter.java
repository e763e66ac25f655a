package io.github.multiprocessstore.internal.journal;

import io.github.multiprocessstore.internal.write.FileModes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * Appends records to this writer's own segment file. One segment per writer (never shared), so appends from many
 * processes, even on different hosts sharing the store through a distributed file system where appends of two
 * clients to one file are not atomic with each other, can never interleave or overwrite each other's records.
 * Each record goes out in one {@code write} call, without fsync: the journal is an accelerator, and the feed's
 * reconciliation finds what a crash or power cut loses.
 *
 * <p>{@link #append} never throws and never blocks a write for long: a failure (a full disk, a read-only or missing
 * directory, a permission) is logged at most once a minute, the segment is abandoned, and appends are skipped for a
 * few seconds before a new segment is tried. Thread-safe.
 */
public final class JournalWriter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JournalWriter.class.getName());
    private static final long RETRY_AFTER_FAILURE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** How a segment file is opened; a seam for tests of failing disks. */
    @FunctionalInterface
    public interface Opener {
        FileChannel open(Path segment) throws IOException;
    }

    private static final Opener APPEND_NEW = segment -> FileChannel.open(
            segment, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);

    private final Path directory;
    private final JournalSettings settings;
    private final Opener opener;
    private final FileModes modes;
    private final boolean enabled;
    private final SecureRandom random = new SecureRandom();
    private FileChannel channel;
    private SegmentName segment;
    private long size;
    private Path path;
    private long checkedAt;
    private long failedAt;
    private boolean failedOnce;
    private long loggedAt;
    private boolean closed;

    private JournalWriter(Path directory, JournalSettings settings, Opener opener, FileModes modes, boolean enabled) {
        this.directory = directory;
        this.settings = settings;
        this.opener = opener;
        this.modes = modes;
        this.enabled = enabled;
    }

    /**
     * A writer into a journal directory (created on the first append).
     *
     * @param directory {@code <store>/.mpstore/journal}
     * @param settings  rotation and retention
     * @return the writer
     */
    public static JournalWriter into(Path directory, JournalSettings settings) {
        return new JournalWriter(directory, settings, APPEND_NEW, FileModes.umask(), true);
    }

    /**
     * A writer into a journal directory (created on the first append) whose directory and segments get the store's
     * permissions, like every other file the store creates.
     *
     * @param directory {@code <store>/.mpstore/journal}
     * @param settings  rotation and retention
     * @param modes     the store's file and directory permissions
     * @return the writer
     */
    public static JournalWriter into(Path directory, JournalSettings settings, FileModes modes) {
        // one writer per segment, so a plain write channel appends; the modes are set as the file is created
        return new JournalWriter(directory, settings, modes::createFile, modes, true);
    }

    /** A writer with another way to open segments (a seam for tests). */
    public static JournalWriter into(Path directory, JournalSettings settings, Opener opener) {
        return new JournalWriter(directory, settings, opener, FileModes.umask(), true);
    }

    /** A writer that writes nothing: the journal is off, or the store is only read. */
    public static JournalWriter disabled() {
        return new JournalWriter(null, null, null, FileModes.umask(), false);
    }

    /** Whether appends are written at all. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Appends one record; never throws.
     *
     * @param name     the object directory's name
     * @param revision the object's winning revision after the change
     * @param kind     what happened
     */
    public void append(String name, String revision, JournalKind kind) {
        if (!enabled) {
            return;
        }
        ByteBuffer bytes;
        try {
            bytes = RecordCodec.encode(new JournalRecord(name, revision, kind));
        } catch (IllegalArgumentException tooLong) {
            return; // names are at most 255 bytes; the feed's reconciliation would report it anyway
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            if (failedOnce && now - failedAt < RETRY_AFTER_FAILURE_NANOS) {
                return;
            }
            try {
                FileChannel out = current(bytes.remaining());
                int length = bytes.remaining();
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                size += length;
                failedOnce = false;
            } catch (IOException | RuntimeException e) {
                failed(e, now);
            }
        }
    }

    /** The channel to append to, rotating first when the segment is old or large (the old one is sealed). */
    private FileChannel current(int length) throws IOException {
        long nowMillis = settings.clock().millis();
        if (channel != null
                && (size + length > settings.maxSegmentBytes()
                        || nowMillis - segment.created()
                                >= settings.rotationAge().toMillis())) {
            sealQuietly();
            removeExpired(nowMillis);
        }
        long now = System.nanoTime();
        if (channel != null && now - checkedAt > CHECK_EVERY_NANOS) {
            checkedAt = now;
            if (!Files.exists(path)) {
                closeQuietly(); // the journal was removed: appending to an unlinked file would reach no reader
            }
        }
        if (channel == null) {
            modes.createDirectories(directory);
            SegmentName name = SegmentName.create(nowMillis, random);
            path = directory.resolve(name.fileName());
            channel = opener.open(path);
            segment = name;
            size = 0;
            checkedAt = now;
        }
        return channel;
    }

    private void failed(Exception e, long now) {
        failedOnce = true;
        failedAt = now;
        closeQuietly();
        if (loggedAt == 0 || now - loggedAt > LOG_EVERY_NANOS) {
            loggedAt = now;
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Could not append to the change journal in " + directory + " (" + e
                            + "); writes go on unaffected, and change feeds find the changes by reconciliation."
                            + " Check free space and permissions there",
                    e);
        }
    }

    /** Removes segments last written longer ago than the retention (by any writer: it is safe). */
    private void removeExpired(long nowMillis) {
        JournalFiles.removeExpired(directory, settings, nowMillis);
    }

    private void sealQuietly() {
        try {
            ByteBuffer seal = RecordCodec.encode(JournalRecord.SEAL);
            while (seal.hasRemaining()) {
                channel.write(seal);
            }
        } catch (IOException e) {
            // readers also consider a segment sealed once it is older than its rotation age
        }
        closeQuietly();
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "Could not close journal segment " + segment, e);
            }
            channel = null;
        }
    }

    /** Seals the current segment: this writer appends nothing more. */
    @Override
    public synchronized void close() {
        if (!enabled || closed) {
            return;
        }
        closed = true;
        if (channel != null) {
            sealQuietly();
        }
    }
}
