package io.github.multiprocessstore.changes;

import java.time.Duration;

/**
 * A running {@linkplain io.github.multiprocessstore.ObjectStore#subscribe subscription}. Closing it (or the store)
 * stops its feed thread: the listener is not called after {@link #close()} returns, unless from that thread itself.
 */
public interface ChangeSubscription extends AutoCloseable {

    /**
     * The position after the latest change delivered (or the starting one): store it to resume after a restart.
     *
     * @return the position
     */
    ChangeToken position();

    /**
     * Waits until the listener has returned from every change that this engine's writers, in any process, had
     * journaled when this method was called: a write that completed before the call has then been delivered. What
     * other programs write (the npm package, {@code rsync}) is not journaled; reconciliation delivers it within the
     * reconcile interval, independently of this method.
     *
     * <p>Meant for state derived from the feed (an index, a cache): a reader calls it, and trusts the derived state
     * for what happened before the call only if it returns true. Wakes the subscription, so it reads the journal now
     * instead of at its next poll.
     *
     * @param timeout how long to wait at most ({@link Duration#ZERO} only checks)
     * @return true if caught up; false if the timeout passed first, if a snapshot is being delivered (after a
     *     reset, or from {@link ChangeToken#BEGINNING}: the listener's state is being rebuilt), or if the
     *     subscription is closed
     * @throws InterruptedException  if interrupted while waiting
     * @throws IllegalStateException if called from the listener itself, which it would wait for
     */
    default boolean awaitJournal(Duration timeout) throws InterruptedException {
        return false;
    }

    /** Whether the subscription still runs. */
    boolean isOpen();

    /** Stops the subscription; idempotent. */
    @Override
    void close();
}
