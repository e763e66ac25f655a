package io.github.multiprocessstore.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the multiprocess store, bound from {@code multiprocess.store.*}. Setters reject values that can
 * never work with a message naming the property, so a typo fails the start instead of a later write.
 */
@ConfigurationProperties(prefix = MultiprocessStoreProperties.PREFIX)
public class MultiprocessStoreProperties {

    /** The prefix of every property of the store. */
    public static final String PREFIX = "multiprocess.store";

    /**
     * Root directory of the store, one sub-directory per collection. A leading '~' is the user's home directory;
     * a relative path is resolved against the working directory. Created if missing.
     */
    private Path path = Path.of("data");

    /**
     * Whether every write is fsynced (file, then directory) before it is acknowledged. Turning it off is faster,
     * but a power loss may then lose acknowledged writes.
     */
    private boolean durable = true;

    /**
     * How often the background scan reads the revision file names of every collection to count conflicted
     * objects (for the health details, the conflicts gauge); conflicts written by other processes show up after at
     * most this long.
     */
    private Duration conflictScanInterval = Duration.ofSeconds(10);

    /**
     * How old a file in a collection's temp area must be before it is treated as left by a crashed writer and
     * removed when the collection is opened. Keep it far above the longest write.
     */
    private Duration tempFileGracePeriod = Duration.ofHours(1);

    private final Health health = new Health();

    /** @return the root directory of the store, as configured (before '~' expansion) */
    public Path getPath() {
        return path;
    }

    /** @param path the root directory of the store */
    public void setPath(Path path) {
        this.path = Objects.requireNonNull(path, "'multiprocess.store.path' must not be empty");
    }

    /** @return whether writes are fsynced before they are acknowledged */
    public boolean isDurable() {
        return durable;
    }

    /** @param durable whether writes are fsynced before they are acknowledged */
    public void setDurable(boolean durable) {
        this.durable = durable;
    }

    /** @return the interval of the background conflict scan */
    public Duration getConflictScanInterval() {
        return conflictScanInterval;
    }

    /** @param conflictScanInterval the interval of the background conflict scan; must be positive */
    public void setConflictScanInterval(Duration conflictScanInterval) {
        this.conflictScanInterval = requirePositive(conflictScanInterval, "conflict-scan-interval");
    }

    /** @return the grace period before abandoned temp files are removed */
    public Duration getTempFileGracePeriod() {
        return tempFileGracePeriod;
    }

    /** @param tempFileGracePeriod the grace period before abandoned temp files are removed; must be positive */
    public void setTempFileGracePeriod(Duration tempFileGracePeriod) {
        this.tempFileGracePeriod = requirePositive(tempFileGracePeriod, "temp-file-grace-period");
    }

    /** @return the settings of the health indicator */
    public Health getHealth() {
        return health;
    }

    private static Duration requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(
                    "'" + PREFIX + "." + name + "' must be a positive duration (e.g. 10s), was " + value);
        }
        return value;
    }

    /** Settings of the {@code multiprocessStore} health indicator. */
    public static class Health {

        /** Minimum free disk space on the store's file system; below it the store's health is DOWN. */
        private DataSize minFreeSpace = DataSize.ofMegabytes(10);

        /** @return the minimum free disk space */
        public DataSize getMinFreeSpace() {
            return minFreeSpace;
        }

        /** @param minFreeSpace the minimum free disk space; must not be negative */
        public void setMinFreeSpace(DataSize minFreeSpace) {
            if (minFreeSpace == null || minFreeSpace.isNegative()) {
                throw new IllegalArgumentException("'" + PREFIX + ".health.min-free-space' must not be negative, was "
                        + minFreeSpace);
            }
            this.minFreeSpace = minFreeSpace;
        }
    }
}
