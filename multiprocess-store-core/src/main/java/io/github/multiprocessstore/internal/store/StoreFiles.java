package io.github.multiprocessstore.internal.store;

import io.github.multiprocessstore.internal.format.ObjectIds;
import io.github.multiprocessstore.internal.format.RevisionNames;
import io.github.multiprocessstore.internal.format.StoreLayout;
import io.github.multiprocessstore.internal.journal.JournalSettings;
import io.github.multiprocessstore.internal.journal.JournalWriter;
import io.github.multiprocessstore.internal.read.DirectoryListings;
import io.github.multiprocessstore.internal.write.AtomicFiles;
import io.github.multiprocessstore.internal.write.FileModes;
import io.github.multiprocessstore.internal.write.ObjectLocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A store directory at the level of files, shared by the engine, replication and compaction: its object
 * directories ({@link ObjectDirectory}), the temp area where writes are assembled, the top-level listing, the object
 * locks, and the trash with its <em>retirement records</em>.
 *
 * <h2>The retirement record</h2>
 * A revision is <em>retired</em> when a conflict resolution, a history limit, a replication or a compaction takes
 * it out of its object directory. Its record is a file named after it in {@code <store>/.mpstore/trash/<encoded
 * id>/<rev>}: either the revision's content (kept for recovery) or, once compaction has purged the content, an empty
 * marker. Every record is stamped with the time of its retirement, whoever retired it: that is the one time the
 * trash's content retention counts from. Replication never copies a revision its target has retired, and carries
 * retirements from source to target.
 *
 * <p>Entries that are not what this store writes are logged once and skipped; symbolic links are never followed.
 * Instances are thread-safe; {@link #close()} releases the store's share of the JVM's lock files.
 */
public final class StoreFiles implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StoreFiles.class.getName());
    private static final int MAX_WARNED = 10_000;

    /** How long journal segments are kept when the opener does not say. */
    public static final Duration DEFAULT_JOURNAL_RETENTION = Duration.ofDays(1);

    private final Path root;
    private final Path tempDirectory;
    private final Path trashDirectory;
    private final Path journalDirectory;
    private final ObjectLocks locks;
    private final Clock clock;
    private final boolean durable;
    private final DirectoryListings listings;
    private final FileModes modes;
    private final Set<Path> warned = ConcurrentHashMap.newKeySet();
    private final JournalWriter journal;

    private StoreFiles(
            StoreLayout layout,
            Clock clock,
            boolean durable,
            DirectoryListings listings,
            FileModes modes,
            JournalWriter journal) {
        this.journal = journal;
        this.root = layout.root();
        this.tempDirectory = layout.tempDirectory();
        this.trashDirectory = layout.trashDirectory();
        this.journalDirectory = layout.journalDirectory();
        this.locks = new ObjectLocks(layout.lockDirectory(), modes);
        this.clock = clock;
        this.durable = durable;
        this.listings = listings;
        this.modes = modes;
    }

    /**
     * Opens a store to change it, creating the directory and its {@code .mpstore} area if missing.
     *
     * @param layout   the store's layout
     * @param clock    stamps retirement records
     * @param durable  whether changes are fsynced (files, then directories)
     * @param listings the object directory listings kept between reads ({@link DirectoryListings#none()} for none)
     * @param modes    the permissions of every file and directory created (those of the layout included)
     * @return the store's files
     * @throws IOException if the directories cannot be created
     */
    public static StoreFiles create(
            StoreLayout layout, Clock clock, boolean durable, DirectoryListings listings, FileModes modes)
            throws IOException {
        return create(
                layout,
                clock,
                durable,
                listings,
                modes,
                JournalWriter.into(
                        layout.journalDirectory(), JournalSettings.of(clock, DEFAULT_JOURNAL_RETENTION), modes));
    }

    /**
     * Opens a store to change it, as {@link #create(StoreLayout, Clock, boolean, DirectoryListings, FileModes)},
     * with a given change journal.
     *
     * @param layout   the store's layout
     * @param clock    stamps retirement records
     * @param durable  whether changes are fsynced (files, then directories)
     * @param listings the object directory listings kept between reads
     * @param modes    the permissions of every file and directory created (those of the layout included)
     * @param journal  where changes are journaled ({@link JournalWriter#disabled()} for nowhere); closed with this
     * @return the store's files
     * @throws IOException if the directories cannot be created
     */
    public static StoreFiles create(
            StoreLayout layout,
            Clock clock,
            boolean durable,
            DirectoryListings listings,
            FileModes modes,
            JournalWriter journal)
            throws IOException {
        for (Path directory : List.of(
                layout.root(),
                layout.engineDirectory(),
                layout.tempDirectory(),
                layout.trashDirectory(),
                layout.lockDirectory())) {
            modes.createDirectories(directory);
        }
        return new StoreFiles(layout, clock, durable, listings, modes, journal);
    }

    /**
     * Opens a store only to read names and files from it, creating nothing (a replication source).
     *
     * @param layout the store's layout
     * @return the store's files
     */
    public static StoreFiles readOnly(StoreLayout layout) {
        return new StoreFiles(
                layout,
                Clock.systemUTC(),
                false,
                DirectoryListings.none(),
                FileModes.umask(),
                JournalWriter.disabled());
    }

    /** The store directory, absolute. */
    public Path root() {
        return root;
    }

    /** Whether changes are fsynced. */
    public boolean durable() {
        return durable;
    }

    /** Creates files and directories with the store's permissions. */
    public FileModes modes() {
        return modes;
    }

    /**
     * The directory of an object by its id.
     *
     * @param id a valid id (the caller has validated it)
     * @return the object directory, which may not exist
     */
    public ObjectDirectory object(String id) {
        String name = ObjectIds.encode(id);
        return new ObjectDirectory(this, id, name, root.resolve(name));
    }

    /**
     * The directory of an object by its directory name.
     *
     * @param name an encoded id
     * @return the object directory (its id is the name itself if it does not decode, for messages)
     */
    public ObjectDirectory named(String name) {
        String id = ObjectIds.decode(name);
        return new ObjectDirectory(this, id == null ? name : id, name, root.resolve(name));
    }

    /**
     * The store's objects, read at once: every top-level name that is an encoded id, in directory order, without
     * touching them. Dot-names are skipped silently, other names logged once and skipped. {@link java.io.File#list}
     * makes no {@code Path} per entry and takes fewer system calls than a directory stream; a failure is retried
     * the slower way to learn its cause.
     *
     * @return the object directories
     * @throws IOException if the store directory cannot be listed
     */
    public List<ObjectDirectory> objects() throws IOException {
        String[] names = root.toFile().list();
        if (names == null) {
            try (Stream<ObjectDirectory> objects = streamObjects(UncheckedIOException::new)) {
                return objects.toList();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        List<ObjectDirectory> objects = new ArrayList<>(names.length);
        for (String name : names) {
            ObjectDirectory object = objectOrNull(name);
            if (object != null) {
                objects.add(object);
            }
        }
        return objects;
    }

    /**
     * The store's objects, lazily in directory order, as {@link #objects()} lists them. Close the stream.
     *
     * @param onError makes the exception to throw when the directory cannot be listed
     * @return the object directories
     */
    public Stream<ObjectDirectory> streamObjects(Function<IOException, ? extends RuntimeException> onError) {
        DirectoryStream<Path> entries;
        try {
            entries = Files.newDirectoryStream(root);
        } catch (IOException e) {
            throw onError.apply(e);
        }
        Iterator<Path> iterator = entries.iterator();
        Iterator<Path> checked = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return iterator.hasNext();
                } catch (DirectoryIteratorException e) {
                    throw onError.apply(e.getCause());
                }
            }

            @Override
            public Path next() {
                return iterator.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(checked, Spliterator.ORDERED), false)
                .map(entry -> objectOrNull(entry.getFileName().toString()))
                .filter(Objects::nonNull)
                .onClose(() -> {
                    try {
                        entries.close();
                    } catch (IOException e) {
                        throw onError.apply(e);
                    }
                });
    }

    /** The object a top-level name stands for, or null for dot-names and foreign names (logged once). */
    private ObjectDirectory objectOrNull(String name) {
        if (name.startsWith(".")) {
            return null;
        }
        String id = ObjectIds.decode(name);
        if (id == null) {
            warnOnce(root.resolve(name), "is not a name this store gives objects; ignored");
            return null;
        }
        return new ObjectDirectory(this, id, name, root.resolve(name));
    }

    /**
     * The directory names of the objects that have retirement records.
     *
     * @return encoded ids with a {@code .mpstore/trash/<name>} directory
     * @throws IOException if the trash cannot be listed
     */
    public Set<String> namesWithRetirements() throws IOException {
        if (!Files.isDirectory(trashDirectory, LinkOption.NOFOLLOW_LINKS)) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String name : listNames(trashDirectory)) {
            if (!name.startsWith(".") && ObjectIds.decode(name) != null) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * A fresh path in the store's temp area ({@code .mpstore/tmp}, same file system as the objects), for a file or
     * directory that is then renamed into place; unique across processes (it starts with the process id).
     *
     * @param suffix the name's ending, e.g. {@code ".rev"}
     * @return a path that does not exist yet
     */
    public Path newTempPath(String suffix) {
        StringBuilder name =
                new StringBuilder(48).append(ProcessHandle.current().pid()).append('-');
        RevisionNames.appendRandomHex(name, ThreadLocalRandom.current(), 16);
        return tempDirectory.resolve(name.append(suffix).toString());
    }

    /**
     * Removes a temp file or directory if it is there; a failure is logged, as the next store opened on this
     * directory removes it after the grace period.
     *
     * @param temp from {@link #newTempPath}
     */
    public void deleteTemp(Path temp) {
        try {
            AtomicFiles.deleteQuietlyIfPresent(temp);
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Could not remove temp file " + temp + "; it will be removed after the grace period",
                    e);
        }
    }

    /**
     * Removes temp files of writers that crashed: only those older than the grace period, never a live one's.
     *
     * @param gracePeriod how old a temp file must be
     */
    public void removeStaleTempFiles(Duration gracePeriod) {
        Instant olderThan = clock.instant().minus(gracePeriod);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tempDirectory)) {
            for (Path entry : entries) {
                Instant modified = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS)
                        .toInstant();
                if (modified.isBefore(olderThan)) {
                    LOG.log(System.Logger.Level.INFO, "Removing temp file {0} left by a crashed writer", entry);
                    AtomicFiles.deleteQuietlyIfPresent(entry);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not clean up temp files in " + tempDirectory, e);
        }
    }

    /**
     * Logs a warning about an unexpected entry once per path for the life of this object.
     *
     * @param path    the entry
     * @param problem completes the sentence "&lt;path&gt; ..."
     */
    public void warnOnce(Path path, String problem) {
        if (warned.size() < MAX_WARNED && warned.add(path)) {
            LOG.log(System.Logger.Level.WARNING, "{0} {1}", path, problem);
        }
    }

    /** Where the change journal's segments are, {@code .mpstore/journal}. */
    public Path journalDirectory() {
        return journalDirectory;
    }

    /** The change journal this store's writes append to (disabled for a read-only store). */
    public JournalWriter journal() {
        return journal;
    }

    /** Releases this store's share of the JVM's lock files and seals its journal segment. */
    @Override
    public void close() {
        locks.close();
        journal.close();
    }

    ObjectLocks locks() {
        return locks;
    }

    DirectoryListings listings() {
        return listings;
    }

    Path trashDirectory() {
        return trashDirectory;
    }

    Clock clock() {
        return clock;
    }

    /**
     * The names in a directory, or null if it is gone. {@link java.io.File#list()} takes four system calls where
     * {@link Files#newDirectoryStream} takes nine, on the path every read and write goes through; it reports no
     * cause, so a failure is retried the slower way to get one. It follows a symbolic link: callers refuse one
     * first with a stat that does not follow links.
     */
    static String[] listNamesOrNull(Path directory) throws IOException {
        String[] names = directory.toFile().list();
        if (names != null) {
            return names;
        }
        List<String> listed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            entries.forEach(entry -> listed.add(entry.getFileName().toString()));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return listed.toArray(String[]::new);
    }

    private static String[] listNames(Path directory) throws IOException {
        String[] names = listNamesOrNull(directory);
        return names == null ? new String[0] : names;
    }
}
