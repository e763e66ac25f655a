/** Auto-configuration of the multiprocess store: the store root, its repositories, the maintenance scheduler, the properties and the customizer of the core's store builder. */
@NullMarked
package io.github.multiprocessstore.autoconfigure;

import org.jspecify.annotations.NullMarked;
