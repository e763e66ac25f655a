package io.github.multiprocessstore.changes;

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

    /** Whether the subscription still runs. */
    boolean isOpen();

    /** Stops the subscription; idempotent. */
    @Override
    void close();
}
