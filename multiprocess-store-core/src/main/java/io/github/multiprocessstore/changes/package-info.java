/**
 * The change feed's types: {@link io.github.multiprocessstore.changes.Change}s with their
 * {@link io.github.multiprocessstore.changes.ChangeToken positions}, read with
 * {@link io.github.multiprocessstore.ObjectStore#changes} or pushed to a
 * {@link io.github.multiprocessstore.changes.ChangeListener} by
 * {@link io.github.multiprocessstore.ObjectStore#subscribe}.
 */
package io.github.multiprocessstore.changes;
