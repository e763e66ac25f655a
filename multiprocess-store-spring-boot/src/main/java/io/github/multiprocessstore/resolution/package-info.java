/**
 * What happens to conflicts in an application: each collection's policy, the captured rule and the application's
 * {@link io.github.multiprocessstore.resolution.ConflictResolver}s run by the background scan, and manual resolutions
 * by a signed-in person, all logged and reported to listeners (the metrics count them).
 */
@NullMarked
package io.github.multiprocessstore.resolution;

import org.jspecify.annotations.NullMarked;
