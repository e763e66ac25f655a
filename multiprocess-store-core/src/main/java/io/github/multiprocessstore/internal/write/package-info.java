/**
 * The write path: temp files, fsync, atomic publish, and the per-object locks that hold across processes.
 *
 * <p>Internal to the engine: not part of the API, may change in any release, and never calls the API packages
 * (they translate its {@code IOException}s and own exception types into the API's).
 */
package io.github.multiprocessstore.internal.write;
