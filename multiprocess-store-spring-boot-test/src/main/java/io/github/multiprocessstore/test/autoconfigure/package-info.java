/**
 * Spring Boot test support for the store: the {@link io.github.multiprocessstore.test.autoconfigure.MultiprocessStoreTest}
 * slice and {@link io.github.multiprocessstore.test.autoconfigure.AutoConfigureMultiprocessStore}.
 */
@NullMarked
package io.github.multiprocessstore.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
