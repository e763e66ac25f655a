package io.github.multiprocessstore.cli.scan;

import io.github.multiprocessstore.ProgressListener;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Does one piece of work per object on a pool of threads and hands the results over in the input's order, on the
 * calling thread, with at most {@value #IN_FLIGHT} results held at a time: file reads block, so a pool wider than
 * the machine's cores keeps the disk busy, and memory stays bounded however large the store is.
 */
public final class ParallelScan implements AutoCloseable {

    static final int IN_FLIGHT = 4096;

    private final ExecutorService pool;

    /** A scan with twice as many threads as cores, at least four. */
    public ParallelScan() {
        this(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    }

    ParallelScan(int threads) {
        this.pool = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "mpstore-scan");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code work} on every item and passes each result to {@code inOrder}, in the items' order.
     *
     * @param items    what to work on
     * @param work     the work on one item; runs on the pool's threads
     * @param inOrder  takes each result, on the calling thread
     * @param progress told of the number of items, then of each one done
     * @throws RuntimeException what {@code work} threw for the first item that failed
     */
    public <T, R> void run(List<T> items, Function<T, R> work, Consumer<R> inOrder, ProgressListener progress) {
        progress.started(items.size());
        Deque<Future<R>> inFlight = new ArrayDeque<>();
        try {
            for (T item : items) {
                inFlight.add(pool.submit(() -> {
                    R result = work.apply(item);
                    progress.objectDone();
                    return result;
                }));
                if (inFlight.size() >= IN_FLIGHT) {
                    inOrder.accept(await(inFlight.poll()));
                }
            }
            while (!inFlight.isEmpty()) {
                inOrder.accept(await(inFlight.poll()));
            }
        } finally {
            inFlight.forEach(future -> future.cancel(true));
        }
    }

    private static <R> R await(Future<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the store", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Ends the pool's threads. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
