package io.github.multiprocessstore.indexes;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link StoreIndexes} builds and uses its indexes.
 *
 * @param parallelism    how many threads read the objects while the indexes are built
 * @param catchUpTimeout how long a query waits for the indexes to take in the writes journaled before it started;
 *                       past it, {@link StoreIndexes#current()} is empty and the query scans instead
 */
public record IndexOptions(int parallelism, Duration catchUpTimeout) {

    /** Checks the values. */
    public IndexOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("Index build parallelism must be at least 1, not " + parallelism);
        }
        Objects.requireNonNull(catchUpTimeout, "catchUpTimeout must not be null");
        if (catchUpTimeout.isNegative()) {
            throw new IllegalArgumentException("Index catch-up timeout must not be negative, not " + catchUpTimeout);
        }
    }

    /** One build thread per processor; a query waits up to two seconds for the indexes to catch up. */
    public static IndexOptions defaults() {
        return new IndexOptions(Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(2));
    }

    /**
     * These options with another parallelism.
     *
     * @param threads the build threads
     * @return the options
     */
    public IndexOptions withParallelism(int threads) {
        return new IndexOptions(threads, catchUpTimeout);
    }

    /**
     * These options with another catch-up timeout.
     *
     * @param timeout the longest wait
     * @return the options
     */
    public IndexOptions withCatchUpTimeout(Duration timeout) {
        return new IndexOptions(parallelism, timeout);
    }
}
