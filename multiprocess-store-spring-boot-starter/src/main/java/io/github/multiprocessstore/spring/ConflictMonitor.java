package io.github.multiprocessstore.spring;

import io.github.multiprocessstore.StoreRoot;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a cached {@link ConflictReport} of every collection of a {@link StoreRoot}, refreshed in the background
 * at a fixed interval, so that health checks, the conflicts gauge and the like read a number instead of scanning
 * the disk on every poll. The scan reads file names only ({@code ObjectStore.getAllConflicts()}), never file
 * contents, and sees collections and conflicts written by other processes.
 *
 * <p>The background scan starts on the first call to {@link #latest()}, so an application that never asks pays
 * nothing. It runs on one daemon thread and stops on {@link #close()} (called by Spring when the context closes).
 * Thread-safe; scans never overlap.
 */
public final class ConflictMonitor implements AutoCloseable {

    private static final Log logger = LogFactory.getLog(ConflictMonitor.class);

    private final StoreRoot root;
    private final Duration interval;
    private final Object scanLock = new Object();
    private final List<Consumer<ConflictReport>> listeners = new CopyOnWriteArrayList<>();
    private volatile @Nullable ConflictReport latest;
    private @Nullable ScheduledExecutorService executor;
    private boolean closed;

    /**
     * Creates a monitor; nothing is scanned until {@link #latest()} or {@link #refresh()} is called.
     *
     * @param root     the collections to scan
     * @param interval the delay between the end of one background scan and the start of the next; positive
     */
    public ConflictMonitor(StoreRoot root, Duration interval) {
        this.root = Objects.requireNonNull(root, "root must not be null");
        this.interval = Objects.requireNonNull(interval, "interval must not be null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
    }

    /**
     * The report of the most recent scan. The first call scans now (on the calling thread) and starts the
     * background scan; later calls return the cached report, at most one interval (plus a scan) old.
     *
     * @return the latest report
     * @throws io.github.multiprocessstore.StoreException if no scan has succeeded yet and this one fails
     */
    public ConflictReport latest() {
        // Started first, so that a failing first scan is retried in the background.
        startBackgroundScan();
        ConflictReport report = latest;
        return report != null ? report : refresh();
    }

    /**
     * Scans every collection now, caches the result for {@link #latest()} and tells the listeners.
     *
     * @return the new report
     * @throws io.github.multiprocessstore.StoreException if the root or a collection cannot be read
     */
    public ConflictReport refresh() {
        synchronized (scanLock) {
            Map<String, Map<String, List<List<String>>>> collections = new LinkedHashMap<>();
            for (String name : root.collectionNames()) {
                collections.put(name, root.collection(name).getAllConflicts());
            }
            ConflictReport report = new ConflictReport(Instant.now(), collections);
            latest = report;
            listeners.forEach(listener -> listener.accept(report));
            return report;
        }
    }

    /**
     * Registers a callback run after every successful scan, on the scanning thread (e.g. to add a gauge for a
     * collection that appeared).
     *
     * @param listener receives each new report; must be fast and must not throw
     */
    public void onScan(Consumer<ConflictReport> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    /** The delay between background scans. */
    public Duration interval() {
        return interval;
    }

    /** Stops the background scan; a scan in progress finishes. {@link #refresh()} still works afterwards. */
    @Override
    public synchronized void close() {
        closed = true;
        if (executor != null) {
            executor.shutdown();
            executor = null;
        }
    }

    private synchronized void startBackgroundScan() {
        if (executor != null || closed) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "multiprocess-store-conflict-scan");
            thread.setDaemon(true);
            return thread;
        });
        long nanos = interval.toNanos();
        executor.scheduleWithFixedDelay(this::scanInBackground, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    private void scanInBackground() {
        // An exception escaping a scheduled task would cancel every later run: log it, keep the previous report
        // and try again at the next interval.
        try {
            refresh();
        } catch (RuntimeException e) {
            logger.warn("Conflict scan of " + root.path() + " failed; keeping the previous report", e);
        }
    }
}
