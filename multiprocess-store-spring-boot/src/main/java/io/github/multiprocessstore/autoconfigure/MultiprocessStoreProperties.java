package io.github.multiprocessstore.autoconfigure;

import io.github.multiprocessstore.conflicts.ConflictPolicy;
import io.github.multiprocessstore.replication.ReplicationDirection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the multiprocess store, bound from {@code multiprocess.store.*}: plain documented fields. Each
 * value is checked once, by the auto-configuration that uses it ({@link PropertyChecks}), with a message naming the
 * property, so a typo fails the start instead of a later write.
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
     * most this long, and at once where the change feed reports them (change events on, the default).
     */
    private Duration conflictScanInterval = Duration.ofSeconds(10);

    /**
     * How old a file in a collection's temp area must be before it is treated as left by a crashed writer and
     * removed when the collection is opened. Keep it far above the longest write.
     */
    private Duration tempFileGracePeriod = Duration.ofHours(1);

    /**
     * How many revisions each object directory may hold before writes that take the object's lock (save with a
     * revision, update, delete, resolution) move the oldest to the trash, down to half this number; keeps reads of
     * often-written objects fast. The winner and conflicts always stay; a conflict with an already retired revision
     * no longer shows. 0 keeps every revision, as the original npm package does; otherwise at least 2.
     */
    private int historyLimit = 0;

    /**
     * Whether object directory listings are kept between reads, used while a stat of the directory proves them
     * current: a read of an unchanged object then costs one stat instead of a listing. Turn off for a store on a
     * file system shared by hosts whose clocks may differ by more than a few seconds.
     */
    private boolean keepListings = true;

    /**
     * Settings of each collection, by collection name (the sub-directory of the path), e.g.
     * 'multiprocess.store.collections.profile.conflicts=resolve'.
     */
    private final Map<String, Collection> collections = new LinkedHashMap<>();

    /**
     * The largest object a write may store: the size of its revision file, the object's JSON with _id and _rev. A
     * larger write is refused before anything is written (the repository throws ObjectTooLargeDataAccessException).
     * Reads are not limited by it. At most 1GB.
     */
    private DataSize maxObjectSize = DataSize.ofMegabytes(16);

    private final Health health = new Health();

    private final Permissions permissions = new Permissions();

    private final Replication replication = new Replication();

    private final Compaction compaction = new Compaction();

    /** @return the settings of each collection, by collection name */
    public Map<String, Collection> getCollections() {
        return collections;
    }

    /** @return the root directory of the store, as configured (before '~' expansion) */
    public Path getPath() {
        return path;
    }

    /** @param path the root directory of the store */
    public void setPath(Path path) {
        this.path = path;
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
        this.conflictScanInterval = conflictScanInterval;
    }

    /** @return the grace period before abandoned temp files are removed */
    public Duration getTempFileGracePeriod() {
        return tempFileGracePeriod;
    }

    /** @param tempFileGracePeriod the grace period before abandoned temp files are removed; must be positive */
    public void setTempFileGracePeriod(Duration tempFileGracePeriod) {
        this.tempFileGracePeriod = tempFileGracePeriod;
    }

    /** @return the bound on revisions per object directory, 0 for none */
    public int getHistoryLimit() {
        return historyLimit;
    }

    /** @param historyLimit the bound on revisions per object directory: 0 for none, else at least 2 */
    public void setHistoryLimit(int historyLimit) {
        this.historyLimit = historyLimit;
    }

    /** @return whether object directory listings are kept between reads */
    public boolean isKeepListings() {
        return keepListings;
    }

    /** @param keepListings whether object directory listings are kept between reads */
    public void setKeepListings(boolean keepListings) {
        this.keepListings = keepListings;
    }

    /** @return the largest object a write may store */
    public DataSize getMaxObjectSize() {
        return maxObjectSize;
    }

    /** @param maxObjectSize the largest object a write may store */
    public void setMaxObjectSize(DataSize maxObjectSize) {
        this.maxObjectSize = maxObjectSize;
    }

    /** @return the permissions of the files and directories the store creates */
    public Permissions getPermissions() {
        return permissions;
    }

    /** @return the health settings */
    public Health getHealth() {
        return health;
    }

    /** @return the settings of replication with peer stores */
    public Replication getReplication() {
        return replication;
    }

    /** @return the settings of compaction */
    public Compaction getCompaction() {
        return compaction;
    }

    /** Settings of one collection. */
    public static class Collection {

        /**
         * What to do with the collection's conflicts: 'report' (count, list and show them), 'ignore' (the elected
         * winner stands; not counted) or 'resolve' (retire captured rivals and run the application's resolvers,
         * report the rest). Wins over the @StoredObject attribute; default: that attribute, else 'report'.
         */
        private ConflictPolicy conflicts;

        /** @return the conflict policy, or null when not set */
        public ConflictPolicy getConflicts() {
            return conflicts;
        }

        /** @param conflicts the conflict policy */
        public void setConflicts(ConflictPolicy conflicts) {
            this.conflicts = conflicts;
        }
    }

    /**
     * POSIX permissions of the files and directories the store creates (revision files, object directories, the
     * engine's files), also through replication and compaction. Unset: the process's umask decides.
     */
    public static class Permissions {

        /** Permissions of every file the store creates, e.g. rw------- (unset: the umask decides). */
        private @Nullable String files;

        /** Permissions of every directory the store creates, e.g. rwx------ (unset: the umask decides). */
        private @Nullable String directories;

        /** @return the file permissions, or null for the umask */
        public @Nullable String getFiles() {
            return files;
        }

        /** @param files the file permissions, e.g. rw------- */
        public void setFiles(@Nullable String files) {
            this.files = files;
        }

        /** @return the directory permissions, or null for the umask */
        public @Nullable String getDirectories() {
            return directories;
        }

        /** @param directories the directory permissions, e.g. rwx------ */
        public void setDirectories(@Nullable String directories) {
            this.directories = directories;
        }
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
            this.minFreeSpace = minFreeSpace;
        }
    }

    /**
     * Settings of the scheduled replication between this store and peer stores (see {@code Replicator} in the
     * core). Off while {@code peers} is empty.
     */
    public static class Replication {

        /**
         * Root directories of peer stores (e.g. on a shared mount), each laid out like 'multiprocess.store.path' with
         * one sub-directory per collection. A leading '~' is the user's home directory. Replication is off while
         * the list is empty. A peer that is missing when a run starts is reported as failed, never created.
         */
        private List<Path> peers = new ArrayList<>();

        /**
         * Which way revisions travel between this store and every peer: BOTH (pull then push, so that both sides
         * converge), PULL (only into this store) or PUSH (only into the peers).
         */
        private ReplicationDirection direction = ReplicationDirection.BOTH;

        /** Delay between the end of one scheduled replication run and the start of the next. */
        private Duration interval = Duration.ofSeconds(30);

        /** Delay between the start of the application and the first scheduled replication run. */
        private Duration initialDelay = Duration.ofSeconds(0);

        /** @return the peer root directories, as configured (before '~' expansion) */
        public List<Path> getPeers() {
            return peers;
        }

        /** @param peers the peer root directories; empty turns replication off */
        public void setPeers(List<Path> peers) {
            this.peers = peers;
        }

        /** @return which way revisions travel */
        public ReplicationDirection getDirection() {
            return direction;
        }

        /** @param direction which way revisions travel */
        public void setDirection(ReplicationDirection direction) {
            this.direction = direction;
        }

        /** @return the delay between scheduled runs */
        public Duration getInterval() {
            return interval;
        }

        /** @param interval the delay between scheduled runs; must be positive */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        /** @return the delay before the first scheduled run */
        public Duration getInitialDelay() {
            return initialDelay;
        }

        /** @param initialDelay the delay before the first scheduled run; zero or more */
        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }
    }

    /**
     * Settings of compaction (see {@code Compactor} in the core), which is always callable from code through the
     * {@code StoreCompactor} bean and runs on a schedule when {@code enabled}.
     */
    public static class Compaction {

        /** Whether every collection is compacted on a schedule; compaction from code works either way. */
        private boolean enabled = false;

        /** Delay between the end of one scheduled compaction and the start of the next. */
        private Duration interval = Duration.ofHours(1);

        /** Delay between the start of the application and the first scheduled compaction. */
        private Duration initialDelay = Duration.ofSeconds(0);

        /**
         * How many of each object's newest revisions are kept, the winner included (at least 1). Revisions of an
         * unresolved conflict are always kept.
         */
        private int keepRevisions = 1;

        /**
         * How long a deleted object is kept, counted from its deletion (its tombstone's modification time), before
         * compaction removes it altogether.
         */
        private Duration deletedObjectRetention = Duration.ofDays(30);

        /**
         * How long a removed revision keeps its content in the store's trash, for recovery, before only an empty
         * record of it remains.
         */
        private Duration trashContentRetention = Duration.ofDays(30);

        /** @return whether compaction runs on a schedule */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether compaction runs on a schedule */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the delay between scheduled compactions */
        public Duration getInterval() {
            return interval;
        }

        /** @param interval the delay between scheduled compactions; must be positive */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        /** @return the delay before the first scheduled compaction */
        public Duration getInitialDelay() {
            return initialDelay;
        }

        /** @param initialDelay the delay before the first scheduled compaction; zero or more */
        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        /** @return how many revisions per object are kept */
        public int getKeepRevisions() {
            return keepRevisions;
        }

        /** @param keepRevisions how many revisions per object are kept; at least 1 */
        public void setKeepRevisions(int keepRevisions) {
            this.keepRevisions = keepRevisions;
        }

        /** @return how long deleted objects are kept */
        public Duration getDeletedObjectRetention() {
            return deletedObjectRetention;
        }

        /** @param deletedObjectRetention how long deleted objects are kept; zero or more */
        public void setDeletedObjectRetention(Duration deletedObjectRetention) {
            this.deletedObjectRetention = deletedObjectRetention;
        }

        /** @return how long removed revisions keep their content in the trash */
        public Duration getTrashContentRetention() {
            return trashContentRetention;
        }

        /** @param trashContentRetention how long removed revisions keep their content; zero or more */
        public void setTrashContentRetention(Duration trashContentRetention) {
            this.trashContentRetention = trashContentRetention;
        }
    }
}
