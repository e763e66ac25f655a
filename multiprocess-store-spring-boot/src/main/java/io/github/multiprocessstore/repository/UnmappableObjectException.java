package io.github.multiprocessstore.repository;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.TypeMismatchDataAccessException;

/**
 * A stored object that cannot be read as the repository's type (a field of the wrong JSON type, a missing creator
 * property...), met by {@code findAll}, a query or a lookup by id. Names the collection, the id and the revision,
 * so the file can be found and repaired; {@code multiprocess.store.repositories.skip-unmappable=true} makes scans
 * skip such objects instead, with a logged warning and a count in {@link UnmappableObjects}.
 */
public final class UnmappableObjectException extends TypeMismatchDataAccessException {

    private final String collection;
    private final @Nullable String id;
    private final @Nullable String revision;

    /**
     * @param collection the collection
     * @param id         the object's id
     * @param revision   the revision that was read
     * @param type       the type it should map to
     * @param reason     what Jackson said
     * @param cause      Jackson's exception
     */
    public UnmappableObjectException(
            String collection,
            @Nullable String id,
            @Nullable String revision,
            Class<?> type,
            String reason,
            Throwable cause) {
        super(
                "Could not map object '" + id + "' (revision " + revision + ") of collection '" + collection
                        + "' to " + type.getName() + ": " + reason + ". Repair or remove that revision, change the"
                        + " type, or set multiprocess.store.repositories.skip-unmappable=true to skip such objects in"
                        + " scans and queries",
                cause);
        this.collection = collection;
        this.id = id;
        this.revision = revision;
    }

    /** The collection of the object. */
    public String getCollection() {
        return collection;
    }

    /** The id of the object. */
    public @Nullable String getId() {
        return id;
    }

    /** The revision that could not be mapped. */
    public @Nullable String getRevision() {
        return revision;
    }
}
