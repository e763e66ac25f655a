/** Micrometer meter binders of the store: conflicts, resolutions, replication and compaction. */
@NullMarked
package io.github.multiprocessstore.metrics;

import org.jspecify.annotations.NullMarked;
