/**
 * What an application does with conflicts: the {@link io.github.multiprocessstore.conflicts.ConflictPolicy} of a
 * collection. The captured rule itself is applied by {@link io.github.multiprocessstore.ObjectStore}'s
 * {@code resolveCapturedConflicts} methods.
 */
package io.github.multiprocessstore.conflicts;
