/**
 * How stored types map to JSON and to Spring Data's metadata: Spring Data's {@code @Id} and {@code @Version} as
 * {@code _id} and {@code _rev}, and the mapping context that auditing reads.
 */
@NullMarked
package io.github.multiprocessstore.repository.mapping;

import org.jspecify.annotations.NullMarked;
