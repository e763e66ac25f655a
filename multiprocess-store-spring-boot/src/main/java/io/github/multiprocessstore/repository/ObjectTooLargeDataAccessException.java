package io.github.multiprocessstore.repository;

import org.springframework.dao.InvalidDataAccessResourceUsageException;

/**
 * A save was refused because the object, as stored, is larger than {@code multiprocess.store.max-object-size};
 * nothing was written. Its cause is the core's {@link io.github.multiprocessstore.ObjectTooLargeException}.
 */
public final class ObjectTooLargeDataAccessException extends InvalidDataAccessResourceUsageException {

    private final long size;
    private final long limit;

    /**
     * @param message what failed, naming the collection, the id and both sizes
     * @param size    the size in bytes the object would have had on disk
     * @param limit   the maximum object size in bytes
     * @param cause   the store's error
     */
    public ObjectTooLargeDataAccessException(String message, long size, long limit, Throwable cause) {
        super(message, cause);
        this.size = size;
        this.limit = limit;
    }

    /** @return the size in bytes the object would have had on disk */
    public long getSize() {
        return size;
    }

    /** @return the maximum object size in bytes */
    public long getLimit() {
        return limit;
    }
}
