package io.github.multiprocessstore.changes;

/**
 * Receives the changes of a {@linkplain io.github.multiprocessstore.ObjectStore#subscribe subscription}, one at a
 * time, from the subscription's own feed thread (so a slow listener delays only itself). An exception thrown by a
 * method is logged and the feed goes on.
 */
@FunctionalInterface
public interface ChangeListener {

    /**
     * One change; for one object, changes arrive in the order of its writes. Delivery is at least once: after a
     * restart, a reset or a reconciliation, a change may come again.
     *
     * @param change the change
     */
    void onChange(Change change);

    /**
     * The feed could not tell what changed since the last position (the position was older than the journal's
     * retention, or this subscriber fell too far behind): every live object follows once, as
     * {@link ChangeKind#CREATED}, then the changes after that.
     *
     * @param token the position of the reset
     */
    default void onReset(ChangeToken token) {}
}
