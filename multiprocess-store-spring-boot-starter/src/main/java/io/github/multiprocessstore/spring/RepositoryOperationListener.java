package io.github.multiprocessstore.spring;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Told about every completed operation of an {@link ObjectRepository}: the seam through which the starter records
 * Micrometer timers without the repositories depending on Micrometer. Implementations are called on the caller's
 * thread, right after the operation, so they must be fast, thread-safe and must not throw.
 */
@FunctionalInterface
public interface RepositoryOperationListener {

    /** A listener that ignores everything. */
    RepositoryOperationListener NONE = (collection, operation, duration, failure) -> {};

    /**
     * Called once per repository method call (except {@link ObjectRepository#stream()}, whose work happens
     * lazily while the caller consumes it).
     *
     * @param collection the repository's collection
     * @param operation  the repository method, e.g. {@code save}, {@code findById}
     * @param duration   how long the call took
     * @param failure    the exception the call threw (already translated to a {@code DataAccessException} where
     *                   it came from the store), or null if it succeeded
     */
    void operationCompleted(String collection, String operation, Duration duration, @Nullable Throwable failure);
}
