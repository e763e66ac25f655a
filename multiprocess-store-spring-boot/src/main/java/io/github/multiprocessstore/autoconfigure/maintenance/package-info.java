/** Auto-configuration of scheduled replication and compaction. */
@NullMarked
package io.github.multiprocessstore.autoconfigure.maintenance;

import org.jspecify.annotations.NullMarked;
