package io.github.multiprocessstore;

/**
 * Told how far a run over a whole store (a compaction, a replication) has come, e.g. to draw a progress bar. A run
 * may report from several threads at once: implementations must be thread-safe, and cheap, as they are called once
 * per object.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Listens to nothing. */
    ProgressListener NONE = () -> {};

    /**
     * Called once, before the first object, with how many objects the run will visit: an estimate when other
     * processes add or remove objects meanwhile.
     *
     * @param objects the objects to visit
     */
    default void started(long objects) {}

    /** Called after each object the run has visited, whatever it did to it. */
    void objectDone();
}
