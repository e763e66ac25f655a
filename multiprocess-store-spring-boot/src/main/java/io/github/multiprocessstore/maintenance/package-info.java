/** Scheduled background work on the store: the conflict scan, replication with peers and compaction, each run by the core and scheduled here. */
@NullMarked
package io.github.multiprocessstore.maintenance;

import org.jspecify.annotations.NullMarked;
