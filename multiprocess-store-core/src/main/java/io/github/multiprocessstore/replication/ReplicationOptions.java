package io.github.multiprocessstore.replication;

import io.github.multiprocessstore.StorePermissions;
import java.time.Clock;
import java.util.Objects;

/**
 * How a replication runs. Immutable; start from {@link #defaults()} and change what you need with the
 * {@code with...} methods, which fail fast on a wrong value.
 *
 * @param durable     whether each copied file, and each directory changed, is fsynced before the replication
 *                    reports it (default true, as for the store's own writes)
 * @param parallelism how many objects are compared and copied at once (default: the number of processors, at least
 *                    2, as comparing is mostly waiting for the file system)
 * @param clock       the time source for the result's timestamps and for stamping retirement records; a seam for
 *                    tests (default: the UTC system clock)
 */
public record ReplicationOptions(boolean durable, int parallelism, Clock clock, StorePermissions permissions) {

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException if {@code parallelism} is less than 1
     * @throws NullPointerException     if {@code clock} is null
     */
    public ReplicationOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        Objects.requireNonNull(clock, "clock must not be null");
        Objects.requireNonNull(permissions, "permissions must not be null");
    }

    /**
     * The defaults: durable, one worker per processor (at least 2), the system clock.
     *
     * @return the default options
     */
    public static ReplicationOptions defaults() {
        return new ReplicationOptions(
                true,
                Math.max(2, Runtime.getRuntime().availableProcessors()),
                Clock.systemUTC(),
                StorePermissions.umask());
    }

    /**
     * These options with another durability.
     *
     * @param durable whether to fsync copied files and changed directories
     * @return new options
     */
    public ReplicationOptions withDurable(boolean durable) {
        return new ReplicationOptions(durable, parallelism, clock, permissions);
    }

    /**
     * These options with another parallelism.
     *
     * @param parallelism how many objects are handled at once, at least 1
     * @return new options
     */
    public ReplicationOptions withParallelism(int parallelism) {
        return new ReplicationOptions(durable, parallelism, clock, permissions);
    }

    /**
     * These options with another clock.
     *
     * @param clock the time source
     * @return new options
     */
    public ReplicationOptions withClock(Clock clock) {
        return new ReplicationOptions(durable, parallelism, clock, permissions);
    }

    /**
     * These options with other permissions for what is created in the target.
     *
     * @param permissions the target store's permissions
     * @return new options
     */
    public ReplicationOptions withPermissions(StorePermissions permissions) {
        return new ReplicationOptions(durable, parallelism, clock, permissions);
    }
}
