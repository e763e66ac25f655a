/**
 * The store's change feed as Spring application events: a {@link io.github.multiprocessstore.changes.events.StoreChangeEvent}
 * per change of every collection, and a {@link io.github.multiprocessstore.changes.events.StoreConflictEvent} when a
 * conflict appears.
 */
@NullMarked
package io.github.multiprocessstore.changes.events;

import org.jspecify.annotations.NullMarked;
