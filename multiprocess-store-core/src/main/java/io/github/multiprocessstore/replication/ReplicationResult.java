package io.github.multiprocessstore.replication;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What one replication did, for logs, metrics and a health or actuator view. Counts are of this run only.
 *
 * @param source              the source store directory
 * @param target              the target store directory
 * @param startedAt           when the run started
 * @param duration            how long it took
 * @param objectsCompared     objects of the source (including objects known only by their retirement records)
 *                            whose names were compared with the target's
 * @param objectsCreated      objects that did not exist in the target and were created there
 * @param revisionsCopied     revision files copied into the target (the only files whose content was read)
 * @param bytesCopied         their total size
 * @param revisionsRetired    revisions live in the target that the source had retired, now retired in the target
 *                            too (a resolution or a compaction that reached the target)
 * @param retirementsRecorded retirement records copied to the target for revisions it did not hold, so that it
 *                            never accepts them from a third store
 * @param entriesSkipped      entries skipped, each logged: symbolic links, files or links where an object directory
 *                            belongs (in either store), and source revision files that do not hold a JSON object
 *                            (e.g. still being written in place by a Node.js process); names that are not the
 *                            store's at all are logged but not counted
 * @param objectsDeferred     objects left for the next run because the source kept changing under this one
 */
public record ReplicationResult(
        Path source,
        Path target,
        Instant startedAt,
        Duration duration,
        long objectsCompared,
        long objectsCreated,
        long revisionsCopied,
        long bytesCopied,
        long revisionsRetired,
        long retirementsRecorded,
        long entriesSkipped,
        long objectsDeferred) {

    /**
     * Whether the run changed the target.
     *
     * @return true if it copied, created, retired or recorded anything
     */
    public boolean changedTarget() {
        return objectsCreated + revisionsCopied + revisionsRetired + retirementsRecorded > 0;
    }
}
