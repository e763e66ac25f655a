package io.github.multiprocessstore;

import java.nio.file.Path;

/**
 * A strict update was based on a revision that is no longer the winner (optimistic locking, like CouchDB's 409):
 * read the object again, re-apply the change and retry.
 */
public class StaleRevisionException extends StoreException {

    private final String expectedRevision;
    private final String currentRevision;

    /**
     * @param id               the object id
     * @param path             the object directory
     * @param expectedRevision the {@code _rev} the caller based its change on
     * @param currentRevision  the revision that wins now
     */
    public StaleRevisionException(String id, Path path, String expectedRevision, String currentRevision) {
        super(
                "Object '" + id + "' was changed by someone else: update based on _rev " + expectedRevision
                        + " but the current revision is " + currentRevision + "; read it again and retry",
                id,
                path,
                null);
        this.expectedRevision = expectedRevision;
        this.currentRevision = currentRevision;
    }

    /** The {@code _rev} the rejected update was based on. */
    public String expectedRevision() {
        return expectedRevision;
    }

    /** The revision that was the winner when the update was rejected. */
    public String currentRevision() {
        return currentRevision;
    }
}
