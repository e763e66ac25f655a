/**
 * The change journal: append-only segment files under {@code <store>/.mpstore/journal/}, one live segment per
 * writing store instance, each record naming an object, a revision and the kind of change. An accelerator for the
 * change feed only: the revision files stay the one source of truth, and a missing, torn, corrupt or unwritable
 * journal never changes a read or a write.
 *
 * <p>Internal to the engine: not part of the API, may change in any release, and never calls the API packages.
 */
package io.github.multiprocessstore.internal.journal;
