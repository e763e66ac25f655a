package io.github.multiprocessstore;

import io.github.multiprocessstore.internal.format.StoreLayout;
import io.github.multiprocessstore.internal.read.RevisionFiles;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Configures and opens an {@link ObjectStore}. The defaults are the safe ones: durable writes, a secure random
 * source for revision names, a one-hour grace period before crashed writers' temp files are removed.
 * Not thread-safe; {@link #build()} may be called more than once.
 */
public final class ObjectStoreBuilder {

    /** The default {@linkplain #maxObjectSize(long) maximum object size}: 16 MB. */
    public static final long DEFAULT_MAX_OBJECT_SIZE = 16L * 1024 * 1024;

    /** The highest {@linkplain #maxObjectSize(long) maximum object size}: 1 GB, the most the reader accepts. */
    public static final long MAX_MAX_OBJECT_SIZE = RevisionFiles.MAX_DOCUMENT_BYTES;

    private final Path directory;
    private boolean durable = true;
    private Clock clock = Clock.systemUTC();
    /** The algorithm of the default revision name generator; see {@link #secureRandomPerThread()}. */
    private static final String NAME_GENERATOR = "L128X256MixRandom";

    private Supplier<RandomGenerator> randomSource = ObjectStoreBuilder::secureRandomPerThread;
    private Duration tempFileGracePeriod = Duration.ofHours(1);
    private JsonMapper jsonMapper;
    private long readCacheBytes = 32L * 1024 * 1024;
    private int historyLimit;
    private Duration listingSettleTime = Duration.ofSeconds(3);
    private boolean keepListings = true;
    private long maxObjectSize = DEFAULT_MAX_OBJECT_SIZE;
    private StorePermissions permissions = StorePermissions.umask();
    private ChangeFeedOptions changes = ChangeFeedOptions.DEFAULTS;

    ObjectStoreBuilder(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory must not be null");
    }

    /**
     * Whether each write is fsynced (file, then directory) before it is acknowledged. Default true. Turning it
     * off is faster but a power loss may lose acknowledged writes (never tear them: renames stay atomic).
     *
     * @param durable true to fsync every write
     * @return this builder
     */
    public ObjectStoreBuilder durable(boolean durable) {
        this.durable = durable;
        return this;
    }

    /**
     * The clock used for grace periods and retention; a seam for tests.
     *
     * @param clock the clock
     * @return this builder
     */
    public ObjectStoreBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        return this;
    }

    /**
     * Where the random part of revision names comes from: called once per thread. The default is a generator per
     * thread seeded from {@link SecureRandom} ({@code L128X256MixRandom}, 256 bits of state), so names from different
     * processes and hosts do not collide.
     *
     * @param randomSource supplies a generator for the calling thread
     * @return this builder
     */
    public ObjectStoreBuilder randomSource(Supplier<RandomGenerator> randomSource) {
        this.randomSource = Objects.requireNonNull(randomSource, "randomSource must not be null");
        return this;
    }

    /**
     * How old a file in the store's temp area must be before it is treated as left by a crashed writer and
     * removed. Must be positive; keep it far above the longest write.
     *
     * @param gracePeriod the grace period, default one hour
     * @return this builder
     */
    public ObjectStoreBuilder tempFileGracePeriod(Duration gracePeriod) {
        Objects.requireNonNull(gracePeriod, "tempFileGracePeriod must not be null");
        if (gracePeriod.isNegative() || gracePeriod.isZero()) {
            throw new IllegalArgumentException("tempFileGracePeriod must be positive, was " + gracePeriod);
        }
        this.tempFileGracePeriod = gracePeriod;
        return this;
    }

    /**
     * The Jackson mapper used to read and write revision files. Default: a plain {@link JsonMapper}.
     *
     * @param jsonMapper the mapper
     * @return this builder
     */
    public ObjectStoreBuilder jsonMapper(JsonMapper jsonMapper) {
        this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper must not be null");
        return this;
    }

    /**
     * How much heap the store may use to keep recently read revisions parsed (three quarters, estimated as six
     * times their file size) and object directory listings (a quarter; see {@link #keepListings}). Revision files
     * never change once visible, so a cached revision is always right; every read still elects the winner from a
     * listing proven current, so writes by other processes are seen at once. Scans of the whole store
     * ({@code getAllObjects}, {@code streamObjects}, {@code count}, {@code getAllConflicts}) use the cache and fill
     * only its free room, so one pass over a large store does not push out what other reads keep; once full, a
     * cache admits an entry only on its second recent miss.
     * Default 32 MB (about 13,000 documents of 300 bytes and 23,000 listings); 0 disables both.
     *
     * @param bytes the cache budget, in estimated heap bytes
     * @return this builder
     */
    public ObjectStoreBuilder readCacheBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("readCacheBytes must not be negative, was " + bytes);
        }
        this.readCacheBytes = bytes;
        return this;
    }

    /**
     * Bounds how many revisions each object directory holds, so that reading an object (which lists its directory)
     * costs the same however often it was written. When a write that takes the object's lock (strict or atomic
     * update, upsert, delete) leaves more than {@code limit} revisions, the oldest are moved to the store's trash,
     * as a {@linkplain io.github.multiprocessstore.compaction.Compactor compaction} would, until half the limit
     * remain; the winner and every revision of a conflict always stay. Plain {@code updateObject(ObjectNode)}
     * takes no lock and retires nothing.
     *
     * <p>The trade-off: a conflict is two revisions with the same number in the directory, so a write based on a
     * revision that was already retired (a plain update from a very old read, or a peer's divergent history
     * arriving by replication more than the limit behind) no longer shows as a conflict; the retired revision
     * stays in the trash. Default 0: unbounded, every revision stays, as in the original npm package.
     *
     * @param limit 0 for unbounded, else at least 2
     * @return this builder
     */
    public ObjectStoreBuilder historyLimit(int limit) {
        if (limit < 0 || limit == 1) {
            throw new IllegalArgumentException("historyLimit must be 0 (unbounded) or at least 2, was " + limit);
        }
        this.historyLimit = limit;
        return this;
    }

    /**
     * Whether the listings of object directories are kept between reads (default true). Every read takes the
     * directory's state ({@code stat}: device, inode, change time, modification time); a kept listing is used
     * only while that state is exactly the one taken before it was listed, and only directories left alone for a
     * few seconds before that are kept, so a change by any process, or any program, is seen at the next read. The
     * rule compares the directory's change time with this host's clock: turn it off for a store on a file system
     * shared by hosts whose clocks may differ by more than a few seconds.
     *
     * @param keep false to list the object directory on every read
     * @return this builder
     */
    public ObjectStoreBuilder keepListings(boolean keep) {
        this.keepListings = keep;
        return this;
    }

    /**
     * The POSIX permissions of every file and directory the store creates (revision files, object directories,
     * retirement records, temp files, the engine's directories and lock files). Default
     * {@link StorePermissions#umask()}: the process's umask decides, as in the original npm package. Existing files
     * keep their modes. On a file system without POSIX permissions, any other value fails the first write.
     *
     * @param permissions e.g. {@code StorePermissions.of("rw-------", "rwx------")} for a store only its owner reads
     * @return this builder
     */
    public ObjectStoreBuilder permissions(StorePermissions permissions) {
        this.permissions = Objects.requireNonNull(permissions, "permissions must not be null");
        return this;
    }

    /**
     * Whether this store's writes append to the change journal (default true). Off, other processes' feeds still
     * see this store's writes, but only by reconciliation, every reconcile interval instead of within
     * milliseconds.
     *
     * @param journal false to journal nothing
     * @return this builder
     */
    public ObjectStoreBuilder changeJournal(boolean journal) {
        changes = new ChangeFeedOptions(
                journal,
                changes.retention(),
                changes.reconcileInterval(),
                changes.pollInterval(),
                changes.bufferCapacity());
        return this;
    }

    /**
     * The largest revision file a write may produce: the object's JSON, as this store's mapper writes it, with
     * {@code _id} and {@code _rev}. A write over it fails with {@link ObjectTooLargeException} before anything is
     * written. Only writes are limited: reads accept any file up to 1 GB (the most this may be set to), strings,
     * property names and numbers of any length, and nesting as deep as the mapper writes (500 levels by default),
     * so everything any store can write can be read back; a file beyond that, written by another program, fails
     * with {@link RevisionBeyondReadLimitsException} naming it and its size.
     *
     * @param bytes the limit, from 1 byte to 1 GB; default 16 MB
     * @return this builder
     */
    public ObjectStoreBuilder maxObjectSize(long bytes) {
        if (bytes < 1 || bytes > RevisionFiles.MAX_DOCUMENT_BYTES) {
            throw new IllegalArgumentException("maxObjectSize must be between 1 and " + RevisionFiles.MAX_DOCUMENT_BYTES
                    + " bytes (1 GB), was " + bytes);
        }
        this.maxObjectSize = bytes;
        return this;
    }

    /**
     * How long the change journal keeps its segments (default one day). A position older than this gets a reset
     * (every live object once) instead of the changes since it.
     *
     * @param retention at least one minute
     * @return this builder
     */
    public ObjectStoreBuilder changeRetention(Duration retention) {
        Objects.requireNonNull(retention, "changeRetention must not be null");
        if (retention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("changeRetention must be at least 1 minute, was " + retention);
        }
        changes = new ChangeFeedOptions(
                changes.journal(),
                retention,
                changes.reconcileInterval(),
                changes.pollInterval(),
                changes.bufferCapacity());
        return this;
    }

    /**
     * How often the change feed's reconciliation looks for writes nobody journaled (the npm package, {@code rsync},
     * a writer killed between publishing and journaling): one {@code stat} per object directory. Default 5 s.
     *
     * @param interval positive
     * @return this builder
     */
    public ObjectStoreBuilder changeReconcileInterval(Duration interval) {
        Objects.requireNonNull(interval, "changeReconcileInterval must not be null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("changeReconcileInterval must be positive, was " + interval);
        }
        changes = new ChangeFeedOptions(
                changes.journal(), changes.retention(), interval, changes.pollInterval(), changes.bufferCapacity());
        return this;
    }

    /**
     * How many changes found by reconciliation may wait for one slow subscriber before it is reset instead
     * (default 10,000).
     *
     * @param capacity at least 1
     * @return this builder
     */
    public ObjectStoreBuilder changeBufferCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("changeBufferCapacity must be at least 1, was " + capacity);
        }
        changes = new ChangeFeedOptions(
                changes.journal(), changes.retention(), changes.reconcileInterval(), changes.pollInterval(), capacity);
        return this;
    }

    /**
     * How long an object directory must have been left alone before its listing may be kept between reads; longer
     * than any file system's timestamp granularity. A seam for tests, which shorten it to reach the kept listings.
     */
    ObjectStoreBuilder listingSettleTime(Duration settleTime) {
        this.listingSettleTime = Objects.requireNonNull(settleTime, "settleTime");
        return this;
    }

    /**
     * Opens the store: creates the directory (and the store's own {@code .mpstore} area) if missing and removes
     * temp files older than the grace period.
     *
     * @return the store
     * @throws StoreIOException if the directory cannot be created or used
     */
    public ObjectStore build() {
        JsonMapper mapper =
                jsonMapper != null ? jsonMapper : JsonMapper.builder().build();
        return new FileObjectStore(
                StoreLayout.of(directory),
                durable,
                clock,
                randomSource,
                tempFileGracePeriod,
                mapper,
                readCacheBytes,
                historyLimit,
                keepListings,
                listingSettleTime,
                maxObjectSize,
                permissions,
                changes);
    }

    /**
     * Opens an existing store only to read it, for tools that must not change what they inspect: it creates no
     * directory, removes no temp file and takes no lock, and every write method throws
     * {@link ReadOnlyStoreException} without touching the disk. The clock, the JSON mapper and the read cache
     * budget apply; the write options are ignored. Reads see other processes' writes as a normal store's do.
     *
     * @return the read-only store
     * @throws StoreIOException if the directory does not exist or is not a directory
     */
    public ObjectStore buildReadOnly() {
        JsonMapper mapper =
                jsonMapper != null ? jsonMapper : JsonMapper.builder().build();
        return new ReadOnlyObjectStore(
                FileObjectStore.forReading(StoreLayout.of(directory), clock, mapper, readCacheBytes));
    }

    /**
     * A fast generator per thread with 256 bits of state seeded from {@link SecureRandom}: names stay unique across
     * processes and hosts (two threads would need the same 256-bit seed to repeat each other), while a name costs a
     * few nanoseconds instead of a {@code SecureRandom} call. Where the runtime lacks that algorithm (a trimmed
     * image without the {@code jdk.random} module), {@code SecureRandom} itself.
     */
    private static RandomGenerator secureRandomPerThread() {
        SecureRandom seeder = new SecureRandom();
        byte[] seed = new byte[32];
        seeder.nextBytes(seed);
        try {
            return RandomGeneratorFactory.<RandomGenerator>of(NAME_GENERATOR).create(seed);
        } catch (IllegalArgumentException missing) {
            return seeder;
        }
    }
}
