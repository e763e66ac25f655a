package io.github.multiprocessstore.repository;

import org.springframework.dao.UncategorizedDataAccessException;

/**
 * A store error with no better-fitting {@code DataAccessException}; its cause is the core's
 * {@link io.github.multiprocessstore.StoreException}.
 */
public final class UncategorizedStoreAccessException extends UncategorizedDataAccessException {

    /**
     * @param message what failed, naming the collection and the id
     * @param cause   the store's error
     */
    public UncategorizedStoreAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
