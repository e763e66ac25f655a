package io.github.multiprocessstore;

import io.github.multiprocessstore.compaction.CompactionPolicy;
import io.github.multiprocessstore.format.ObjectIds;
import io.github.multiprocessstore.format.StoreLayout;
import io.github.multiprocessstore.replication.PeerReplicationResult;
import io.github.multiprocessstore.replication.ReplicationDirection;
import io.github.multiprocessstore.replication.ReplicationOptions;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * A directory of named collections, each collection a sub-directory that is a complete {@link ObjectStore} in the
 * original's format (so the npm package pointed at {@code <root>/<collection>} sees the same objects).
 * Thread-safe; each collection's store is opened once and shared.
 */
public final class StoreRoot {

    private final Path path;
    private final Consumer<ObjectStoreBuilder> options;
    private final ConcurrentMap<String, ObjectStore> collections = new ConcurrentHashMap<>();

    private StoreRoot(Path path, Consumer<ObjectStoreBuilder> options) {
        this.path = path;
        this.options = options;
    }

    /**
     * Opens (creating it if missing) a root directory of collections.
     *
     * @param root    the root directory ({@code ~} expands to the user's home)
     * @param options applied to the builder of every collection's store (e.g. {@code b -> b.durable(false)})
     * @return the root
     * @throws StoreIOException if the directory cannot be created or is not a directory
     */
    public static StoreRoot open(Path root, Consumer<ObjectStoreBuilder> options) {
        Objects.requireNonNull(options, "options must not be null");
        Path path = StoreLayout.expandHome(Objects.requireNonNull(root, "root must not be null"));
        StoreLayout.createDirectory(path);
        return new StoreRoot(path, options);
    }

    /** The root directory, absolute. */
    public Path path() {
        return path;
    }

    /**
     * The store of one collection, created on first use.
     *
     * @param name the collection name: a plain name (letters, digits, {@code . _ @ -}, not starting with {@code .})
     * @return the collection's store
     * @throws InvalidIdException if the name is not a plain name
     */
    public ObjectStore collection(String name) {
        if (!ObjectIds.isPlain(name)) {
            throw new InvalidIdException(
                    "collection name",
                    name,
                    "it must be 1-255 characters of letters, digits, " + "'.', '_', '@' or '-', not starting with '.'");
        }
        return collections.computeIfAbsent(name, n -> {
            ObjectStoreBuilder builder = ObjectStore.builder(path.resolve(n));
            options.accept(builder);
            return builder.build();
        });
    }

    /**
     * The collections that exist on disk (sub-directories with plain names), sorted.
     *
     * @return collection names
     */
    public List<String> collectionNames() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (ObjectIds.isPlain(name) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new StoreIOException("list collections", null, path, e);
        }
        names.sort(null);
        return names;
    }

    /**
     * Compacts every collection on disk now, on the calling thread, one after the other (see
     * {@link io.github.multiprocessstore.compaction.Compactor}). Safe while other processes read and write.
     *
     * @param policy what to remove
     * @return one result per compacted collection and the failure of each one that was not; a failure of one
     *     collection never stops the others
     * @throws StoreIOException if the root itself cannot be listed
     */
    public RootCompaction compactAll(CompactionPolicy policy) {
        return RootCompaction.run(this, policy);
    }

    /**
     * Prepares replication of every collection with a set of peer roots, validating the peers once (absolute,
     * distinct, not overlapping this root); each {@link RootReplication#run()} then replicates.
     *
     * @param peers     the peer root directories; at least one
     * @param direction which way revisions travel; {@link ReplicationDirection#BOTH} relays between the peers
     * @param options   the core's replication options (durability, parallelism, clock)
     * @return the replication, ready to run as often as needed
     * @throws InvalidPeerException naming the peer by its index if one is relative, repeated or overlaps this root
     * @throws IllegalArgumentException if there is no peer
     */
    public RootReplication replication(List<Path> peers, ReplicationDirection direction, ReplicationOptions options) {
        return new RootReplication(this, peers, direction, options);
    }

    /**
     * Replicates every collection with a set of peer roots once: {@code replication(peers, direction,
     * options).run()}.
     *
     * @param peers     the peer root directories; at least one
     * @param direction which way revisions travel
     * @param options   the core's replication options
     * @return one result per peer, in the given order; failures are in the results, never thrown
     * @throws IllegalArgumentException as {@link #replication} does
     */
    public List<PeerReplicationResult> replicate(
            List<Path> peers, ReplicationDirection direction, ReplicationOptions options) {
        return replication(peers, direction, options).run();
    }

    /**
     * Scans the conflicts of every collection on disk now, reading file names only (never file contents), so it
     * sees what other processes wrote.
     *
     * @return per collection name, in name order: {@link ObjectStore#getAllConflicts()} of that collection
     * @throws StoreIOException if the root or a collection cannot be listed
     */
    public Map<String, Map<String, List<List<String>>>> scanConflicts() {
        return RootConflicts.scan(this);
    }
}
