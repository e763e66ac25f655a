/** Auto-configuration of the store's {@code /actuator/info} contribution. */
@NullMarked
package io.github.multiprocessstore.autoconfigure.info;

import org.jspecify.annotations.NullMarked;
