package io.github.multiprocessstore;

import io.github.multiprocessstore.internal.format.Revisions;
import io.github.multiprocessstore.internal.read.CacheAdmission;
import io.github.multiprocessstore.internal.read.CorruptFileException;
import io.github.multiprocessstore.internal.read.FileBeyondReadLimitsException;
import io.github.multiprocessstore.internal.read.RevisionFiles;
import io.github.multiprocessstore.internal.read.StoredRevision;
import io.github.multiprocessstore.internal.store.Listing;
import io.github.multiprocessstore.internal.store.ObjectDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The read side of {@link FileObjectStore}: lists object directories and reads their winners, with the retries a
 * store shared with other processes needs, and translates the engine's errors into the API's.
 */
final class ObjectReader {

    private static final int READ_ATTEMPTS = 5;
    /** With the doubling pause this waits up to about half a second for a Node writer to finish a file. */
    private static final int CORRUPT_READ_ATTEMPTS = 9;
    /** A file that does not parse and is older than this is corrupt, not being written. */
    private static final Duration WRITE_IN_PROGRESS_WINDOW = Duration.ofSeconds(2);

    /** The listing of an object directory and the revision it elects. */
    record Current(List<String> names, StoredRevision winner) {}

    private final RevisionFiles revisionFiles;
    private final Clock clock;

    ObjectReader(RevisionFiles revisionFiles, Clock clock) {
        this.revisionFiles = revisionFiles;
        this.clock = clock;
    }

    /**
     * The revision names of an object, or empty if there is no object directory (a file or a symbolic link in
     * its place is logged once and counts as none).
     */
    Optional<List<String>> revisionNames(ObjectDirectory object, CacheAdmission admission) {
        Listing listing;
        try {
            listing = object.list(admission);
        } catch (IOException e) {
            throw StoreIOException.of(
                    "list revisions", object.id(), object.path(), object.store().root(), e);
        }
        if (listing.isForeign()) {
            object.store().warnOnce(object.path(), "is not a directory (a file or symbolic link); not an object");
        }
        return listing.exists() ? Optional.of(listing.names()) : Optional.empty();
    }

    /** The revision names of an object that must exist. */
    List<String> requireRevisionNames(ObjectDirectory object) {
        return revisionNames(object, CacheAdmission.EVICT)
                .orElseThrow(() -> new ObjectNotFoundException(object.id(), object.path()));
    }

