package io.github.multiprocessstore.replication;

import io.github.multiprocessstore.StoreException;
import io.github.multiprocessstore.StoreIOException;
import io.github.multiprocessstore.format.ObjectIds;
import io.github.multiprocessstore.format.RevisionName;
import io.github.multiprocessstore.format.StoreLayout;
import io.github.multiprocessstore.write.AtomicFiles;
import io.github.multiprocessstore.write.ObjectLocks;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A store directory seen by name only: its object directories, their revision files, and the <em>retirement
 * record</em> that replication and compaction share. Low-level; most programs want {@link Replicator} and
 * {@code io.github.multiprocessstore.compaction.Compactor}.
 *
 * <h2>The retirement record</h2>
 * A revision is <em>retired</em> when a conflict resolution ({@code ObjectStore.resolveConflict}), a replication or
 * a compaction takes it out of its object directory. Its record is a file named after it in
 * {@code <store>/.mpstore/trash/<encoded id>/<rev>}: either the revision's content (kept for recovery) or, once
 * compaction has purged the content, an empty marker. The record is what makes a resolution or a compaction stick:
 * replication never copies a revision its target has retired, and carries retirements from source to target.
 * Records are kept forever (one small file per retired revision); removing one lets the revision come back from a
 * peer that still holds it.
 *
 * <p>Only names are listed here; no method reads a revision's content. Entries that are not what this store
 * writes (names that are not encoded ids or revision names, symbolic links, files where a directory belongs) are
 * logged once and skipped, and symbolic links are never followed. Instances are thread-safe.
 */
public final class StoreFiles {

    private static final System.Logger LOG = System.getLogger(StoreFiles.class.getName());
    private static final int MAX_WARNED = 10_000;

    private final Path root;
    private final Path tempDirectory;
    private final Path trashDirectory;
    private final ObjectLocks locks;
    private final Clock clock;
    private final Set<Path> warned = ConcurrentHashMap.newKeySet();

    private StoreFiles(StoreLayout layout, Clock clock) {
        this.root = layout.root();
        this.clock = clock;
        this.tempDirectory = layout.tempDirectory();
        this.trashDirectory = layout.trashDirectory();
        this.locks = new ObjectLocks(layout.lockDirectory());
    }

