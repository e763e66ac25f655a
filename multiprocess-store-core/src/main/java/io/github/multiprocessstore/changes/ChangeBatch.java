package io.github.multiprocessstore.changes;

import java.util.List;
import java.util.Objects;

/**
 * What {@link io.github.multiprocessstore.ObjectStore#changes(ChangeToken)} found after a position.
 *
 * @param reset   true if the position was too old (older than the journal's retention, or its journal was lost):
 *                {@code changes} then starts with every live object once, as {@link ChangeKind#CREATED}, instead of
 *                the changes since the position, so a consumer drops what it derived and rebuilds from them
 * @param changes the changes, in order per object (every write at least once)
 * @param next    the position after these changes: pass it to the next call (equal to the argument if none)
 */
public record ChangeBatch(boolean reset, List<Change> changes, ChangeToken next) {

    /** Copies the list and checks that nothing is null. */
    public ChangeBatch {
        changes = List.copyOf(changes);
        Objects.requireNonNull(next, "next");
    }
}
