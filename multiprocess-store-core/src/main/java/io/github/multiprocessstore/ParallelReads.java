package io.github.multiprocessstore;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads many objects at once, for one store. File reads block, so the work runs in a dedicated pool wider than the
 * common pool (which has one thread on a two-core machine); the pool starts its threads on demand, they are daemons
 * and idle ones expire, and {@link #close()} ends them with the store.
 */
final class ParallelReads implements AutoCloseable {

    private static final int BATCH = 1024;

    private final ForkJoinPool pool = new ForkJoinPool(
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
            ForkJoinPool.defaultForkJoinWorkerThreadFactory,
            null,
            false);

    /**
     * Counts the items that pass a test, in parallel batches, so that memory stays bounded by one batch however
     * many items the stream has.
     */
    <T> long count(Stream<T> items, Predicate<T> test) {
        long total = 0;
        List<T> batch = new ArrayList<>(BATCH);
        for (Iterator<T> iterator = items.iterator(); iterator.hasNext(); ) {
            batch.add(iterator.next());
            if (batch.size() == BATCH || !iterator.hasNext()) {
                total += map(batch, item -> test.test(item) ? Boolean.TRUE : null)
                        .size();
                batch.clear();
            }
        }
        return total;
    }

    /** Maps every item in parallel, dropping null results, keeping the input order. */
    <T, R> List<R> map(List<T> items, Function<T, R> reader) {
        try {
            return pool.submit(() -> items.parallelStream()
                            .map(reader)
                            .filter(Objects::nonNull)
                            .toList())
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading objects", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Ends the pool's threads; reads under way finish first. */
    @Override
    public void close() {
        pool.shutdown();
    }
}
