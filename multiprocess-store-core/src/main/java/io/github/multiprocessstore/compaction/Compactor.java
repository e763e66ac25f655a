package io.github.multiprocessstore.compaction;

import io.github.multiprocessstore.ProgressListener;
import io.github.multiprocessstore.StoreIOException;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.internal.format.StoreLayout;
import io.github.multiprocessstore.internal.read.DirectoryListings;
import io.github.multiprocessstore.internal.store.StoreFiles;
import io.github.multiprocessstore.internal.write.FileModes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Removes what a store no longer needs (the sister project {@code und}'s {@code clean}): old revisions, deleted
 * objects past their retention, and the content of long-retired revisions.
 *
 * <h2>Rules, per object</h2>
 * <ol>
 * <li>A live revision that has a retirement record (copied back in by a file-level tool) is retired again.</li>
 * <li>If the winner is a tombstone older than the retention ({@link CompactionPolicy#deletedObjectRetention()},
 * from the file's modification time), the whole object goes: every revision is retired, oldest first and the
 * tombstone last (so readers see it deleted throughout), then the empty directory is removed; a revision written
 * meanwhile keeps the directory and revives the object.</li>
 * <li>Otherwise the newest {@link CompactionPolicy#keepRevisions()} revisions in the order that elects the winner
 * are kept, so the winner always is, and older ones are retired.</li>
 * <li>An unresolved conflict's revisions (two or more revisions with one number) are never retired, and an object
 * with one is never removed, unless {@link CompactionPolicy#discardUnresolvedConflicts()}: then each conflict is
 * first resolved in favour of the revision readers elect.</li>
 * </ol>
 * "Retired" means moved, with one atomic rename, into the store's <em>retirement record</em>, a file named after
 * the revision in {@code <store>/.mpstore/trash/<encoded id>/}, stamped with the time of retirement, where the
 * content stays for {@link CompactionPolicy#trashContentRetention()} and then an empty record remains forever (a
 * conflict resolution, a history limit and a replication retire revisions the same way). Because of the record, a
 * compaction sticks across replication: {@code Replicator} never copies a retired
 * revision back into this store, and carries the retirement to the stores it replicates into. A compacted-away
 * revision that still arrives (by a file-level copy) never changes the winner, as it is older, and is retired again
 * by the next compaction or replication.
 *
 * <h2>Concurrency</h2>
 * Each object is changed under its lock, the one the engine's strict update, delete, upsert and resolution take, so
 * those never interleave with it in any process. Plain updates and reads take no lock and need none: a reader whose
 * elected file vanishes lists the object again (the engine does), and the winner is never retired while the object
 * lives. Compaction reads only the winners that may be expired tombstones.
 *
 * <p>Stateless and thread-safe; each call is one independent run over the store.
 */
public final class Compactor {

    private Compactor() {}

    /**
     * Compacts a store with the {@link CompactionPolicy#defaults() default policy}.
     *
     * @param store the store directory
     * @return what was done
     * @throws StoreIOException if a file system operation fails; the run can simply be repeated
     */
    public static CompactionResult compact(Path store) {
        return compact(store, CompactionPolicy.defaults());
    }

    /**
     * Compacts every collection of a root of collections now, on the calling thread, one after the other. Safe
     * while other processes read and write.
     *
     * @param root   the root of collections
     * @param policy what to remove
     * @return one result per compacted collection and the failure of each one that was not; a failure of one
     *     collection never stops the others
     * @throws StoreIOException if the root itself cannot be listed
     */
    public static RootCompaction compactAll(StoreRoot root, CompactionPolicy policy) {
        return RootCompaction.compactAll(root, policy);
    }

    /**
     * Compacts a store.
     *
     * @param store  the store directory (created if missing, like a store)
     * @param policy what to remove
     * @return what was done
     * @throws StoreIOException if a file system operation fails; the run can simply be repeated
     */
    public static CompactionResult compact(Path store, CompactionPolicy policy) {
        return compact(store, policy, ProgressListener.NONE);
    }

    /**
     * Compacts a store as {@link #compact(Path, CompactionPolicy)} does, telling {@code progress} how many objects
     * it visits and when each one is done.
     *
     * @param store    the store directory (created if missing, like a store)
     * @param policy   what to remove
     * @param progress told of the run's progress, e.g. to draw a progress bar
     * @return what was done
     * @throws StoreIOException if a file system operation fails; the run can simply be repeated
     */
    public static CompactionResult compact(Path store, CompactionPolicy policy, ProgressListener progress) {
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(policy, "policy must not be null");
        Objects.requireNonNull(progress, "progress must not be null");
        StoreLayout layout = StoreLayout.of(store);
        StoreFiles files;
        try {
            files = StoreFiles.create(
                    layout,
                    policy.clock(),
                    policy.durable(),
                    DirectoryListings.none(),
                    FileModes.of(
                            policy.permissions().files(), policy.permissions().directories()));
        } catch (IOException e) {
            throw new StoreIOException(
                    "create the store directory (check that the path is a writable directory)", null, layout.root(), e);
        }
        try (files) {
            return CompactionRun.reporting(files, policy, progress).run();
        }
    }

    /**
     * What {@link #compact(Path, CompactionPolicy)} would do to a store now, without doing it (a dry run): the
     * counts of revisions it would retire, objects it would remove, objects it would keep for their conflicts and
     * trash contents it would purge. Changes nothing, creates nothing and takes no lock, so it may run on a store
     * that is only readable; other processes writing meanwhile may make the real run differ.
     *
     * @param store    an existing store directory; only read
     * @param policy   what a compaction would remove
     * @param progress told of the run's progress, e.g. to draw a progress bar
     * @return what a compaction would do; its {@code revisionsRetired}, {@code objectsRemoved} and
     *     {@code trashContentsPurged} count what would be retired, removed and purged
     * @throws StoreIOException if the store cannot be listed or read
     */
    public static CompactionResult preview(Path store, CompactionPolicy policy, ProgressListener progress) {
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(policy, "policy must not be null");
        Objects.requireNonNull(progress, "progress must not be null");
        StoreLayout layout = StoreLayout.of(store);
        if (!Files.isDirectory(layout.root())) {
            throw new StoreIOException(
                    "preview a compaction (check that the path is an existing store directory)",
                    null,
                    layout.root(),
                    new NoSuchFileException(layout.root().toString()));
        }
        try (StoreFiles files = StoreFiles.readOnly(layout)) {
            return CompactionRun.preview(files, policy, progress).run();
        }
    }
}
