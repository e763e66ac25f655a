package io.github.multiprocessstore.compaction;

import io.github.multiprocessstore.StorePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What a compaction removes. Immutable; start from {@link #defaults()} and change what you need with the
 * {@code with...} methods, which fail fast with a message naming the wrong value.
 *
 * @param keepRevisions              how many of each object's newest revisions are kept, the winner included (at
 *                                   least 1, default 1: only the winner)
 * @param removeDeletedObjects       whether objects whose winner is a tombstone older than
 *                                   {@code deletedObjectRetention} are removed altogether (default true)
 * @param deletedObjectRetention     how long a deleted object is kept, counted from its tombstone's modification
 *                                   time, which replication preserves (default 30 days)
 * @param trashContentRetention      how long a retired revision keeps its content in the trash, for recovery,
 *                                   before it is replaced by an empty record, counted from the time it was retired
 *                                   (whatever retired it, its record is stamped with that time); the record itself
 *                                   is never removed (default 30 days)
 * @param discardUnresolvedConflicts whether unresolved conflicts are resolved in favour of the revision that
 *                                   readers elect, so that their other revisions can be removed too (default
 *                                   false: an unresolved conflict's revisions are never removed)
 * @param durable                    whether the directories changed are fsynced (default true)
 * @param clock                      the time source for retention periods and records; a seam for tests (default:
 *                                   the UTC system clock)
 * @param permissions                the permissions of the files and directories the compaction creates (retirement
 *                                   records, the trash's directories); give it the store's own (default: the umask)
 */
public record CompactionPolicy(
        int keepRevisions,
        boolean removeDeletedObjects,
        Duration deletedObjectRetention,
        Duration trashContentRetention,
        boolean discardUnresolvedConflicts,
        boolean durable,
        Clock clock,
        StorePermissions permissions) {

    /**
     * Validates the policy.
     *
     * @throws IllegalArgumentException if {@code keepRevisions} is less than 1 or a retention is negative
     * @throws NullPointerException     if a retention, the clock or the permissions are null
     */
    public CompactionPolicy {
        if (keepRevisions < 1) {
            throw new IllegalArgumentException(
                    "keepRevisions must be at least 1 (the winner is never removed), was " + keepRevisions);
        }
        requireNotNegative("deletedObjectRetention", deletedObjectRetention);
        requireNotNegative("trashContentRetention", trashContentRetention);
        Objects.requireNonNull(clock, "clock must not be null");
        Objects.requireNonNull(permissions, "permissions must not be null");
    }

    private static void requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }

    /**
     * The defaults: keep the winner only, remove objects deleted more than 30 days ago, keep retired revisions'
     * content 30 days, never remove an unresolved conflict's revisions, durable, the system clock.
     *
     * @return the default policy
     */
    public static CompactionPolicy defaults() {
        return new CompactionPolicy(
                1,
                true,
                Duration.ofDays(30),
                Duration.ofDays(30),
                false,
                true,
                Clock.systemUTC(),
                StorePermissions.umask());
    }

    /**
     * This policy keeping another number of revisions per object.
     *
     * @param keepRevisions at least 1
     * @return a new policy
     */
    public CompactionPolicy withKeepRevisions(int keepRevisions) {
        return new CompactionPolicy(
                keepRevisions,
                removeDeletedObjects,
                deletedObjectRetention,
                trashContentRetention,
                discardUnresolvedConflicts,
                durable,
                clock,
                permissions);
    }

    /**
     * This policy removing deleted objects after another retention period.
     *
     * @param retention not negative; zero removes every deleted object
     * @return a new policy that removes deleted objects
     */
    public CompactionPolicy withDeletedObjectRetention(Duration retention) {
        return new CompactionPolicy(
                keepRevisions,
                true,
                retention,
                trashContentRetention,
                discardUnresolvedConflicts,
                durable,
                clock,
                permissions);
    }

    /**
     * This policy keeping deleted objects (their tombstones and, within {@code keepRevisions}, their history)
     * forever.
     *
     * @return a new policy that never removes a deleted object
     */
    public CompactionPolicy withDeletedObjectsKept() {
        return new CompactionPolicy(
                keepRevisions,
                false,
                deletedObjectRetention,
                trashContentRetention,
                discardUnresolvedConflicts,
                durable,
                clock,
                permissions);
    }

    /**
     * This policy keeping retired revisions' content for another period.
     *
     * @param retention not negative; zero empties every record at once
     * @return a new policy
     */
    public CompactionPolicy withTrashContentRetention(Duration retention) {
        return new CompactionPolicy(
                keepRevisions,
                removeDeletedObjects,
                deletedObjectRetention,
                retention,
                discardUnresolvedConflicts,
                durable,
                clock,
                permissions);
    }

    /**
     * This policy with unresolved conflicts discarded or kept.
     *
     * @param discard true to resolve every conflict in favour of the revision readers elect
     * @return a new policy
     */
    public CompactionPolicy withDiscardUnresolvedConflicts(boolean discard) {
        return new CompactionPolicy(
                keepRevisions,
                removeDeletedObjects,
                deletedObjectRetention,
                trashContentRetention,
                discard,
                durable,
                clock,
                permissions);
    }

    /**
     * This policy with another durability.
     *
     * @param durable whether to fsync the directories changed
     * @return a new policy
     */
    public CompactionPolicy withDurable(boolean durable) {
        return new CompactionPolicy(
                keepRevisions,
                removeDeletedObjects,
                deletedObjectRetention,
                trashContentRetention,
                discardUnresolvedConflicts,
                durable,
                clock,
                permissions);
    }

    /**
     * This policy with another clock.
     *
     * @param clock the time source
     * @return a new policy
     */
    public CompactionPolicy withClock(Clock clock) {
        return new CompactionPolicy(
                keepRevisions,
                removeDeletedObjects,
                deletedObjectRetention,
                trashContentRetention,
                discardUnresolvedConflicts,
                durable,
                clock,
                permissions);
    }

    /**
     * This policy creating files and directories with other permissions.
     *
     * @param permissions the store's permissions
     * @return a new policy
     */
    public CompactionPolicy withPermissions(StorePermissions permissions) {
        return new CompactionPolicy(
                keepRevisions,
                removeDeletedObjects,
                deletedObjectRetention,
                trashContentRetention,
                discardUnresolvedConflicts,
                durable,
                clock,
                permissions);
    }
}
