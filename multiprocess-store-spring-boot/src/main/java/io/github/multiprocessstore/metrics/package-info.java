/** Micrometer meter binders of the store: conflicts, replication and compaction. */
@NullMarked
package io.github.multiprocessstore.metrics;

import org.jspecify.annotations.NullMarked;
