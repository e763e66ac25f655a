package io.github.multiprocessstore.actuate.metrics;

import io.github.multiprocessstore.spring.RepositoryOperationListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Records every {@code ObjectRepository} operation in the timer {@code multiprocess.store.operations}, tagged
 * {@code collection}, {@code operation} (the repository method), {@code outcome} ({@code SUCCESS} or
 * {@code ERROR}) and {@code exception} (the simple class name of the exception thrown, or {@code none}).
 */
public final class RepositoryOperationMetrics implements RepositoryOperationListener {

    /** The timer's name. */
    public static final String METRIC_NAME = "multiprocess.store.operations";

    private final MeterRegistry registry;

    /** @param registry where the timers are registered */
    public RepositoryOperationMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry must not be null");
    }

    @Override
    public void operationCompleted(
            String collection, String operation, Duration duration, @Nullable Throwable failure) {
        Timer.builder(METRIC_NAME)
                .description("Time taken by ObjectRepository operations")
                .tag("collection", collection)
                .tag("operation", operation)
                .tag("outcome", failure == null ? "SUCCESS" : "ERROR")
                .tag("exception", failure == null ? "none" : failure.getClass().getSimpleName())
                .register(registry)
                .record(duration);
    }
}
