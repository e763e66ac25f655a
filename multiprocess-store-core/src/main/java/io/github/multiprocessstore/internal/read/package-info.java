/**
 * The read path: reading and parsing revision files, and the caches of parsed revisions and directory listings.
 *
 * <p>Internal to the engine: not part of the API, may change in any release, and never calls the API packages
 * (they translate its {@code IOException}s and own exception types into the API's).
 */
package io.github.multiprocessstore.internal.read;
