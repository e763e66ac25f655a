/**
 * Enabling declared repositories ({@link io.github.multiprocessstore.repository.config.EnableMultiprocessStoreRepositories})
 * and auditing ({@link io.github.multiprocessstore.repository.config.EnableMultiprocessStoreAuditing}).
 */
@NullMarked
package io.github.multiprocessstore.repository.config;

import org.jspecify.annotations.NullMarked;
