/** Auto-configuration of the store's actuator endpoints ({@code conflicts}, {@code replication}). */
@NullMarked
package io.github.multiprocessstore.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
