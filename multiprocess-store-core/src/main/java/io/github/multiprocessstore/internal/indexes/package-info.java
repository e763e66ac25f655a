/**
 * The in-memory structures behind declared indexes: JSON values turned into compact, totally ordered keys, and the
 * sorted set of (key, id) entries with its id-to-key map.
 *
 * <p>Internal to the engine: not part of the API, may change in any release, and never calls the API packages.
 */
package io.github.multiprocessstore.internal.indexes;
