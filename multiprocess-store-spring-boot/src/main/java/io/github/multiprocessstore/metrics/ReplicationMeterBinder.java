package io.github.multiprocessstore.metrics;

import io.github.multiprocessstore.maintenance.ReplicationScheduler;
import io.github.multiprocessstore.replication.PeerReplicationResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Binds the meters of scheduled and on-demand replication, one time series per peer (tag {@code peer}, the peer's
 * root directory):
 * <ul>
 * <li>{@code multiprocess.store.replication.runs} and {@code multiprocess.store.replication.failures}: counters of
 * runs with the peer, and of those that had at least one failure;</li>
 * <li>{@code multiprocess.store.replication.revisions.copied} and
 * {@code multiprocess.store.replication.revisions.retired}: counters of revision files copied and revisions
 * retired, also tagged {@code direction} ({@code pull} or {@code push});</li>
 * <li>{@code multiprocess.store.replication.since.last.success}: a time gauge of how long ago the latest successful
 * run with the peer started (before any, how long ago the application started replicating), for an alert on
 * "replication has not succeeded for an hour".</li>
 * </ul>
 */
public final class ReplicationMeterBinder implements MeterBinder {

    /** The prefix of every replication meter. */
    public static final String PREFIX = "multiprocess.store.replication";

    private final ReplicationScheduler scheduler;

    /** @param scheduler the replication whose runs are counted */
    public ReplicationMeterBinder(ReplicationScheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Path peer : scheduler.peers()) {
            String tag = peer.toString();
            TimeGauge.builder(
                            PREFIX + ".since.last.success",
                            scheduler,
                            TimeUnit.SECONDS,
                            s -> s.timeSinceLastSuccess(peer).toMillis() / 1000.0)
                    .tag("peer", tag)
                    .description("Time since the latest successful replication run with the peer started")
                    .strongReference(true)
                    .register(registry);
            // Registered now, so that a peer that never succeeds shows 0 runs rather than nothing.
            runs(registry, tag);
            failures(registry, tag);
        }
        scheduler.onRun(results -> record(registry, results));
    }

    private static void record(MeterRegistry registry, List<PeerReplicationResult> results) {
        for (PeerReplicationResult result : results) {
            String peer = result.peer().toString();
            runs(registry, peer).increment();
            if (!result.succeeded()) {
                failures(registry, peer).increment();
            }
            revisions(registry, "copied", peer, "pull")
                    .increment(result.pulled().revisionsCopied());
            revisions(registry, "copied", peer, "push")
                    .increment(result.pushed().revisionsCopied());
            revisions(registry, "retired", peer, "pull")
                    .increment(result.pulled().revisionsRetired());
            revisions(registry, "retired", peer, "push")
                    .increment(result.pushed().revisionsRetired());
        }
    }

    private static Counter runs(MeterRegistry registry, String peer) {
        return Counter.builder(PREFIX + ".runs")
                .tag("peer", peer)
                .description("Replication runs with the peer")
                .register(registry);
    }

    private static Counter failures(MeterRegistry registry, String peer) {
        return Counter.builder(PREFIX + ".failures")
                .tag("peer", peer)
                .description("Replication runs with the peer that had at least one failure")
                .register(registry);
    }

    private static Counter revisions(MeterRegistry registry, String what, String peer, String direction) {
        return Counter.builder(PREFIX + ".revisions." + what)
                .tag("peer", peer)
                .tag("direction", direction)
                .description("Revisions " + what + " by replication with the peer")
                .register(registry);
    }
}
