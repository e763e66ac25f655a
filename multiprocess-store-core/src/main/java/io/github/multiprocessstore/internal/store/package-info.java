/**
 * The store at the level of files, shared by the engine, replication and compaction: object directories (list, lock,
 * retire) and the store's temp area, top-level listing and trash.
 *
 * <p>Internal to the engine: not part of the API, may change in any release, and never calls the API packages
 * (they translate its {@code IOException}s and own exception types into the API's).
 */
package io.github.multiprocessstore.internal.store;
