package io.github.multiprocessstore.maintenance;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.replication.PeerReplicationResult;
import io.github.multiprocessstore.replication.ReplicationDirection;
import io.github.multiprocessstore.replication.RootReplication;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs a {@link RootReplication} (every collection of the store with every peer root, in one direction, with the
 * core's relay rule) on a schedule and on demand, and keeps the latest result and success per peer for the
 * endpoint and the meters. The work, the peer checks and the handling of a peer that is down are the core's; this
 * class schedules, records and logs.
 *
 * <h2>Scheduling and thread-safety</h2>
 * As a {@link SmartLifecycle} bean it starts with the application context: the first run after the initial delay,
 * then one interval after the end of each run, on the given scheduler; it stops when the context closes. Runs never
 * overlap: {@link #replicateNow()} called during a run waits for it, then runs; a scheduled run during another is
 * skipped. Thread-safe.
 */
public final class ReplicationScheduler implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(ReplicationScheduler.class);

    private final RootReplication replication;
    private final Duration interval;
    private final RepeatingJob job;
    private final Instant createdAt;
    private final ReentrantLock runLock = new ReentrantLock();
    private final Map<Path, PeerReplicationResult> lastResults = new ConcurrentHashMap<>();
    private final Map<Path, Instant> lastSuccesses = new ConcurrentHashMap<>();
    private final List<Consumer<List<PeerReplicationResult>>> listeners = new CopyOnWriteArrayList<>();

    /**
     * Creates the scheduler; nothing runs before {@link #start()} or {@link #replicateNow()}.
     *
     * @param replication  what each run does, from {@link RootReplication#of} (which checked the peers)
     * @param scheduler    where scheduled runs execute
     * @param interval     the delay between the end of one scheduled run and the start of the next; positive
     * @param initialDelay the delay between {@link #start()} and the first scheduled run; zero or more
     */
    public ReplicationScheduler(
            RootReplication replication, TaskScheduler scheduler, Duration interval, Duration initialDelay) {
        this.replication = Objects.requireNonNull(replication, "replication must not be null");
        this.interval = Objects.requireNonNull(interval, "interval must not be null");
        this.job = new RepeatingJob("replication", scheduler, initialDelay, interval, this::replicateScheduled);
        this.createdAt = clock().instant();
    }

    /**
     * Replicates every collection with every peer now, on the calling thread, in the configured direction, and
     * records the results for {@link #lastResult(Path)}. Never throws for a failure of a peer or a collection: it
     * is in the result, and logged.
     *
     * @return one result per peer, in the configured order
     */
    public List<PeerReplicationResult> replicateNow() {
        runLock.lock();
        try {
            return run();
        } finally {
            runLock.unlock();
        }
    }

    private void replicateScheduled() {
        if (!runLock.tryLock()) {
            logger.debug("Scheduled replication skipped: a replication of " + root().path() + " is in progress");
            return;
        }
        try {
            run();
        } finally {
            runLock.unlock();
        }
    }

    private List<PeerReplicationResult> run() {
        List<PeerReplicationResult> results = replication.run();
        for (PeerReplicationResult result : results) {
            lastResults.put(result.peer(), result);
            if (result.succeeded()) {
                lastSuccesses.put(result.peer(), result.startedAt());
            }
            log(result);
        }
        listeners.forEach(listener -> listener.accept(results));
        return results;
    }

    private void log(PeerReplicationResult result) {
        if (!result.succeeded()) {
            logger.warn("Replication with peer " + result.peer() + " had "
                    + result.errors().size() + " failure(s); the next run retries: "
                    + String.join("; ", result.errors()));
        } else if (result.pulled().changedAnything() || result.pushed().changedAnything()) {
            logger.info("Replicated with peer " + result.peer() + " in "
                    + result.duration().toMillis() + " ms: "
                    + "pulled " + result.pulled().revisionsCopied() + " revision(s) and "
                    + result.pulled().revisionsRetired() + " retirement(s), pushed "
                    + result.pushed().revisionsCopied() + " revision(s) and "
                    + result.pushed().revisionsRetired() + " retirement(s)");
        } else if (logger.isDebugEnabled()) {
            logger.debug("Replicated with peer " + result.peer() + " in "
                    + result.duration().toMillis() + " ms: nothing to copy");
        }
    }

    /**
     * Registers a callback run after every run, on the replicating thread (e.g. to count runs and failures).
     *
     * @param listener receives each run's results, one per peer; must be fast and must not throw
     */
    public void onRun(Consumer<List<PeerReplicationResult>> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    /**
     * The result of the latest run with one peer, successful or not.
     *
     * @param peer one of {@link #peers()}
     * @return the latest result, empty if no run has finished yet
     */
    public Optional<PeerReplicationResult> lastResult(Path peer) {
        return Optional.ofNullable(lastResults.get(peer));
    }

    /**
     * When the latest run with one peer that had no failure started.
     *
     * @param peer one of {@link #peers()}
     * @return the start of its latest successful run, empty if none has succeeded yet
     */
    public Optional<Instant> lastSuccess(Path peer) {
        return Optional.ofNullable(lastSuccesses.get(peer));
    }

    /**
     * How long ago the latest successful run with one peer started, or, before any succeeded, how long ago this
     * scheduler was created: what an alert on "replication has not succeeded for an hour" needs.
     *
     * @param peer one of {@link #peers()}
     * @return the time since the last success, never negative
     */
    public Duration timeSinceLastSuccess(Path peer) {
        Duration since = Duration.between(lastSuccess(peer).orElse(createdAt), clock().instant());
        return since.isNegative() ? Duration.ZERO : since;
    }

    private Clock clock() {
        return replication.options().clock();
    }

    /** The replication each run performs. */
    public RootReplication replication() {
        return replication;
    }

    /** The store whose collections are replicated. */
    public StoreRoot root() {
        return replication.root();
    }

    /** The peer root directories, in the configured order. */
    public List<Path> peers() {
        return replication.peers();
    }

    /** Which way revisions travel. */
    public ReplicationDirection direction() {
        return replication.direction();
    }

    /** The delay between the end of one scheduled run and the start of the next. */
    public Duration interval() {
        return interval;
    }

    /** Starts the schedule (called by the application context). */
    @Override
    public void start() {
        job.start();
    }

    /**
     * Stops the schedule (called when the application context closes); a run in progress finishes.
     * {@link #replicateNow()} still works afterwards.
     */
    @Override
    public void stop() {
        job.stop();
    }

    /** Whether the schedule runs. */
    @Override
    public boolean isRunning() {
        return job.isRunning();
    }
}
