/**
 * The rules that decide which rival revisions of a conflict may be retired without losing data, on JSON values
 * already read from disk.
 *
 * <p>Internal to the engine: not part of the API, may change in any release, and never calls the API packages.
 */
package io.github.multiprocessstore.internal.conflicts;
