/** Auto-configuration of the change feed's Spring events. */
@NullMarked
package io.github.multiprocessstore.autoconfigure.changes;

import org.jspecify.annotations.NullMarked;
