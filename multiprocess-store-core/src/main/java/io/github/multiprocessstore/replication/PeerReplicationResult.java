package io.github.multiprocessstore.replication;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one replication run did with one peer store, over all collections, for logs, metrics and
 * an actuator view. Immutable.
 *
 * @param peer        the peer's root directory
 * @param direction   which way the run copied
 * @param startedAt   when the run started with this peer
 * @param duration    how long the replications with this peer took, together
 * @param collections the collections replicated with this peer, each at least partly, sorted
 * @param pulled      what was copied from the peer into this store
 * @param pushed      what was copied from this store into the peer
 * @param errors      one message per failure (the peer unreachable, or one collection in one direction), naming
 *                    the peer and the collection; empty when the run succeeded. A failed part is simply retried by
 *                    the next run
 */
public record PeerReplicationResult(
        Path peer,
        ReplicationDirection direction,
        Instant startedAt,
        Duration duration,
        List<String> collections,
        Transfer pulled,
        Transfer pushed,
        List<String> errors) {

    /**
     * Validates and copies the lists.
     */
    public PeerReplicationResult {
        Objects.requireNonNull(peer, "peer must not be null");
        Objects.requireNonNull(direction, "direction must not be null");
        Objects.requireNonNull(startedAt, "startedAt must not be null");
        Objects.requireNonNull(duration, "duration must not be null");
        collections = List.copyOf(collections);
        Objects.requireNonNull(pulled, "pulled must not be null");
        Objects.requireNonNull(pushed, "pushed must not be null");
        errors = List.copyOf(errors);
    }

    /**
     * Whether every part of the run succeeded.
     *
     * @return true if there are no errors
     */
    public boolean succeeded() {
        return errors.isEmpty();
    }

    /**
     * The revision files copied in both directions.
     *
     * @return pulled plus pushed revisions
     */
    public long revisionsCopied() {
        return pulled.revisionsCopied() + pushed.revisionsCopied();
    }

    /**
     * The revisions retired in both directions (resolutions and compactions carried over).
     *
     * @return retirements applied in this store plus those applied in the peer
     */
    public long revisionsRetired() {
        return pulled.revisionsRetired() + pushed.revisionsRetired();
    }

    /**
     * The sums of the core's {@link ReplicationResult}s of one direction, over all collections.
     *
     * @param objectsCreated      objects new to the receiving side
     * @param revisionsCopied     revision files copied
     * @param bytesCopied         their total size
     * @param revisionsRetired    revisions the sending side had retired and that are now retired on the
     *                            receiving side too
     * @param retirementsRecorded retirement records copied for revisions the receiving side never held
     * @param entriesSkipped      foreign entries skipped (logged by the core)
     * @param objectsDeferred     objects left for the next run because they kept changing during this one
     */
    public record Transfer(
            long objectsCreated,
            long revisionsCopied,
            long bytesCopied,
            long revisionsRetired,
            long retirementsRecorded,
            long entriesSkipped,
            long objectsDeferred) {

        /** Nothing transferred. */
        public static final Transfer NONE = new Transfer(0, 0, 0, 0, 0, 0, 0);

        /**
         * This transfer plus one collection's replication.
         *
         * @param result the core's result of one replication
         * @return the sums
         */
        public Transfer plus(ReplicationResult result) {
            return new Transfer(
                    objectsCreated + result.objectsCreated(),
                    revisionsCopied + result.revisionsCopied(),
                    bytesCopied + result.bytesCopied(),
                    revisionsRetired + result.revisionsRetired(),
                    retirementsRecorded + result.retirementsRecorded(),
                    entriesSkipped + result.entriesSkipped(),
                    objectsDeferred + result.objectsDeferred());
        }

        /**
         * Whether anything changed on the receiving side.
         *
         * @return true if objects, revisions or retirements were copied
         */
        public boolean changedAnything() {
            return objectsCreated + revisionsCopied + revisionsRetired + retirementsRecorded > 0;
        }
    }
}
