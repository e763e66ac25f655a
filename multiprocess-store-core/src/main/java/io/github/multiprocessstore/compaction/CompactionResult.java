package io.github.multiprocessstore.compaction;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What one compaction did, for logs, metrics and a health or actuator view.
 *
 * @param store                    the store directory
 * @param startedAt                when the run started
 * @param duration                 how long it took
 * @param objectsVisited           object directories looked at
 * @param revisionsRetired         revision files moved out of object directories into the retirement record
 * @param objectsRemoved           deleted objects removed altogether (their directory is gone)
 * @param objectsWithConflictsKept objects that kept revisions beyond the policy because they belong to an
 *                                 unresolved conflict
 * @param trashContentsPurged      retired revisions whose content was dropped, leaving an empty record
 * @param entriesSkipped           foreign entries skipped (logged), e.g. a file or link where an object directory
 *                                 belongs
 */
public record CompactionResult(
        Path store,
        Instant startedAt,
        Duration duration,
        long objectsVisited,
        long revisionsRetired,
        long objectsRemoved,
        long objectsWithConflictsKept,
        long trashContentsPurged,
        long entriesSkipped) {}
