package io.github.multiprocessstore.compaction;

import io.github.multiprocessstore.ProgressListener;
import io.github.multiprocessstore.StoreIOException;
import io.github.multiprocessstore.internal.format.AlphanumComparator;
import io.github.multiprocessstore.internal.format.RevisionNames;
import io.github.multiprocessstore.internal.format.Revisions;
import io.github.multiprocessstore.internal.journal.JournalKind;
import io.github.multiprocessstore.internal.read.CacheAdmission;
import io.github.multiprocessstore.internal.read.CorruptFileException;
import io.github.multiprocessstore.internal.read.RevisionFiles;
import io.github.multiprocessstore.internal.store.Listing;
import io.github.multiprocessstore.internal.store.ObjectDirectory;
import io.github.multiprocessstore.internal.store.StoreFiles;
import io.github.multiprocessstore.internal.write.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/** One compaction of one store; see {@link Compactor} for the rules. Used once, by one thread. */
final class CompactionRun {

    private static final System.Logger LOG = System.getLogger(Compactor.class.getName());

    /** What to do to one object. */
    private record Plan(List<String> retire, boolean removeObject, boolean conflictsKept) {
        boolean isEmpty() {
            return retire.isEmpty();
        }
    }

    private final StoreFiles files;
    private final CompactionPolicy policy;
    private final ProgressListener progress;
    /** A preview counts what the run would do and changes nothing. */
    private final boolean preview;

    private final RevisionFiles revisionFiles =
            new RevisionFiles(JsonMapper.builder().build(), 0);
    private Instant deletedBefore;
    private long visited;
    private long retired;
    private long removed;
    private long conflictsKept;
    private long purged;
    private long skipped;

    CompactionRun(StoreFiles files, CompactionPolicy policy) {
        this(files, policy, ProgressListener.NONE, false);
    }

    private CompactionRun(StoreFiles files, CompactionPolicy policy, ProgressListener progress, boolean preview) {
        this.files = files;
        this.policy = policy;
        this.progress = progress;
        this.preview = preview;
    }

    /** A compaction that tells {@code progress} of each object it has compacted. */
    static CompactionRun reporting(StoreFiles files, CompactionPolicy policy, ProgressListener progress) {
        return new CompactionRun(files, policy, progress, false);
    }

    /**
     * A run that counts what a compaction would retire, remove and purge now, and changes nothing: it takes no lock
     * and moves no file, so its counts are what a compaction started at once would find.
     */
    static CompactionRun preview(StoreFiles files, CompactionPolicy policy, ProgressListener progress) {
        return new CompactionRun(files, policy, progress, true);
    }

    CompactionResult run() {
        Instant now = policy.clock().instant();
        long start = System.nanoTime();
        deletedBefore = cutoff(now, policy.deletedObjectRetention());
        try {
            Set<String> withRecords = files.namesWithRetirements();
            List<ObjectDirectory> objects = files.objects();
            progress.started(objects.size());
            for (ObjectDirectory object : objects) {
                compactObject(object, withRecords.contains(object.name()));
                progress.objectDone();
            }
            Instant purgeBefore = cutoff(now, policy.trashContentRetention());
            for (String name : files.namesWithRetirements()) {
                purgeContent(files.named(name), purgeBefore);
            }
        } catch (IOException e) {
            throw new StoreIOException("list objects", null, files.root(), e);
        }
        CompactionResult result = new CompactionResult(
                files.root(),
                now,
                Duration.ofNanos(System.nanoTime() - start),
                visited,
                retired,
                removed,
                conflictsKept,
                purged,
                skipped);
        LOG.log(System.Logger.Level.DEBUG, "Compacted {0}", result);
        return result;
    }

    private static Instant cutoff(Instant now, Duration retention) {
        try {
            return now.minus(retention);
        } catch (DateTimeException | ArithmeticException longerThanTime) {
            return Instant.MIN;
        }
    }

    private void compactObject(ObjectDirectory object, boolean hasRecords) {
        visited++;
        try {
            Listing live = object.list(CacheAdmission.ONLY_FREE_ROOM);
            if (live.isForeign()) {
                files.warnOnce(object.path(), "is not a directory (a file or a symbolic link); skipped");
                skipped++;
                return;
            }
            if (!live.exists()) {
                return;
            }
            Plan planned = plan(object, live.names(), hasRecords);
            Plan done;
            if (preview) {
                done = planned;
                // as the run does: an empty plan is not carried out (an empty directory is left to its writer)
                retired += planned.retire().size();
                if (!planned.isEmpty() && planned.removeObject()) {
                    removed++;
                }
            } else {
                done = planned.isEmpty() ? planned : object.lock(() -> applyLocked(object));
            }
            if (done.conflictsKept()) {
                conflictsKept++;
            }
        } catch (IOException e) {
            throw StoreIOException.of("compact", object.id(), object.path(), files.root(), e);
        }
    }

    /** Plans again on a fresh listing, under the lock, and carries the plan out. */
    private Plan applyLocked(ObjectDirectory object) throws IOException {
        Listing live = object.list(CacheAdmission.ONLY_FREE_ROOM);
        if (!live.exists()) {
            return new Plan(List.of(), false, false);
        }
        Plan plan = plan(object, live.names(), true);
        retired += object.retire(plan.retire()).size();
        if (plan.removeObject() && object.removeIfEmpty()) {
            removed++;
        } else if (!plan.isEmpty() && Revisions.hasConflict(live.names())) {
            // Retirements are no change, unless they end a conflict (discarding unresolved conflicts).
            List<String> after = object.list(CacheAdmission.ONLY_FREE_ROOM).names();
            if (!Revisions.hasConflict(after)) {
                Revisions.winner(after).ifPresent(winner -> object.journal(winner, JournalKind.RESOLVED));
            }
        }
        return plan;
    }

