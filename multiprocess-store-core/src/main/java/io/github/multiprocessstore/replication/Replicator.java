package io.github.multiprocessstore.replication;

import io.github.multiprocessstore.ProgressListener;
import io.github.multiprocessstore.StoreException;
import io.github.multiprocessstore.StoreIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Copies one store (or one collection: a collection is a store directory) into another, so that stores on
 * different hosts, or on a shared file system, converge: after two stores have replicated both ways with no write
 * in between, they hold the same revision files and the same retirement records, so every reader elects the same
 * winner and reports the same conflicts in both.
 *
 * <h2>What a replication does</h2>
 * For every object directory of the source (an encoded id, copied under the same name: ids are never decoded into
 * paths), and every object with retirement records in the source (see {@code Compactor} for the record):
 * <ol>
 * <li>copies every revision file (tombstones included) that the target lacks, unless either store has retired it:
 * through a temp file in the target's {@code .mpstore/tmp} published under its name in one atomic step that never
 * replaces a file, as the engine writes, so that no reader on the target ever sees a partial file; an object new to
 * the target is assembled in the temp area and appears with one directory rename, as the engine creates objects.
 * The file's modification time is kept (tombstone retention is counted from it);</li>
 * <li>then carries the source's retirements over: a revision retired in the source (by a conflict resolution or a
 * compaction) and live in the target is retired in the target, and a record is made for one the target never held,
 * so that it never accepts it from a third store either. A revision that is live in the target although the target
 * has a record for it (copied in by a file-level tool) is retired again.</li>
 * </ol>
 * Names are compared, not contents: the only files read are the ones copied (each is checked to hold a complete JSON
 * object, as a Node.js writer of the original package fills its files in place; one that does not is skipped and
 * logged, and copied by a later run). Changes to one target object are made under that object's lock, the one the
 * engine's strict writes and resolutions take.
 *
 * <h2>Guarantees</h2>
 * <ul>
 * <li>Idempotent and restartable: running it again copies only what is still missing; an interrupted run leaves at
 * most a temp file, which the engine removes after its grace period.</li>
 * <li>Safe while other processes (Java or Node.js) read and write both stores: nothing is overwritten and nothing
 * in the source is changed; a revision retired in the source during the run is caught by the next run.</li>
 * <li>Convergent: the set of revisions of an object is the union of all stores' revisions minus the union of their
 * retirements, whatever the order and direction of replications. One consequence: if two hosts resolve the same
 * conflict differently before they replicate, both choices are retired and the object falls back to its other
 * revisions; the retired revisions stay readable in the trash ({@code .mpstore/trash}) of the hosts that held them
 * until compaction purges their content.</li>
 * <li>Never follows a symbolic link, in either store; foreign entries are logged once and skipped.</li>
 * </ul>
 *
 * <h2>With a file-level tool</h2>
 * Copying revision files with any tool that copies whole files under their names and deletes nothing is also valid
 * replication of revisions, e.g.
 * {@code rsync -a --ignore-existing --temp-dir=DST/.mpstore/tmp --exclude=/.mpstore SRC/ DST/} (the temp directory
 * keeps rsync's partial files out of object directories, where a Node.js reader would elect them). Such a copy does
 * not carry retirements: resolutions and compactions made in the source are not applied to the target, and
 * revisions the target retired come back, until a {@code Replicator} run into the target or a compaction of it.
 *
 * <p>Stateless and thread-safe; each call is one independent run.
 */
public final class Replicator {

    private Replicator() {}

    /**
     * Replicates {@code source} into {@code target} with the {@link ReplicationOptions#defaults() default options}.
     *
     * @param source an existing store directory; only read
     * @param target the store directory to bring up to date (created, with its {@code .mpstore} area, if missing)
     * @return what was done
     * @throws StoreException           if the source is not a directory
     * @throws StoreIOException         if a file system operation fails; the run can simply be repeated
     * @throws IllegalArgumentException if both are the same store
     */
    public static ReplicationResult replicate(Path source, Path target) {
        return replicate(source, target, ReplicationOptions.defaults());
    }

    /**
     * Replicates {@code source} into {@code target}: copies what the target lacks and carries the source's
     * retirements over; one direction only (replicate the other way too for both to converge).
     *
     * @param source  an existing store directory; only read
     * @param target  the store directory to bring up to date (created, with its {@code .mpstore} area, if missing)
     * @param options durability, parallelism, clock
     * @return what was done
     * @throws StoreException           if the source is not a directory
     * @throws StoreIOException         if a file system operation fails; the run can simply be repeated
     * @throws IllegalArgumentException if both are the same store
     */
    public static ReplicationResult replicate(Path source, Path target, ReplicationOptions options) {
        return replicate(source, target, options, ProgressListener.NONE);
    }

    /**
     * Replicates {@code source} into {@code target} as {@link #replicate(Path, Path, ReplicationOptions)} does,
     * telling {@code progress} how many objects it compares and when each one is done (from several threads).
     *
     * @param source   an existing store directory; only read
     * @param target   the store directory to bring up to date (created, with its {@code .mpstore} area, if missing)
     * @param options  durability, parallelism, clock
     * @param progress told of the run's progress, e.g. to draw a progress bar
     * @return what was done
     * @throws StoreException           if the source is not a directory
     * @throws StoreIOException         if a file system operation fails; the run can simply be repeated
     * @throws IllegalArgumentException if both are the same store
     */
    public static ReplicationResult replicate(
            Path source, Path target, ReplicationOptions options, ProgressListener progress) {
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(target, "target must not be null");
        Objects.requireNonNull(options, "options must not be null");
        Objects.requireNonNull(progress, "progress must not be null");
        try (ReplicationRun run = new ReplicationRun(source, target, options, file -> {}, progress)) {
            return run.run();
        }
    }
}
