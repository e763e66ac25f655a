package io.github.multiprocessstore.indexes;

/** Whether {@link StoreIndexes} can answer queries. */
public enum IndexState {
    /** Kept current from the change feed: queries use the indexes once they caught up with the journal. */
    READY,
    /**
     * The feed was reset (the journal was lost or trimmed, or the indexes fell too far behind): the indexes are
     * being rebuilt from every live object, and queries scan meanwhile.
     */
    REBUILDING,
    /** Closed, or its store was closed: queries scan. */
    CLOSED
}
