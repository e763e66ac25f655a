package io.github.multiprocessstore.maintenance;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.changes.Change;
import io.github.multiprocessstore.changes.ChangeKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Keeps a cached {@link ConflictReport} of every collection of a {@link StoreRoot}, refreshed in the background
 * at a fixed interval, so that health checks, the conflicts gauge and the like read a number instead of scanning
 * the disk on every poll. Each collection is scanned by a {@link ConflictScan}: by default the conflicts of live
 * objects ({@code ObjectStore.getConflictsOfLiveObjects()}, which reads the winner of each conflicted object to leave
 * deleted ones out, and reports names only); the application's conflict policies may ignore a collection or resolve
 * conflicts first. It sees collections and conflicts written by other processes.
 *
 * <p>Between scans, {@link #changed} brings the report up to date for each change the change feed reports (in an
 * application, every change event of every collection), so a conflict made by any process shows at once instead
 * of at the next scan; the scan stays the safety net for what the feed cannot tell (a feed that is off, a deleted
 * object brought back with old conflicts).
 *
 * <p>The background scan starts on the first call to {@link #latest()}, so an application that never asks pays
 * nothing. It runs on the given scheduler (the store's maintenance scheduler in an application) and stops on
 * {@link #close()} (called by Spring when the context closes). Thread-safe; scans never overlap, and no lock is
 * held while the disk is read except the one that keeps scans in turn.
 */
public final class ConflictMonitor implements AutoCloseable {

    private static final Log logger = LogFactory.getLog(ConflictMonitor.class);

    /** The kinds of change after which an object is looked at again even if the report does not name it. */
    private static final Set<ChangeKind> MAY_CHANGE_CONFLICTS = Set.of(ChangeKind.CONFLICT, ChangeKind.RESOLVED);

    private final StoreRoot root;
    private final Duration interval;
    private final ConflictScan scan;
    private final ReentrantLock scanLock = new ReentrantLock();
    private final ReentrantLock stateLock = new ReentrantLock();
    private final List<Consumer<ConflictReport>> listeners = new CopyOnWriteArrayList<>();
    private final RepeatingJob job;
    private final @Nullable ThreadPoolTaskScheduler ownScheduler;
    private final ReentrantLock reportLock = new ReentrantLock();
    private volatile @Nullable ConflictReport latest;
    /** The objects the feed reported while a scan ran, looked at again once it is done; null between scans. */
    private @Nullable Set<ObjectKey> changedDuringScan;

    private boolean started;
    private boolean closed;

    /**
     * Creates a monitor; nothing is scanned until {@link #latest()} or {@link #refresh()} is called.
     *
     * @param root     the collections to scan
     * @param interval the delay between the end of one background scan and the start of the next; positive
     */
    public ConflictMonitor(StoreRoot root, Duration interval) {
        // Validated before the scheduler exists, so that a rejected interval leaves no thread behind.
        this(root, requirePositive(interval), singleThread(), true, ConflictScan.LIVE_OBJECTS);
    }

    /**
     * Creates a monitor whose background scan runs on a scheduler owned by someone else (the application
     * context); nothing is scanned until {@link #latest()} or {@link #refresh()} is called.
     *
     * @param root      the collections to scan
     * @param interval  the delay between the end of one background scan and the start of the next; positive
     * @param scheduler where background scans run
     */
    public ConflictMonitor(StoreRoot root, Duration interval, TaskScheduler scheduler) {
        this(root, requirePositive(interval), scheduler, false, ConflictScan.LIVE_OBJECTS);
    }

    /**
     * Creates a monitor that scans each collection with {@code scan} (e.g. applying conflict policies), on a
     * scheduler owned by someone else; nothing is scanned until {@link #latest()} or {@link #refresh()} is called.
     *
     * @param root      the collections to scan
     * @param interval  the delay between the end of one background scan and the start of the next; positive
     * @param scheduler where background scans run
     * @param scan      what each scan does with one collection, and which conflicts it reports
     */
    public ConflictMonitor(StoreRoot root, Duration interval, TaskScheduler scheduler, ConflictScan scan) {
        this(root, requirePositive(interval), scheduler, false, scan);
    }

    private ConflictMonitor(
            StoreRoot root, Duration interval, TaskScheduler scheduler, boolean owned, ConflictScan scan) {
        this.root = Objects.requireNonNull(root, "root must not be null");
        this.interval = interval;
        this.scan = Objects.requireNonNull(scan, "scan must not be null");
        this.ownScheduler = owned ? (ThreadPoolTaskScheduler) scheduler : null;
        this.job = new RepeatingJob("conflict scan", scheduler, interval, interval, this::scanInBackground);
    }

    private static Duration requirePositive(Duration interval) {
        Objects.requireNonNull(interval, "interval must not be null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        return interval;
    }

    private static ThreadPoolTaskScheduler singleThread() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("multiprocess-store-conflict-scan-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        return scheduler;
    }

    /**
     * The report of the most recent scan, with what {@link #changed} reported since. The first call scans now (on
     * the calling thread) and starts the background scan; later calls return the cached report, at most one interval
     * (plus a scan) behind what the change feed cannot tell.
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
        scanLock.lock();
        try {
            Set<ObjectKey> changedMeanwhile;
            setChangedDuringScan(new HashSet<>());
            try {
                Map<String, Map<String, List<List<String>>>> collections = new LinkedHashMap<>();
                for (String collection : root.collectionNames()) {
                    collections.put(collection, scan.scan(collection, root.collection(collection)));
                }
                ConflictReport report = new ConflictReport(Instant.now(), collections);
                reportLock.lock();
                try {
                    latest = report;
                    changedMeanwhile = changedDuringScan;
                } finally {
                    reportLock.unlock();
                }
            } finally {
                setChangedDuringScan(null);
            }
            // The scan may have read these objects before they changed: the feed's word on them is newer.
            changedMeanwhile.forEach(key -> lookAgain(key.collection(), key.id()));
            ConflictReport report = Objects.requireNonNull(latest);
            listeners.forEach(listener -> listener.accept(report));
            return report;
        } finally {
            scanLock.unlock();
        }
    }

    private void setChangedDuringScan(@Nullable Set<ObjectKey> keys) {
        reportLock.lock();
        try {
            changedDuringScan = keys;
        } finally {
            reportLock.unlock();
        }
    }

    /**
     * Brings the latest report up to date for one change the change feed reported, without a scan: the object is
     * looked at again when the change may have made or ended a conflict (a conflict appeared or was resolved, or
     * the report names the object: it may have been deleted). Called on the feed's thread; does nothing before the
     * first scan (which reads everything anyway). A failure is left to the next scan.
     *
     * @param collection the collection of the change
     * @param change     the change
     */
    public void changed(String collection, Change change) {
        ConflictReport report = latest;
        if (report == null) {
            return;
        }
        boolean reported =
                report.collections().getOrDefault(collection, Map.of()).containsKey(change.id());
        if (reported || MAY_CHANGE_CONFLICTS.contains(change.kind())) {
            lookAgain(collection, change.id());
        }
    }

    private void lookAgain(String collection, String id) {
        Optional<List<List<String>>> conflicts;
        try {
            conflicts = scan.scanObject(collection, root.collection(collection), id);
        } catch (RuntimeException e) {
            logger.debug(
                    "Could not look at object '" + id + "' of collection '" + collection
                            + "' after a change; the next conflict scan will",
                    e);
            return;
        }
        reportLock.lock();
        try {
            if (changedDuringScan != null) {
                changedDuringScan.add(new ObjectKey(collection, id));
            }
            ConflictReport current = latest;
            if (conflicts.isPresent() && current != null) {
                latest = current.withObject(collection, id, conflicts.get());
            }
        } finally {
            reportLock.unlock();
        }
    }

    private record ObjectKey(String collection, String id) {}

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
    public void close() {
        stateLock.lock();
        try {
            closed = true;
            job.stop();
            if (ownScheduler != null) {
                ownScheduler.shutdown();
            }
        } finally {
            stateLock.unlock();
        }
    }

    private void startBackgroundScan() {
        stateLock.lock();
        try {
            if (started || closed) {
                return;
            }
            started = true;
            job.start();
        } finally {
            stateLock.unlock();
        }
    }

    private void scanInBackground() {
        // Skipped while a scan is in progress (e.g. a caller's refresh()): the next interval catches up.
        if (!scanLock.tryLock()) {
            return;
        }
        try {
            refresh();
        } catch (RuntimeException e) {
            logger.warn("Conflict scan of " + root.path() + " failed; keeping the previous report", e);
        } finally {
            scanLock.unlock();
        }
    }
}
