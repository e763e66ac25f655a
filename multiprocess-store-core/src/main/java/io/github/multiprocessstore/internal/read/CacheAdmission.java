package io.github.multiprocessstore.internal.read;

/** How an entry read from disk enters a bounded cache. */
public enum CacheAdmission {
    /** May push other entries out: reads of one object, whose working set the cache is for. */
    EVICT,
    /**
     * Uses only free room: scans of a whole store, so that one pass over a large store does not push out the
     * working set.
     */
    ONLY_FREE_ROOM,
    /**
     * Does not enter: what the caller's own write is about to make stale (the listing and winner a locked write
     * reads before writing on top of them). Keeping them would cost an insertion and, later, an eviction, for an
     * entry no read could use.
     */
    NONE
}
