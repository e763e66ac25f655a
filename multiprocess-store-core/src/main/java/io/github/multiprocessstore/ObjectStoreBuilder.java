package io.github.multiprocessstore;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import io.github.multiprocessstore.format.StoreLayout;
import tools.jackson.databind.json.JsonMapper;

/**
 * Configures and opens an {@link ObjectStore}. The defaults are the safe ones: durable writes, a secure random
 * source for revision names, a one-hour grace period before crashed writers' temp files are removed.
 * Not thread-safe; {@link #build()} may be called more than once.
 */
public final class ObjectStoreBuilder {

    private final Path directory;
    private boolean durable = true;
    private Clock clock = Clock.systemUTC();
    private Supplier<RandomGenerator> randomSource = ObjectStoreBuilder::secureRandomPerThread;
    private Duration tempFileGracePeriod = Duration.ofHours(1);
    private JsonMapper jsonMapper;
    private long readCacheBytes = 32L * 1024 * 1024;

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
     * Where the random part of revision names comes from: called once per thread. The default is a
     * {@link SecureRandom} per thread, so names from different processes and hosts do not collide.
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
     * How much heap the store may use to keep recently read revisions parsed, estimated as six times their file
     * size. Revision files never change once visible, so a cached revision is always right; every read still lists
     * the object's directory to elect the winner, so writes by other processes are seen at once. Scans of the whole
     * store ({@code getAllObjects}, {@code streamObjects}, {@code count}) use the cache but do not fill it.
     * Default 32 MB (about 18,000 documents of 300 bytes); 0 disables the cache.
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
     * Opens the store: creates the directory (and the store's own {@code .mpstore} area) if missing and removes
     * temp files older than the grace period.
     *
     * @return the store
     * @throws StoreIOException if the directory cannot be created or used
     */
    public ObjectStore build() {
        JsonMapper mapper = jsonMapper != null ? jsonMapper : JsonMapper.builder().build();
        return new FileObjectStore(StoreLayout.of(directory), durable, clock, randomSource,
                tempFileGracePeriod, mapper, readCacheBytes);
    }

    private static RandomGenerator secureRandomPerThread() {
        return new SecureRandom();
    }
}