    /**
     * The listing and its winner's content, or empty if there is no object directory or it holds no revision.
     * Re-lists when the elected file disappears (a resolution moved it) and re-reads a file that does not parse
     * yet (the original npm package writes its files in place, so a Node writer may still be filling it).
     */
    Optional<Current> current(ObjectDirectory object, CacheAdmission admission) {
        for (int attempt = 1; ; attempt++) {
            Optional<List<String>> names = revisionNames(object, admission);
            if (names.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> winner = Revisions.winner(names.get());
            if (winner.isEmpty()) {
                object.store()
                        .warnOnce(
                                object.path(),
                                "is an object directory without any revision file "
                                        + "(left by a crashed writer?); the object is treated as absent");
                return Optional.empty();
            }
            Path file = object.file(winner.get());
            try {
                return Optional.of(new Current(names.get(), revisionFiles.readCached(file, winner.get(), admission)));
            } catch (NoSuchFileException vanished) {
                if (attempt == READ_ATTEMPTS) {
                    throw new StoreIOException("read the winning revision", object.id(), object.path(), vanished);
                }
            } catch (FileBeyondReadLimitsException e) {
                throw beyondLimits(object, e);
            } catch (CorruptFileException corrupt) {
                if (attempt == CORRUPT_READ_ATTEMPTS || !isRecentlyModified(file)) {
                    throw corrupt(object, corrupt);
                }
                pause(attempt);
            } catch (IOException e) {
                throw StoreIOException.of(
                        "read the winning revision",
                        object.id(),
                        file,
                        object.store().root(),
                        e);
            }
        }
    }

    /**
     * Under the lock, before writing on top: the object's listing and live winner, which the write is about to
     * supersede, so neither enters a cache (a kept listing or a cached winner is still used).
     */
    Current requireLive(ObjectDirectory object) {
        return current(object, CacheAdmission.NONE)
                .filter(current -> !current.winner().deleted())
                .orElseThrow(() -> new ObjectNotFoundException(object.id(), object.path()));
    }

    /** The winner, or empty if there is none; for reads of one object. */
    Optional<StoredRevision> winner(ObjectDirectory object) {
        return current(object, CacheAdmission.EVICT).map(Current::winner);
    }

    /** The winner if it is live, or empty; corrupt winners are logged and skipped, for scans of a whole store. */
    Optional<StoredRevision> liveWinnerForScan(ObjectDirectory object) {
        try {
            return current(object, CacheAdmission.ONLY_FREE_ROOM)
                    .map(Current::winner)
                    .filter(winner -> !winner.deleted());
        } catch (CorruptRevisionException | RevisionBeyondReadLimitsException e) {
            System.getLogger(FileObjectStore.class.getName())
                    .log(System.Logger.Level.WARNING, "Skipping object ''{0}'': {1}", object.id(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether a revision is a tombstone; through the read cache, as the winner was usually just read. */
    boolean isDeleted(ObjectDirectory object, String revision) throws IOException {
        try {
            return revisionFiles
                    .readCached(object.file(revision), revision, CacheAdmission.EVICT)
                    .deleted();
        } catch (CorruptFileException e) {
            throw corrupt(object, e);
        } catch (FileBeyondReadLimitsException e) {
            throw beyondLimits(object, e);
        }
    }

    /** One revision, whether or not it wins, of an object whose directory holds {@code names}. */
    StoredRevision revision(ObjectDirectory object, List<String> names, String revision) {
        if (!names.contains(revision)) {
            throw missingRevision(object, names, revision);
        }
        try {
            return revisionFiles.read(object.file(revision), revision);
        } catch (NoSuchFileException e) {
            // Retired by another process since the listing.
            throw missingRevision(object, names, revision);
        } catch (CorruptFileException e) {
            throw corrupt(object, e);
        } catch (FileBeyondReadLimitsException e) {
            throw beyondLimits(object, e);
        } catch (IOException e) {
            throw StoreIOException.of(
                    "read revision " + revision,
                    object.id(),
                    object.file(revision),
                    object.store().root(),
                    e);
        }
    }

    /**
     * The error for a revision that an existing object does not hold: says whether it was retired and what the
     * object's conflicts are now, so the caller can choose a revision that is there.
     */
    static RevisionNotFoundException missingRevision(ObjectDirectory object, List<String> names, String revision) {
        StringBuilder explanation = new StringBuilder();
        Path record = object.retirementDirectory().resolve(revision);
        if (Files.exists(record, LinkOption.NOFOLLOW_LINKS)) {
            explanation
                    .append(
                            "it was retired (by a conflict resolution, a compaction or the history limit); its record is ")
                    .append(record)
                    .append(". ");
        } else {
            explanation.append("no such revision file exists or was ever retired. ");
        }
        List<List<String>> conflicts = Revisions.conflicts(names);
        if (conflicts.isEmpty()) {
            explanation
                    .append("The object has no conflict now; its winning revision is ")
                    .append(Revisions.winner(names).orElse("(none)"))
                    .append(" (getRevisions lists its history)");
        } else {
            explanation.append("Its conflict groups now: ").append(conflicts).append("; choose one of those revisions");
        }
        return new RevisionNotFoundException(object.id(), object.path(), revision, explanation.toString());
    }

    private static RevisionBeyondReadLimitsException beyondLimits(
            ObjectDirectory object, FileBeyondReadLimitsException e) {
        return new RevisionBeyondReadLimitsException(object.id(), e.file(), e.size(), e.reason(), e.getCause());
    }

    private static CorruptRevisionException corrupt(ObjectDirectory object, CorruptFileException e) {
        return new CorruptRevisionException(object.id(), e.file(), e.reason(), e.getCause());
    }

    /** Whether a file may still be being written in place (by the original npm package, which does that). */
    private boolean isRecentlyModified(Path file) {
        try {
            Instant modified =
                    Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
            return modified.isAfter(clock.instant().minus(WRITE_IN_PROGRESS_WINDOW));
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(1L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
