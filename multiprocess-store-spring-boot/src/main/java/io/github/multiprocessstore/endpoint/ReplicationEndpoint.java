package io.github.multiprocessstore.endpoint;

import io.github.multiprocessstore.maintenance.ReplicationScheduler;
import io.github.multiprocessstore.replication.PeerReplicationResult;
import io.github.multiprocessstore.replication.PeerReplicationResult.Transfer;
import io.github.multiprocessstore.replication.ReplicationDirection;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code replication} actuator endpoint: the configuration of the scheduled replication and, per peer, the
 * result of its latest run (when, how long, what was copied each way, the errors). Collection names, counts and
 * paths only, never object contents.
 *
 * <p>Read-only, and not a health indicator, by design: a peer that cannot be reached (a shared mount that is down)
 * does not make this application's own store unhealthy, so it must not take the application out of a load
 * balancer; and replication is triggered by its schedule or by {@link ReplicationScheduler#replicateNow()} in
 * application code, not by an unauthenticated actuator request.
 */
@Endpoint(id = "replication")
public final class ReplicationEndpoint {

    private final ReplicationScheduler scheduler;

    /**
     * @param scheduler the replication whose latest results are shown
     */
    public ReplicationEndpoint(ReplicationScheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
    }

    /**
     * The replication settings and the latest result per peer, from memory (nothing is read from disk).
     *
     * @return the endpoint's document
     */
    @ReadOperation
    public ReplicationDescriptor replication() {
        List<PeerDescriptor> peers =
                scheduler.peers().stream().map(this::describe).toList();
        return new ReplicationDescriptor(
                scheduler.root().path().toString(),
                scheduler.direction(),
                scheduler.interval().toString(),
                peers);
    }

    private PeerDescriptor describe(Path peer) {
        Optional<PeerReplicationResult> last = scheduler.lastResult(peer);
        String lastSuccess = scheduler.lastSuccess(peer).map(Object::toString).orElse(null);
        if (last.isEmpty()) {
            return new PeerDescriptor(
                    peer.toString(), PeerStatus.PENDING, null, lastSuccess, null, List.of(), null, null, List.of());
        }
        PeerReplicationResult result = last.get();
        return new PeerDescriptor(
                peer.toString(),
                result.succeeded() ? PeerStatus.SUCCEEDED : PeerStatus.FAILED,
                result.startedAt().toString(),
                lastSuccess,
                result.duration().toString(),
                result.collections(),
                result.pulled(),
                result.pushed(),
                result.errors());
    }

    /** The state of one peer. */
    public enum PeerStatus {
        /** No run with this peer has finished since the application started. */
        PENDING,
        /** The latest run with this peer had no failure. */
        SUCCEEDED,
        /** The latest run with this peer had at least one failure (see its errors). */
        FAILED
    }

    /**
     * The endpoint's document.
     *
     * @param store     this application's store root
     * @param direction which way revisions travel
     * @param interval  the delay between scheduled runs, ISO-8601 (e.g. {@code PT30S})
     * @param peers     one entry per configured peer, in the configured order
     */
    public record ReplicationDescriptor(
            String store, ReplicationDirection direction, String interval, List<PeerDescriptor> peers) {}

    /**
     * One peer and its latest run.
     *
     * @param path        the peer's root directory
     * @param status      the outcome of the latest run
     * @param lastRun     when the latest run started (ISO-8601), null before the first
     * @param lastSuccess when the latest run without failure started, null if none has succeeded yet
     * @param duration    how long the latest run took with this peer (ISO-8601), null before the first
     * @param collections the collections replicated by the latest run
     * @param pulled      what the latest run copied from the peer into this store, null before the first
     * @param pushed      what the latest run copied from this store into the peer, null before the first
     * @param errors      the failures of the latest run, naming the collection; empty when it succeeded
     */
    public record PeerDescriptor(
            String path,
            PeerStatus status,
            @Nullable String lastRun,
            @Nullable String lastSuccess,
            @Nullable String duration,
            List<String> collections,
            @Nullable Transfer pulled,
            @Nullable Transfer pushed,
            List<String> errors) {}
}
