package io.github.multiprocessstore.replication;

import io.github.multiprocessstore.ProgressListener;
import io.github.multiprocessstore.StoreException;
import io.github.multiprocessstore.StoreIOException;
import io.github.multiprocessstore.internal.format.AlphanumComparator;
import io.github.multiprocessstore.internal.format.StoreLayout;
import io.github.multiprocessstore.internal.read.CacheAdmission;
import io.github.multiprocessstore.internal.read.DirectoryListings;
import io.github.multiprocessstore.internal.store.Listing;
import io.github.multiprocessstore.internal.store.ObjectDirectory;
import io.github.multiprocessstore.internal.store.StoreFiles;
import io.github.multiprocessstore.internal.write.FileModes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One replication from a source store into a target store; see {@link Replicator} for the guarantees. Used once,
 * then closed.
 */
final class ReplicationRun implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Replicator.class.getName());
    /** How often one object is re-listed when the source changes under the copy before it is left for next time. */
    private static final int ATTEMPTS = 3;

    private enum Outcome {
        DONE,
        SOURCE_CHANGED
    }

    private final StoreFiles source;
    private final StoreFiles target;
    private final ReplicationOptions options;
    private final Consumer<Path> onContentRead;
    private final ProgressListener progress;
    private final LongAdder compared = new LongAdder();
    private final LongAdder created = new LongAdder();
    private final LongAdder copied = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder retired = new LongAdder();
    private final LongAdder recorded = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder deferred = new LongAdder();
    private Set<String> sourceNamesWithRetirements;
    private Set<String> targetNamesWithRetirements;
    private final RevisionCopies copies;

    /**
     * @param onContentRead told of every source file whose content is read (a seam proving that replication only
     *                      reads the files it copies)
     */
    ReplicationRun(Path source, Path target, ReplicationOptions options, Consumer<Path> onContentRead) {
        this(source, target, options, onContentRead, ProgressListener.NONE);
    }

    /**
     * @param onContentRead told of every source file whose content is read (a seam proving that replication only
     *                      reads the files it copies)
     * @param progress      told of the objects to compare, then of each one compared
     */
    ReplicationRun(
            Path source,
            Path target,
            ReplicationOptions options,
            Consumer<Path> onContentRead,
            ProgressListener progress) {
        this.progress = progress;
        this.options = options;
        this.onContentRead = onContentRead;
        StoreLayout sourceLayout = StoreLayout.of(source);
        Path sourceRoot = sourceLayout.root();
        if (!Files.isDirectory(sourceRoot, LinkOption.NOFOLLOW_LINKS)) {
            throw new StoreException(
                    "Store directory " + sourceRoot + " does not exist or is not a directory (a symbolic"
                            + " link is not followed); check the path",
                    null,
                    sourceRoot,
                    null);
        }
        this.source = StoreFiles.readOnly(sourceLayout);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            requireDistinct(sourceRoot, target);
        }
        StoreLayout targetLayout = StoreLayout.of(target);
        try {
            this.target = StoreFiles.create(
                    targetLayout,
                    options.clock(),
                    options.durable(),
                    DirectoryListings.none(),
                    FileModes.of(
                            options.permissions().files(), options.permissions().directories()));
        } catch (IOException e) {
            throw new StoreIOException(
                    "create the store directory (check that the path is a writable directory)",
                    null,
                    targetLayout.root(),
                    e);
        }
        requireDistinct(sourceRoot, this.target.root());
        this.copies = new RevisionCopies(
                this.source, this.target, options.durable(), onContentRead, created, copied, bytes, skipped);
    }

    /** Releases the target's share of the lock files. */
    @Override
    public void close() {
        target.close();
        source.close();
    }

    private static void requireDistinct(Path source, Path target) {
        try {
            if (source.equals(target.toAbsolutePath().normalize()) || Files.isSameFile(source, target)) {
                throw new IllegalArgumentException("Replication source and target are the same store: " + source);
            }
        } catch (IOException e) {
            throw new StoreIOException("compare the replication source with the target", null, target, e);
        }
    }

    ReplicationResult run() {
        Instant startedAt = options.clock().instant();
        long start = System.nanoTime();
        // Retirements are listed before live names, here and per object: a revision retired while this run lists
        // is then seen live (and copied, then retired next time) rather than missed on both sides.
        Set<String> names;
        try {
            sourceNamesWithRetirements = source.namesWithRetirements();
            targetNamesWithRetirements = target.namesWithRetirements();
            names = new LinkedHashSet<>(sourceNamesWithRetirements);
            source.objects().forEach(object -> names.add(object.name()));
        } catch (IOException e) {
            throw new StoreIOException("list objects", null, source.root(), e);
        }
        progress.started(names.size());
        forEachInParallel(new ArrayList<>(names), name -> {
            replicateObject(name);
            progress.objectDone();
        });
        ReplicationResult result = new ReplicationResult(
                source.root(),
                target.root(),
                startedAt,
                Duration.ofNanos(System.nanoTime() - start),
                compared.sum(),
                created.sum(),
                copied.sum(),
                bytes.sum(),
                retired.sum(),
                recorded.sum(),
                skipped.sum(),
                deferred.sum());
        LOG.log(System.Logger.Level.DEBUG, "Replicated {0}", result);
        return result;
    }

    private void replicateObject(String name) {
        compared.increment();
        ObjectDirectory from = source.named(name);
        ObjectDirectory into = target.named(name);
        try {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                Set<String> sourceRetired =
                        attempt > 1 || sourceNamesWithRetirements.contains(name) ? from.retired() : Set.of();
                Listing listed = from.list(CacheAdmission.ONLY_FREE_ROOM);
                if (listed.isForeign()) {
                    source.warnOnce(from.path(), "is not a directory (a file or a symbolic link); not replicated");
                    skipped.increment();
                }
                List<String> sourceLive = listed.names();
                if (!needsChange(into, sourceLive, sourceRetired)) {
                    return;
                }
                if (into.lock(() -> applyLocked(from, into, sourceLive, sourceRetired)) == Outcome.DONE) {
                    return;
                }
            }
        } catch (IOException e) {
            throw StoreIOException.of("replicate", into.id(), into.path(), target.root(), e);
        }
        LOG.log(
                System.Logger.Level.INFO,
                "Object ''{0}'' kept changing in {1} while it was replicated; it is left for the next replication",
                from.id(),
                source.root());
        deferred.increment();
    }

    /** The cheap check without the lock, from names only; the decision is taken again under the lock. */
    private boolean needsChange(ObjectDirectory into, List<String> sourceLive, Set<String> sourceRetired)
            throws IOException {
        Set<String> targetRetired = targetNamesWithRetirements.contains(into.name()) ? into.retired() : Set.of();
        if (!targetRetired.containsAll(sourceRetired)) {
            return true;
        }
        Listing listed = into.list(CacheAdmission.ONLY_FREE_ROOM);
        if (listed.isForeign()) {
            target.warnOnce(
                    into.path(), "is not a directory (a file or a symbolic link); nothing is replicated into it");
            skipped.increment();
            return false;
        }
        Set<String> targetLive = new HashSet<>(listed.names());
        for (String revision : sourceLive) {
            if (!targetLive.contains(revision)
                    && !targetRetired.contains(revision)
                    && !sourceRetired.contains(revision)) {
                return true;
            }
        }
        for (String revision : targetLive) {
            if (targetRetired.contains(revision)) {
                return true;
            }
        }
        return false;
    }

    private Outcome applyLocked(
            ObjectDirectory from, ObjectDirectory into, List<String> sourceLive, Set<String> sourceRetired)
            throws IOException {
        Listing listed = into.list(CacheAdmission.ONLY_FREE_ROOM);
        if (listed.isForeign()) {
            return Outcome.DONE;
        }
        Set<String> targetLive = new HashSet<>(listed.names());
        Set<String> targetRetired = into.retired();
        List<String> toCopy = new ArrayList<>();
        for (String revision : sourceLive) {
            if (!targetLive.contains(revision)
                    && !targetRetired.contains(revision)
                    && !sourceRetired.contains(revision)) {
                toCopy.add(revision);
            }
        }
        toCopy.sort(AlphanumComparator.INSTANCE);
        boolean sourceChanged = false;
        if (!toCopy.isEmpty()) {
            sourceChanged = listed.exists()
                    ? copies.copyInto(from, into, toCopy, targetLive)
                    : copies.createObject(from, into, toCopy, targetLive);
        }
        if (sourceChanged) {
            // A revision vanished from the source (retired there meanwhile): retiring on the target now could take
            // away the revision that replaced it before it is copied. Look at the source again first.
            return Outcome.SOURCE_CHANGED;
        }
        List<String> carried = new ArrayList<>();
        for (String revision : sourceRetired) {
            if (!targetRetired.contains(revision)) {
                carried.add(revision);
            }
        }
        List<String> movedCarried = into.retire(carried);
        retired.add(movedCarried.size());
        recorded.add(carried.size() - movedCarried.size());
        targetLive.removeAll(movedCarried);
        // Live although retired here: copied in by a file-level tool after its retirement. Retire it again.
        List<String> movedAgain =
                into.retire(targetLive.stream().filter(targetRetired::contains).toList());
        retired.add(movedAgain.size());
        targetLive.removeAll(movedAgain);
        if (!(movedCarried.isEmpty() && movedAgain.isEmpty()) && targetLive.isEmpty()) {
            into.removeIfEmpty();
        }
        if (!(toCopy.isEmpty() && movedCarried.isEmpty() && movedAgain.isEmpty())) {
            ReplicationJournal.record(into, listed.names());
        }
        return Outcome.DONE;
    }

    private void forEachInParallel(List<String> names, Consumer<String> action) {
        if (options.parallelism() == 1 || names.size() < 2) {
            names.forEach(action);
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(options.parallelism());
        try {
            pool.submit(() -> names.parallelStream().forEach(action)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(
                    "Replication from " + source.root() + " to " + target.root()
                            + " was interrupted; run it again (it is idempotent)",
                    null,
                    target.root(),
                    e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new StoreException(
                    "Replication from " + source.root() + " to " + target.root() + " failed: " + cause,
                    null,
                    target.root(),
                    cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
