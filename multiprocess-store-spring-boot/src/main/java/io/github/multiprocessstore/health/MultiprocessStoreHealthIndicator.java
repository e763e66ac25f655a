package io.github.multiprocessstore.health;

import io.github.multiprocessstore.maintenance.ConflictMonitor;
import io.github.multiprocessstore.maintenance.ConflictReport;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.unit.DataSize;

/**
 * Health of the store's root directory: UP when it exists, a test write of one byte succeeds (so a full disk, an
 * exhausted inode table and a read-only mount are DOWN, each with its own reason) and its file system has at least
 * the configured free space; DOWN with a {@code reason} otherwise. Details: {@code path}, {@code freeBytes},
 * {@code minFreeBytes}, {@code conflictedObjects} and {@code lastConflictScan}. The conflict count comes from the
 * {@link ConflictMonitor}'s cached background scan, kept current by the change feed, so a check costs a few system
 * calls whatever the store's size. Conflicts do not make the store DOWN: they are data for a person to resolve, not
 * a fault.
 */
public final class MultiprocessStoreHealthIndicator extends AbstractHealthIndicator {

    private static final byte[] PROBE = {'\n'};

    private final Path root;
    private final DataSize minFreeSpace;
    private final ConflictMonitor conflicts;
    private final AtomicLong probes = new AtomicLong();

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
        String cannotWrite = probeWrite();
        if (cannotWrite != null) {
            builder.down().withDetail("reason", cannotWrite);
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

    /**
     * Writes one byte to a new file in the root and removes it: the only way to see a file system that is out of
     * inodes (its free space looks fine) or mounted read-only (the directory's mode still says writable).
     *
     * @return why the store cannot write, or null if it can
     */
    private @Nullable String probeWrite() {
        Path probe = root.resolve(".health-probe-" + ProcessHandle.current().pid() + "-" + probes.incrementAndGet());
        try {
            Files.write(probe, PROBE, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return null;
        } catch (AccessDeniedException e) {
            return "the store directory is not writable by this process";
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("no space left") || message.contains("quota exceeded")) {
                return "the disk is full: no space or no inodes left on the file system of the store (" + e.getMessage()
                        + "); writes fail until space is freed";
            }
            if (message.contains("read-only file system")) {
                return "the file system of the store is read-only; reads work, writes fail until it is remounted"
                        + " read-write";
            }
            return "the store directory is not writable by this process (a test write failed: " + e + ")";
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                // A read-only or failing file system: the file could not have been created either.
            }
        }
    }
}