    /**
     * Opens an existing store to read names from it, creating nothing (a replication source).
     *
     * @param store the store directory ({@code ~} expands to the user's home)
     * @return the store's files
     * @throws StoreException if the path is not an existing directory
     */
    public static StoreFiles openForReading(Path store) {
        StoreLayout layout = StoreLayout.of(store);
        Path root = layout.root();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new StoreException(
                    "Store directory " + root + " does not exist or is not a directory (a symbolic"
                            + " link is not followed); check the path",
                    null,
                    root,
                    null);
        }
        return new StoreFiles(layout, Clock.systemUTC());
    }

    /**
     * Opens a store to change it (a replication target, a store to compact), creating the directory and its
     * {@code .mpstore} area ({@code tmp}, {@code trash}, {@code locks}) if missing, as {@code ObjectStore.open}
     * does.
     *
     * @param store the store directory ({@code ~} expands to the user's home)
     * @param clock stamps retirement records with the time of retirement
     * @return the store's files
     * @throws StoreIOException if the directories cannot be created
     */
    public static StoreFiles openForWriting(Path store, Clock clock) {
        Objects.requireNonNull(clock, "clock must not be null");
        StoreLayout layout = StoreLayout.of(store);
        layout.create();
        StoreFiles files = new StoreFiles(layout, clock);
        return files;
    }

    /** The store directory, absolute. */
    public Path root() {
        return root;
    }

    /**
     * The directory of one object.
     *
     * @param name the object's directory name (its encoded id)
     * @return {@code <store>/<name>}
     */
    public Path objectDirectory(String name) {
        return root.resolve(name);
    }

    /**
     * Where the retirement records of one object live.
     *
     * @param name the object's directory name (its encoded id)
     * @return {@code <store>/.mpstore/trash/<name>}
     */
    public Path retirementDirectory(String name) {
        return trashDirectory.resolve(name);
    }

    /**
     * The directory names of the store's objects, in directory order, without touching them: every top-level name
     * that is an encoded id ({@link ObjectIds#decode(String)}). Dot-names are skipped silently; other names are
     * logged once and skipped. Whether each is really a directory is checked when it is listed.
     *
     * @return encoded ids
     * @throws StoreIOException if the store directory cannot be listed
     */
    public List<String> objectNames() {
        return encodedNamesIn(root);
    }

    /**
     * The directory names of the objects that have retirement records.
     *
     * @return encoded ids with a {@code .mpstore/trash/<name>} directory
     * @throws StoreIOException if the trash cannot be listed
     */
    public Set<String> namesWithRetirements() {
        if (!Files.isDirectory(trashDirectory, LinkOption.NOFOLLOW_LINKS)) {
            return Set.of();
        }
        return new HashSet<>(encodedNamesIn(trashDirectory));
    }

    /**
     * The revision names in an object directory. Names that are not revision names are logged once and left out.
     *
     * @param name the object's directory name
     * @return the revision names (possibly none), or empty if there is no object directory
     * @throws ForeignEntryException if something other than a directory (a file, a symbolic link) has that name
     * @throws StoreIOException      if the directory cannot be listed
     */
    public Optional<List<String>> liveRevisions(String name) {
        Path directory = objectDirectory(name);
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(directory, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isDirectory()) {
                throw new ForeignEntryException(directory, "is not a directory (a file or a symbolic link)");
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreIOException("inspect the object directory", idOf(name), directory, e);
        }
        List<String> revisions = revisionNamesIn(name, directory);
        return revisions == null ? Optional.empty() : Optional.of(revisions);
    }

    /**
     * The names of an object's retired revisions: its retirement records, with or without content.
     *
     * @param name the object's directory name
     * @return retired revision names, empty if none
     * @throws StoreIOException if the records cannot be listed
     */
    public Set<String> retiredRevisions(String name) {
        Path directory = retirementDirectory(name);
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return Set.of();
        }
        List<String> revisions = revisionNamesIn(name, directory);
        return revisions == null ? Set.of() : new HashSet<>(revisions);
    }

    /**
     * Runs an action holding the object's exclusive lock: the lock the engine's strict update, delete, upsert and
     * conflict resolution take, in every process on this host that uses this library.
     *
     * @param name   the object's directory name
     * @param action what to do under the lock
     * @param <T>    the result type
     * @return the action's result
     * @throws StoreIOException if the lock cannot be taken or the action fails with an I/O error
     */
    public <T> T withObjectLock(String name, ObjectLocks.LockedAction<T> action) {
        try {
            return locks.withLock(name, action);
        } catch (IOException e) {
            throw new StoreIOException("work under the object lock", idOf(name), objectDirectory(name), e);
        }
    }

    /**
     * Retires one revision of an object: moves its file, if it is in the object directory, into the retirement
     * record with one atomic rename (so a reader sees it either live or gone, and the record exists from that
     * instant), or else creates an empty record. Stamps the record with the time of retirement. Call it under the
     * object's lock ({@link #withObjectLock}); never retire an object's winner unless every revision of the object
     * goes (readers would elect an older revision).
     *
     * @param name     the object's directory name
     * @param revision the revision name
     * @param durable  whether to fsync the directories touched
     * @return true if a live file was moved, false if only a record was made
     * @throws IOException if the file system refuses
     */
    public boolean retire(String name, String revision, boolean durable) throws IOException {
        Path records = retirementDirectory(name);
        Files.createDirectories(records);
        Path record = records.resolve(revision);
        Path live = objectDirectory(name).resolve(revision);
        boolean moved;
        try {
            // Replaces an empty record if one exists (a copy that arrived after its retirement): the rename is
            // the retirement, so the record and the disappearance of the live file are one step.
            AtomicFiles.moveAtomically(live, record);
            moved = true;
        } catch (NoSuchFileException notLive) {
            try {
                Files.createFile(record);
            } catch (FileAlreadyExistsException alreadyRecorded) {
                return false;
            }
            moved = false;
        }
        try {
            Files.setLastModifiedTime(record, FileTime.from(clock.instant()));
        } catch (NoSuchFileException purgedMeanwhile) {
            // Only a purge replaces records; the record still exists under its name.
        }
        if (durable) {
            AtomicFiles.syncDirectory(records);
            if (moved) {
                AtomicFiles.syncDirectory(objectDirectory(name));
            }
        }
        return moved;
    }

    /**
     * Removes an object directory if it is empty (all its revisions retired); a directory that gained a revision
     * meanwhile is kept. Call it under the object's lock.
     *
     * @param name the object's directory name
     * @return true if the directory was removed
     * @throws IOException if the file system refuses for another reason
     */
    public boolean removeIfEmpty(String name) throws IOException {
        try {
            Files.delete(objectDirectory(name));
            return true;
        } catch (DirectoryNotEmptyException | NoSuchFileException keep) {
            return false;
        }
    }

    /**
     * A fresh path in the store's temp area ({@code .mpstore/tmp}, same file system as the objects), for a file
     * or directory that is then renamed into place; unique across processes (it starts with the process id).
     *
     * @param suffix the name's ending, e.g. {@code ".rep"}
     * @return a path that does not exist yet
     */
    public Path newTempPath(String suffix) {
        StringBuilder name =
                new StringBuilder(48).append(ProcessHandle.current().pid()).append('-');
        RevisionName.appendRandomHex(name, ThreadLocalRandom.current(), 16);
        return tempDirectory.resolve(name.append(suffix).toString());
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

    /**
     * The id an object directory name stands for, for messages.
     *
     * @param name an encoded id
     * @return the decoded id, or the name itself if it does not decode
     */
    public static String idOf(String name) {
        String id = ObjectIds.decode(name);
        return id == null ? name : id;
    }

    private List<String> encodedNamesIn(Path directory) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (ObjectIds.decode(name) == null) {
                    warnOnce(entry, "is not a name this store gives objects; skipped");
                } else {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new StoreIOException("list objects", null, directory, e);
        } catch (DirectoryIteratorException e) {
            throw new StoreIOException("list objects", null, directory, e.getCause());
        }
        return names;
    }

    /** The revision names in a directory, or null if it vanished. */
    private List<String> revisionNamesIn(String name, Path directory) {
        List<String> revisions = new ArrayList<>(4);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                if (RevisionName.isValid(file)) {
                    revisions.add(file);
                } else {
                    warnOnce(entry, "is not a revision file name (<N>-<32 hex>); skipped");
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        } catch (IOException e) {
            throw new StoreIOException("list revisions", idOf(name), directory, e);
        } catch (DirectoryIteratorException e) {
            throw new StoreIOException("list revisions", idOf(name), directory, e.getCause());
        }
        return revisions;
    }
}
