package io.github.multiprocessstore.repository;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A write failed because the store's file system is full (no space or inodes left); nothing was written, reads
 * still work, and writes work again once space is freed. Its cause is the core's
 * {@link io.github.multiprocessstore.DiskFullException}.
 */
public final class StoreFullDataAccessException extends DataAccessResourceFailureException {

    /**
     * @param message what failed, naming the collection, the id and the store
     * @param cause   the store's error
     */
    public StoreFullDataAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
