package io.github.multiprocessstore.maintenance;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.replication.ReplicationOptions;
import io.github.multiprocessstore.replication.ReplicationResult;
import io.github.multiprocessstore.replication.Replicator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Replicates every collection of a {@link StoreRoot} with one or more peer roots (other directories laid out the
 * same way, one sub-directory per collection, e.g. on a shared mount), on a schedule and on demand, with the core's
 * {@link Replicator}: names are compared, only missing revision files are copied, each through an atomic publish,
 * and resolutions and compactions travel as retirements.
 *
 * <h2>A run</h2>
 * <ol>
 * <li>A peer whose root is not an existing directory (e.g. a mount that is down) fails for this run and is not
 * created: creating it would write into the mount point instead of the mounted file system.</li>
 * <li>If the direction {@linkplain ReplicationDirection#pulls() pulls}: every collection of every peer is
 * replicated into this store (collections new here are created).</li>
 * <li>If it {@linkplain ReplicationDirection#pushes() pushes}: then every collection of this store, by now the
 * union of both sides when it also pulls, is replicated into every peer.</li>
 * </ol>
 * Pulling from all peers before pushing to any makes this store a relay: after one {@link ReplicationDirection#BOTH
 * BOTH} run every peer holds what every other peer held. A failure (of a peer, or of one collection in one
 * direction) is logged with the peer and the collection, recorded in that peer's {@link PeerReplicationResult},
 * and does not stop the rest of the run; replication is idempotent, so the next run completes it.
 *
 * <h2>Scheduling and thread-safety</h2>
 * As a {@link SmartLifecycle} bean it starts with the application context: the first run after the initial delay,
 * then one interval after the end of each run, on one daemon thread; it stops when the context closes. Runs never
 * overlap: {@link #replicateNow()} called during a scheduled run waits for it, then runs. Thread-safe.
 */
public final class ReplicationScheduler implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(ReplicationScheduler.class);

    /** The names {@link StoreRoot#collection(String)} accepts (plain names), without using the core's internals. */
    private static final Pattern COLLECTION_NAME = Pattern.compile("[A-Za-z0-9_@-][A-Za-z0-9._@-]{0,254}");

    private final StoreRoot root;
    private final List<Path> peers;
    private final ReplicationDirection direction;
    private final Duration interval;
    private final ReplicationOptions options;
    private final BackgroundSchedule schedule;
    private final Object runLock = new Object();
    private final Map<Path, PeerReplicationResult> lastResults = new ConcurrentHashMap<>();
    private final Map<Path, Instant> lastSuccesses = new ConcurrentHashMap<>();

    /**
     * Creates the scheduler; nothing runs before {@link #start()} or {@link #replicateNow()}.
     *
     * @param root         this application's store
     * @param peers        the peer root directories, absolute, distinct, none of them inside the store's root or
     *                     containing it; at least one
     * @param direction    which way revisions travel
     * @param interval     the delay between the end of one scheduled run and the start of the next; positive
     * @param initialDelay the delay between {@link #start()} and the first scheduled run; zero or more
     * @param options      the core's replication options (durability, parallelism, clock)
     * @throws IllegalArgumentException if a peer is relative, repeated, or overlaps the store's root, or if there
     *                                  is none
     */
    public ReplicationScheduler(
            StoreRoot root,
            List<Path> peers,
            ReplicationDirection direction,
            Duration interval,
            Duration initialDelay,
            ReplicationOptions options) {
        this.root = Objects.requireNonNull(root, "root must not be null");
        this.peers = List.copyOf(peers);
        this.direction = Objects.requireNonNull(direction, "direction must not be null");
        this.interval = Objects.requireNonNull(interval, "interval must not be null");
        this.options = Objects.requireNonNull(options, "options must not be null");
        requireUsablePeers(root.path(), this.peers);
        this.schedule =
                new BackgroundSchedule("multiprocess-store-replication", initialDelay, interval, this::replicateNow);
    }

    private static void requireUsablePeers(Path root, List<Path> peers) {
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("at least one peer is needed");
        }
        Set<Path> seen = new HashSet<>();
        Path store = root.toAbsolutePath().normalize();
        for (Path peer : peers) {
            if (!peer.isAbsolute()) {
                throw new IllegalArgumentException("peer " + peer + " must be an absolute path");
            }
            Path normal = peer.normalize();
            if (!seen.add(normal)) {
                throw new IllegalArgumentException("peer " + peer + " is listed twice");
            }
            // Overlapping roots would make one side's root a collection of the other's, copied into itself.
            if (normal.startsWith(store) || store.startsWith(normal)) {
                throw new IllegalArgumentException("peer " + peer + " overlaps the store's own root " + store
                        + "; a peer must be a separate directory tree");
            }
        }
    }

    /**
     * Replicates every collection with every peer now, on the calling thread, in the configured direction, and
     * records the results for {@link #lastResult(Path)}. Never throws for a failure of a peer or a collection: it
     * is in the result, and logged.
     *
     * @return one result per peer, in the configured order
     */
    public List<PeerReplicationResult> replicateNow() {
        synchronized (runLock) {
            Map<Path, PeerRun> runs = new LinkedHashMap<>();
            for (Path peer : peers) {
                PeerRun run = new PeerRun(peer, options.clock().instant());
                runs.put(peer, run);
                if (!Files.isDirectory(peer)) {
                    run.failPeer(
                            "peer directory " + peer + " does not exist or is not a directory (is its file "
                                    + "system mounted?); nothing was replicated with it, and it is not created",
                            null);
                }
            }
            if (direction.pulls()) {
                runs.values().stream().filter(PeerRun::reachable).forEach(this::pull);
            }
            if (direction.pushes()) {
                push(runs.values().stream().filter(PeerRun::reachable).toList());
            }
            List<PeerReplicationResult> results =
                    runs.values().stream().map(PeerRun::result).toList();
            for (PeerReplicationResult result : results) {
                lastResults.put(result.peer(), result);
                if (result.succeeded()) {
                    lastSuccesses.put(result.peer(), result.startedAt());
                }
                log(result);
            }
            return results;
        }
    }

    private void pull(PeerRun run) {
        List<String> collections;
        try {
            collections = collectionsOf(run.peer);
        } catch (RuntimeException e) {
            run.failPeer("listing the collections of peer " + run.peer + " failed: " + e.getMessage(), e);
            return;
        }
        for (String collection : collections) {
            run.replicate(
                    collection, true, run.peer.resolve(collection), root.path().resolve(collection));
        }
    }

    private void push(List<PeerRun> runs) {
        if (runs.isEmpty()) {
            return;
        }
        List<String> collections;
        try {
            collections = root.collectionNames();
        } catch (RuntimeException e) {
            runs.forEach(run -> run.failPeer(
                    "push to peer " + run.peer + " failed: listing the collections of " + "this store (" + root.path()
                            + ") failed: " + e.getMessage(),
                    e));
            return;
        }
        for (PeerRun run : runs) {
            for (String collection : collections) {
                run.replicate(collection, false, root.path().resolve(collection), run.peer.resolve(collection));
            }
        }
    }

    /** The collections of a peer, as {@link StoreRoot#collectionNames()} lists them, without creating anything. */
    private static List<String> collectionsOf(Path peer) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(peer)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (COLLECTION_NAME.matcher(name).matches() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        return names;
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
                    + result.pushed().revisionsRetired()
                    + " retirement(s)");
        } else if (logger.isDebugEnabled()) {
            logger.debug("Replicated with peer " + result.peer() + " in "
                    + result.duration().toMillis() + " ms: nothing to copy");
        }
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

    /** The store whose collections are replicated. */
    public StoreRoot root() {
        return root;
    }

    /** The peer root directories, in the configured order. */
    public List<Path> peers() {
        return peers;
    }

    /** Which way revisions travel. */
    public ReplicationDirection direction() {
        return direction;
    }

    /** The delay between the end of one scheduled run and the start of the next. */
    public Duration interval() {
        return interval;
    }

    /** Starts the schedule (called by the application context). */
    @Override
    public void start() {
        schedule.start();
    }

    /**
     * Stops the schedule (called when the application context closes); a run in progress finishes first, for up to
     * 30 seconds. {@link #replicateNow()} still works afterwards.
     */
    @Override
    public void stop() {
        schedule.stop();
    }

    /** Whether the schedule runs. */
    @Override
    public boolean isRunning() {
        return schedule.isRunning();
    }

    /** The accumulating result of one run with one peer. Used by the run's thread only. */
    private final class PeerRun {

        private final Path peer;
        private final Instant startedAt;
        private final Set<String> collections = new TreeSet<>();
        private final List<String> errors = new ArrayList<>();
        private PeerReplicationResult.Transfer pulled = PeerReplicationResult.Transfer.NONE;
        private PeerReplicationResult.Transfer pushed = PeerReplicationResult.Transfer.NONE;
        private long nanos;
        private boolean reachable = true;

        PeerRun(Path peer, Instant startedAt) {
            this.peer = peer;
            this.startedAt = startedAt;
        }

        boolean reachable() {
            return reachable;
        }

        void replicate(String collection, boolean pull, Path source, Path target) {
            long start = System.nanoTime();
            try {
                ReplicationResult result = Replicator.replicate(source, target, options);
                if (pull) {
                    pulled = pulled.plus(result);
                } else {
                    pushed = pushed.plus(result);
                }
                collections.add(collection);
            } catch (RuntimeException e) {
                failCollection(
                        (pull
                                        ? "pull of collection '" + collection + "' from " + source
                                        : "push of collection '" + collection + "' to " + target)
                                + " failed: " + e.getMessage(),
                        e);
            } finally {
                nanos += System.nanoTime() - start;
            }
        }

        /** The peer as a whole failed: nothing more is tried with it in this run. */
        void failPeer(String message, @Nullable Throwable cause) {
            reachable = false;
            errors.add(message);
            if (cause != null) {
                logger.warn(message, cause);
            }
        }

        /** One collection failed in one direction; the others go on. */
        void failCollection(String message, Throwable cause) {
            errors.add(message);
            // The message names the peer's directory and the collection; the summary of the run follows.
            logger.warn(message, cause);
        }

        PeerReplicationResult result() {
            return new PeerReplicationResult(
                    peer,
                    direction,
                    startedAt,
                    Duration.ofNanos(nanos),
                    List.copyOf(collections),
                    pulled,
                    pushed,
                    errors);
        }
    }
}
