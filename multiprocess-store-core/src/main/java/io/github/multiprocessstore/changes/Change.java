package io.github.multiprocessstore.changes;

import java.util.Objects;

/**
 * One change of one object, as the feed reports it: never the object's contents, only its id and its winning
 * revision after the change.
 *
 * @param token    the feed's position after this change: resume with it to get the changes after it
 * @param id       the object's id
 * @param revision the object's winning revision after the change (for {@link ChangeKind#DELETED}, its tombstone,
 *                 or the last revision seen if another program removed the directory)
 * @param kind     what happened
 */
public record Change(ChangeToken token, String id, String revision, ChangeKind kind) {

    /** Checks that nothing is null. */
    public Change {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(kind, "kind");
    }
}
