/** The store's contribution to {@code /actuator/info}. */
@NullMarked
package io.github.multiprocessstore.info;

import org.jspecify.annotations.NullMarked;
