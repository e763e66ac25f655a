package io.github.multiprocessstore.repository;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A write failed because the store's file system is mounted read-only; reads still work, and writes work again
 * once it is mounted read-write. Its cause is the core's
 * {@link io.github.multiprocessstore.FileSystemReadOnlyException}.
 */
public final class StoreReadOnlyDataAccessException extends DataAccessResourceFailureException {

    /**
     * @param message what failed, naming the collection, the id and the store
     * @param cause   the store's error
     */
    public StoreReadOnlyDataAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
