package io.github.multiprocessstore.health;

import io.github.multiprocessstore.maintenance.ConflictMonitor;
import io.github.multiprocessstore.maintenance.ConflictReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.unit.DataSize;

/**
 * Health of the store's root directory: UP when it exists, is writable and its file system has at least the
 * configured free space; DOWN with a {@code reason} otherwise. Details: {@code path}, {@code freeBytes},
 * {@code minFreeBytes}, {@code conflictedObjects} and {@code lastConflictScan}. The conflict count comes from the
 * {@link ConflictMonitor}'s cached background scan, so a check costs a few system calls whatever the store's
 * size. Conflicts do not make the store DOWN: they are data for a person to resolve, not a fault.
 */
public final class MultiprocessStoreHealthIndicator extends AbstractHealthIndicator {

    private final Path root;
    private final DataSize minFreeSpace;
    private final ConflictMonitor conflicts;

    /**
     * @param root         the store's root directory
     * @param minFreeSpace the free space below which the store is DOWN
     * @param conflicts    the cached conflict scan
     */
    public MultiprocessStoreHealthIndicator(Path root, DataSize minFreeSpace, ConflictMonitor conflicts) {
        super("Multiprocess store health check failed");
        this.root = Objects.requireNonNull(root, "root must not be null");
        this.minFreeSpace = Objects.requireNonNull(minFreeSpace, "minFreeSpace must not be null");
        this.conflicts = Objects.requireNonNull(conflicts, "conflicts must not be null");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.withDetail("path", root.toString());
        if (!Files.isDirectory(root)) {
            builder.down().withDetail("reason", "the store directory does not exist or is not a directory");
            return;
        }
        if (!Files.isWritable(root)) {
            builder.down().withDetail("reason", "the store directory is not writable by this process");
            return;
        }
        long freeBytes = Files.getFileStore(root).getUsableSpace();
        ConflictReport report = conflicts.latest();
        builder.withDetail("freeBytes", freeBytes)
                .withDetail("minFreeBytes", minFreeSpace.toBytes())
                .withDetail("conflictedObjects", report.conflictedObjects())
                .withDetail("lastConflictScan", report.scannedAt().toString());
        if (freeBytes < minFreeSpace.toBytes()) {
            builder.down()
                    .withDetail(
                            "reason",
                            "free disk space (" + freeBytes + " bytes) is below "
                                    + "multiprocess.store.health.min-free-space (" + minFreeSpace.toBytes()
                                    + " bytes)");
            return;
        }
        builder.up();
    }
}
