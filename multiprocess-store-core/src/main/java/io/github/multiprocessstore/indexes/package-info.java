/**
 * Declared indexes over a store's JSON objects, kept in memory per process and kept current from the change feed:
 * {@link io.github.multiprocessstore.indexes.StoreIndexes} builds them
 * ({@link io.github.multiprocessstore.indexes.IndexDefinition} says what to index) and answers equality, range and
 * sorted-order questions through an {@link io.github.multiprocessstore.indexes.IndexedView}, only when the indexes
 * are provably current; callers scan otherwise.
 */
package io.github.multiprocessstore.indexes;
