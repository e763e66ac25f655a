/** The store's actuator endpoints: conflicts and replication. */
@NullMarked
package io.github.multiprocessstore.endpoint;

import org.jspecify.annotations.NullMarked;
