/**
 * The query engine of the repositories: criteria, orderings and bounded selections evaluated on the stored JSON
 * objects themselves, so that a query maps to Java only the objects it returns. Used by the repositories; no
 * dependency on them.
 */
@NullMarked
package io.github.multiprocessstore.repository.query;

import org.jspecify.annotations.NullMarked;
