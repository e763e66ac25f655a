package io.github.multiprocessstore.replication;

import io.github.multiprocessstore.StoreRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replication of every collection of a {@link StoreRoot} with a fixed set of peer roots (other directories laid out
 * the same way, one sub-directory per collection, e.g. on a shared mount), with the {@link Replicator}: names are
 * compared, only missing revision files are copied, each through an atomic publish, and resolutions and
 * compactions travel as retirements. Obtained from {@link #of}, which validates the peers once.
 *
 * <h2>A run</h2>
 * <ol>
 * <li>A peer whose root is not an existing directory (e.g. a mount that is down) fails for this run and is not
 * created: creating it would write into the mount point instead of the mounted file system.</li>
 * <li>If the direction {@linkplain ReplicationDirection#pulls() pulls}: every collection of every peer is
 * replicated into this store (collections new here are created).</li>
 * <li>If it {@linkplain ReplicationDirection#pushes() pushes}: then every collection of this store, by now the
 * union of all sides when it also pulls, is replicated into every peer.</li>
 * </ol>
 * Pulling from all peers before pushing to any makes this store a relay: after one {@link ReplicationDirection#BOTH
 * BOTH} run every peer holds what every other peer held. A failure (of a peer, or of one collection in one
 * direction) is logged with the peer and the collection, recorded in that peer's {@link PeerReplicationResult},
 * and does not stop the rest of the run; replication is idempotent, so the next run completes it.
 *
 * <p>Immutable and thread-safe; runs may overlap (each copy is atomic), callers that want one at a time (a
 * scheduler) guard it themselves.
 */
public final class RootReplication {

    private static final System.Logger LOG = System.getLogger(RootReplication.class.getName());

    private final StoreRoot root;
    private final List<Path> peers;
    private final ReplicationDirection direction;
    private final ReplicationOptions options;

    /**
     * Prepares replication of every collection of {@code root} with a set of peer roots, validating the peers once
     * (absolute, distinct, not overlapping the root); each {@link #run()} then replicates.
     *
     * @param root      this side's root of collections
     * @param peers     the peer root directories; at least one
     * @param direction which way revisions travel; {@link ReplicationDirection#BOTH} relays between the peers
     * @param options   the core's replication options (durability, parallelism, clock)
     * @return the replication, ready to run as often as needed
     * @throws InvalidPeerException naming the peer by its index if one is relative, repeated or overlaps the root
     * @throws IllegalArgumentException if there is no peer
     */
    public static RootReplication of(
            StoreRoot root, List<Path> peers, ReplicationDirection direction, ReplicationOptions options) {
        return new RootReplication(root, peers, direction, options);
    }

    private RootReplication(
            StoreRoot root, List<Path> peers, ReplicationDirection direction, ReplicationOptions options) {
        this.root = Objects.requireNonNull(root, "root must not be null");
        this.direction = Objects.requireNonNull(direction, "direction must not be null");
        this.options = Objects.requireNonNull(options, "options must not be null");
        this.peers = requireUsablePeers(root.path(), Objects.requireNonNull(peers, "peers must not be null"));
    }

    /**
     * Checks the peers once, so that a scheduler never finds out on every run: absolute, distinct, none inside the
     * store's root or containing it (overlapping roots would make one side a collection of the other, copied into
     * itself). The exception names the peer by its index, so a caller can point at its own setting.
     */
    private static List<Path> requireUsablePeers(Path root, List<Path> peers) {
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("at least one peer is needed");
        }
        Set<Path> seen = new HashSet<>();
        Path store = root.toAbsolutePath().normalize();
        List<Path> normal = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            Path peer = Objects.requireNonNull(peers.get(i), "peers[" + i + "] must not be null");
            if (!peer.isAbsolute()) {
                throw new InvalidPeerException(i, peer, InvalidPeerException.Problem.RELATIVE, store);
            }
            Path path = peer.normalize();
            if (!seen.add(path)) {
                throw new InvalidPeerException(i, peer, InvalidPeerException.Problem.REPEATED, store);
            }
            if (path.startsWith(store) || store.startsWith(path)) {
                throw new InvalidPeerException(i, peer, InvalidPeerException.Problem.OVERLAPS_ROOT, store);
            }
            normal.add(path);
        }
        return List.copyOf(normal);
    }

    /**
     * Replicates every collection with every peer now, on the calling thread, in this direction. Never throws for
     * a failure of a peer or a collection: it is in the result, and logged.
     *
     * @return one result per peer, in the order of {@link #peers()}
     */
    public List<PeerReplicationResult> run() {
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
        return runs.values().stream().map(PeerRun::result).toList();
    }

    private void pull(PeerRun run) {
        List<String> collections;
        try {
            // A root that opens no collection holds nothing; the peer exists (checked), so nothing is created.
            collections = StoreRoot.open(run.peer, builder -> {}).collectionNames();
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
                    "push to peer " + run.peer + " failed: listing the collections of this store (" + root.path()
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

    /** The store whose collections are replicated. */
    public StoreRoot root() {
        return root;
    }

    /** The peer root directories, absolute and normal, in the given order. */
    public List<Path> peers() {
        return peers;
    }

    /** Which way revisions travel. */
    public ReplicationDirection direction() {
        return direction;
    }

    /** The core's replication options used for every collection. */
    public ReplicationOptions options() {
        return options;
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
                String message = (pull
                                ? "pull of collection '" + collection + "' from " + source
                                : "push of collection '" + collection + "' to " + target)
                        + " failed: " + e.getMessage();
                errors.add(message);
                LOG.log(System.Logger.Level.WARNING, message, e);
            } finally {
                nanos += System.nanoTime() - start;
            }
        }

        /** The peer as a whole failed: nothing more is tried with it in this run. */
        void failPeer(String message, Throwable cause) {
            reachable = false;
            errors.add(message);
            if (cause != null) {
                LOG.log(System.Logger.Level.WARNING, message, cause);
            }
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
