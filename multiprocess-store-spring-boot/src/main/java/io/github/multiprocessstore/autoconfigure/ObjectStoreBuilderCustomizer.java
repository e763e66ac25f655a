package io.github.multiprocessstore.autoconfigure;

import io.github.multiprocessstore.ObjectStoreBuilder;

/**
 * Customizes the builder of every collection's store before it is built, after the {@code multiprocess.store.*}
 * properties have been applied: the way to set any core option (e.g. {@code builder.readCacheBytes(64 << 20)}, a
 * clock, a random source) without replacing the {@code StoreRoot} bean. Every customizer bean is applied, in
 * {@link org.springframework.core.Ordered order}.
 */
@FunctionalInterface
public interface ObjectStoreBuilderCustomizer {

    /**
     * Customizes the builder of one collection's store.
     *
     * @param builder the builder, with the properties already applied
     */
    void customize(ObjectStoreBuilder builder);
}
