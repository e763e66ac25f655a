package io.github.multiprocessstore;

/**
 * An id, a collection name or a {@code _rev} that can never be stored or looked up: empty, not a string, too long
 * for one file name, or malformed. Nothing on disk was touched.
 */
public class InvalidIdException extends StoreException {

    /**
     * Rejects an object id.
     *
     * @param id     the rejected id as given (may be null)
     * @param reason why it is rejected and what to use instead
     */
    public InvalidIdException(String id, String reason) {
        this("id", id, reason);
    }

    /**
     * Rejects a named value, e.g. {@code "_rev"} or {@code "collection name"}.
     *
     * @param what   what the value is
     * @param value  the rejected value as given (may be null)
     * @param reason why it is rejected and what to use instead
     */
    public InvalidIdException(String what, String value, String reason) {
        super("Invalid " + what + " '" + value + "': " + reason, "id".equals(what) ? value : null, null, null);
    }
}
