/**
 * The on-disk format: revision names and their order, the encoding of ids as directory names, the store's layout.
 *
 * <p>Internal to the engine: not part of the API, may change in any release, and never calls the API packages
 * (they translate its {@code IOException}s and own exception types into the API's).
 */
package io.github.multiprocessstore.internal.format;