    /** Which revisions to retire, in the order to retire them (oldest first, so the winner, if it goes, last). */
    private Plan plan(ObjectDirectory object, List<String> live, boolean hasRecords) throws IOException {
        List<String> history = Revisions.history(live);
        Set<String> records = hasRecords ? object.retired() : Set.of();
        Set<String> retire = new LinkedHashSet<>();
        List<String> remaining = new ArrayList<>(history.size());
        for (String revision : history) {
            if (records.contains(revision)) {
                retire.add(revision);
            } else {
                remaining.add(revision);
            }
        }
        if (remaining.isEmpty()) {
            return new Plan(List.copyOf(retire), true, false);
        }
        boolean discard = policy.discardUnresolvedConflicts();
        Set<Long> conflicting = conflictingNumbers(remaining);
        String winner = remaining.get(remaining.size() - 1);
        if (policy.removeDeletedObjects() && (conflicting.isEmpty() || discard) && isExpiredTombstone(object, winner)) {
            retire.addAll(remaining);
            return new Plan(List.copyOf(retire), true, false);
        }
        if (discard && !conflicting.isEmpty()) {
            // Resolve each conflict in favour of the revision readers elect: the group's last in history order.
            Map<Long, String> electedPerNumber = new HashMap<>();
            for (String revision : remaining) {
                electedPerNumber.put(RevisionNames.numberOf(revision), revision);
            }
            List<String> resolved = new ArrayList<>(remaining.size());
            for (String revision : remaining) {
                if (electedPerNumber.get(RevisionNames.numberOf(revision)).equals(revision)) {
                    resolved.add(revision);
                } else {
                    retire.add(revision);
                }
            }
            remaining = resolved;
            conflicting = Set.of();
        }
        boolean keptForConflict = false;
        for (int i = 0; i < remaining.size() - policy.keepRevisions(); i++) {
            String revision = remaining.get(i);
            if (conflicting.contains(RevisionNames.numberOf(revision))) {
                keptForConflict = true;
            } else {
                retire.add(revision);
            }
        }
        if (!keptForConflict && !conflicting.isEmpty() && policy.removeDeletedObjects()) {
            // A deleted object that would have been removed but for its conflict.
            keptForConflict = isExpiredTombstone(object, winner);
        }
        // Keep the retirement order oldest first whatever the step that chose each revision.
        List<String> ordered = new ArrayList<>(retire);
        ordered.sort(AlphanumComparator.INSTANCE);
        return new Plan(ordered, false, keptForConflict);
    }

    private static Set<Long> conflictingNumbers(List<String> revisions) {
        Set<Long> seen = new HashSet<>();
        Set<Long> conflicting = new HashSet<>();
        for (String revision : revisions) {
            long number = RevisionNames.numberOf(revision);
            if (!seen.add(number)) {
                conflicting.add(number);
            }
        }
        return conflicting;
    }

    /** Whether the winner is a tombstone written before the retention cutoff; reads it only if it is old enough. */
    private boolean isExpiredTombstone(ObjectDirectory object, String winner) {
        Path file = object.file(winner);
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()
                    || !attributes.lastModifiedTime().toInstant().isBefore(deletedBefore)) {
                return false;
            }
            return revisionFiles.read(file, winner).deleted();
        } catch (NoSuchFileException vanished) {
            return false;
        } catch (CorruptFileException corrupt) {
            files.warnOnce(file, "is not a JSON object; the object is kept (" + corrupt.reason() + ")");
            return false;
        } catch (IOException e) {
            throw new StoreIOException("read the winning revision", object.id(), file, e);
        }
    }

    /** Replaces old retired contents by empty records, each with one rename, so the record never disappears. */
    private void purgeContent(ObjectDirectory object, Instant purgeBefore) {
        Path directory = object.retirementDirectory();
        boolean purgedAny = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path record : entries) {
                if (!RevisionNames.isValid(record.getFileName().toString())) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(record, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException vanished) {
                    continue;
                }
                if (attributes.isRegularFile()
                        && attributes.size() > 0
                        && attributes.lastModifiedTime().toInstant().isBefore(purgeBefore)) {
                    if (preview) {
                        purged++;
                        continue;
                    }
                    Path empty = files.newTempPath(".purge");
                    try {
                        files.modes().createEmptyFile(empty);
                        AtomicFiles.moveAtomically(empty, record);
                    } catch (FileAlreadyExistsException | NoSuchFileException raced) {
                        continue;
                    } finally {
                        files.deleteTemp(empty);
                    }
                    purged++;
                    purgedAny = true;
                }
            }
            if (purgedAny && policy.durable()) {
                AtomicFiles.syncDirectory(directory);
            }
        } catch (NoSuchFileException vanished) {
            // nothing to purge
        } catch (IOException e) {
            throw new StoreIOException("purge retired revisions", object.id(), directory, e);
        } catch (DirectoryIteratorException e) {
            throw new StoreIOException("purge retired revisions", object.id(), directory, e.getCause());
        }
    }
}
