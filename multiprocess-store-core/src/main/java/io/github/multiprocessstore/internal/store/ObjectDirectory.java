package io.github.multiprocessstore.internal.store;

import io.github.multiprocessstore.internal.format.RevisionNames;
import io.github.multiprocessstore.internal.journal.JournalKind;
import io.github.multiprocessstore.internal.read.CacheAdmission;
import io.github.multiprocessstore.internal.read.DirectoryListings;
import io.github.multiprocessstore.internal.write.AtomicFiles;
import io.github.multiprocessstore.internal.write.ObjectLocks;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One object's directory, {@code <store>/<encoded id>}: the id, its encoded name and the path travel together,
 * and the file-level steps on one object happen here (list, lock, retire, remove when empty). Immutable; the
 * directory itself may or may not exist.
 */
public final class ObjectDirectory {

    private final StoreFiles files;
    private final String id;
    private final String name;
    private final Path path;

    ObjectDirectory(StoreFiles files, String id, String name, Path path) {
        this.files = files;
        this.id = id;
        this.name = name;
        this.path = path;
    }

    /** The object's id. */
    public String id() {
        return id;
    }

    /** The directory's name: the encoded id. */
    public String name() {
        return name;
    }

    /** The directory. */
    public Path path() {
        return path;
    }

    /**
     * One revision file in the directory.
     *
     * @param revision a revision name
     * @return its path
     */
    public Path file(String revision) {
        return path.resolve(revision);
    }

    /** The store the object belongs to. */
    public StoreFiles store() {
        return files;
    }

    /**
     * Lists the revision names (names that are not revision names are logged once and left out). A listing kept
     * from an earlier call is used while the directory's state shows it cannot have changed
     * ({@link DirectoryListings}). A symbolic link is never followed.
     *
     * @param admission how a new listing enters the kept ones
     * @return what is there
     * @throws IOException if the directory cannot be inspected or listed
     */
    public Listing list(CacheAdmission admission) throws IOException {
        DirectoryListings listings = files.listings();
        DirectoryListings.State state = listings.state(path);
        if (state == null) {
            return Listing.absent();
        }
        if (!state.isDirectory()) {
            return Listing.foreign();
        }
        List<String> kept = listings.kept(path, state);
        if (kept != null) {
            return Listing.of(kept);
        }
        String[] entries = StoreFiles.listNamesOrNull(path);
        if (entries == null) {
            return Listing.absent();
        }
        List<String> listed = Collections.unmodifiableList(revisionNames(path, entries));
        listings.keep(path, state, listed, admission);
        return Listing.of(listed);
    }

    /**
     * Runs an action holding the object's exclusive lock, the one every strict write, resolution, replication and
     * compaction of the object takes, in every process on this host that uses this library.
     *
     * @param action what to do under the lock
     * @param <T>    the result type
     * @return the action's result
     * @throws IOException if the lock cannot be taken or the action fails with an I/O error
     */
    public <T> T lock(ObjectLocks.LockedAction<T> action) throws IOException {
        return files.locks().withLock(name, action);
    }

    /**
     * Records a change of this object in the store's change journal; never fails (see
     * {@link io.github.multiprocessstore.internal.journal.JournalWriter}). Call it under the object's lock when the
     * write held it, so that the records of one object are appended in the order of its writes.
     *
     * @param winner the object's winning revision after the change
     * @param kind   what happened
     */
    public void journal(String winner, JournalKind kind) {
        files.journal().append(name, winner, kind);
    }

    /** Where the object's retirement records live: {@code <store>/.mpstore/trash/<name>}. */
    public Path retirementDirectory() {
        return files.trashDirectory().resolve(name);
    }

    /**
     * The names of the object's retired revisions: its retirement records, with or without content.
     *
     * @return retired revision names, empty if none
     * @throws IOException if the records cannot be listed
     */
    public Set<String> retired() throws IOException {
        Path records = retirementDirectory();
        if (!Files.isDirectory(records, LinkOption.NOFOLLOW_LINKS)) {
            return Set.of();
        }
        String[] entries = StoreFiles.listNamesOrNull(records);
        return entries == null ? Set.of() : new HashSet<>(revisionNames(records, entries));
    }

    /**
     * Retires revisions of the object, in the order given: moves each file that is in the object directory into
     * its retirement record with one atomic rename (so a reader sees it either live or gone, and the record exists
     * from that instant), or else creates an empty record; a revision already recorded (retired meanwhile by
     * another process) is left as it is. Each record is stamped with the time of retirement. Call it under the
     * object's lock, or, for revisions older than a winner that stays, after it; never retire an object's winner
     * unless every revision of the object goes (readers would elect an older revision).
     *
     * @param revisions the revision names
     * @return the revisions whose live file this call moved
     * @throws IOException if the file system refuses
     */
    public List<String> retire(Collection<String> revisions) throws IOException {
        if (revisions.isEmpty()) {
            return List.of();
        }
        Path records = retirementDirectory();
        files.modes().createDirectories(records);
        FileTime now = FileTime.from(files.clock().instant());
        List<String> moved = new ArrayList<>(revisions.size());
        for (String revision : revisions) {
            Path record = records.resolve(revision);
            try {
                // Replaces an empty record if one exists (a copy that arrived after its retirement): the rename is
                // the retirement, so the record and the disappearance of the live file are one step.
                AtomicFiles.moveAtomically(file(revision), record);
                moved.add(revision);
            } catch (NoSuchFileException notLive) {
                try {
                    files.modes().createEmptyFile(record);
                } catch (FileAlreadyExistsException alreadyRecorded) {
                    continue;
                }
            }
            try {
                Files.setLastModifiedTime(record, now);
            } catch (NoSuchFileException purgedMeanwhile) {
                // Only a purge replaces records; the record still exists under its name.
            }
        }
        if (files.durable()) {
            AtomicFiles.syncDirectory(records);
            if (!moved.isEmpty()) {
                AtomicFiles.syncDirectory(path);
            }
        }
        return moved;
    }

    /**
     * Removes the directory if it is empty (all its revisions retired); a directory that gained a revision
     * meanwhile is kept. Call it under the object's lock.
     *
     * @return true if the directory was removed
     * @throws IOException if the file system refuses for another reason
     */
    public boolean removeIfEmpty() throws IOException {
        try {
            Files.delete(path);
        } catch (DirectoryNotEmptyException | NoSuchFileException keep) {
            return false;
        }
        if (files.durable()) {
            AtomicFiles.syncDirectory(files.root());
        }
        return true;
    }

    private List<String> revisionNames(Path directory, String[] entries) {
        List<String> names = new ArrayList<>(entries.length);
        for (String entry : entries) {
            if (RevisionNames.isValid(entry)) {
                names.add(entry);
            } else {
                files.warnOnce(directory.resolve(entry), "is not a revision file name (<N>-<32 hex>); ignored");
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
