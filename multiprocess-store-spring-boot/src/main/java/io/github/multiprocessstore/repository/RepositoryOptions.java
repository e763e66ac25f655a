package io.github.multiprocessstore.repository;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.auditing.AuditingHandler;

/**
 * What the repositories of an {@link ObjectRepositoryFactory} do besides storing: skip or fail on objects they
 * cannot map, audit, publish domain events.
 *
 * @param skipUnmappable whether scans and queries skip objects that cannot be mapped (counted in
 *                       {@code unmappable}, with a warning) instead of failing with
 *                       {@link UnmappableObjectException}
 * @param unmappable     the count of skipped objects
 * @param auditing       the auditing handler, when auditing is enabled (looked up at each save, so it may be
 *                       defined after the factory)
 * @param events         where {@code @DomainEvents} go, or null to publish none
 */
public record RepositoryOptions(
        boolean skipUnmappable,
        UnmappableObjects unmappable,
        Supplier<@Nullable AuditingHandler> auditing,
        @Nullable ApplicationEventPublisher events) {

    /** Checks the arguments. */
    public RepositoryOptions {
        Objects.requireNonNull(unmappable, "unmappable must not be null");
        Objects.requireNonNull(auditing, "auditing must not be null");
    }

    /** Fail on unmappable objects, no auditing, no events. */
    public static RepositoryOptions defaults() {
        return new RepositoryOptions(false, new UnmappableObjects(), () -> null, null);
    }
}
