package io.github.multiprocessstore;

import io.github.multiprocessstore.changes.ChangeKind;
import io.github.multiprocessstore.internal.format.RevisionNames;

/**
 * What the change feed's reconciliation knows of an object: its winner, whether a conflict is open and whether the
 * winner is a tombstone ({@code deleted} is null where it was not read).
 */
record ObjectState(String winner, boolean conflicted, Boolean deleted) {

    /** The kind of change from {@code before} (null: never seen) to {@code after}, or null if none shows. */
    static ChangeKind kind(ObjectState before, ObjectState after) {
        boolean deleted = Boolean.TRUE.equals(after.deleted);
        if (before == null) {
            if (after.conflicted) {
                return ChangeKind.CONFLICT;
            }
            if (deleted) {
                return ChangeKind.DELETED;
            }
            return RevisionNames.numberOf(after.winner) == 0 ? ChangeKind.CREATED : ChangeKind.UPDATED;
        }
        if (after.conflicted && !before.conflicted) {
            return ChangeKind.CONFLICT;
        }
        if (!after.conflicted && before.conflicted) {
            return ChangeKind.RESOLVED;
        }
        if (after.winner.equals(before.winner)) {
            return null;
        }
        if (deleted) {
            return Boolean.TRUE.equals(before.deleted) ? null : ChangeKind.DELETED;
        }
        if (Boolean.TRUE.equals(before.deleted)) {
            return ChangeKind.CREATED;
        }
        return after.conflicted ? ChangeKind.CONFLICT : ChangeKind.UPDATED;
    }
}
