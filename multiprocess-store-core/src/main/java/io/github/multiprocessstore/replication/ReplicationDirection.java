package io.github.multiprocessstore.replication;

/**
 * Which way revisions travel between this application's store and each peer store in a replication run.
 * Replication copies revisions and retirements (conflict resolutions, compactions) and never deletes a live
 * revision that the other side lacks, so every direction is safe; only {@link #BOTH} makes the two sides converge.
 */
public enum ReplicationDirection {

    /**
     * Pull from every peer, then push to every peer: after one run this store and each peer hold the union of
     * what they held (minus retirements), so with several peers this store also relays between them.
     */
    BOTH(true, true),

    /** Only copy from the peers into this store (e.g. a read replica, or collecting from many hosts). */
    PULL(true, false),

    /** Only copy from this store into the peers (e.g. a backup on a shared mount). */
    PUSH(false, true);

    private final boolean pulls;
    private final boolean pushes;

    ReplicationDirection(boolean pulls, boolean pushes) {
        this.pulls = pulls;
        this.pushes = pushes;
    }

    /**
     * Whether a run copies from the peers into this store.
     *
     * @return true for {@link #BOTH} and {@link #PULL}
     */
    public boolean pulls() {
        return pulls;
    }

    /**
     * Whether a run copies from this store into the peers.
     *
     * @return true for {@link #BOTH} and {@link #PUSH}
     */
    public boolean pushes() {
        return pushes;
    }
}
