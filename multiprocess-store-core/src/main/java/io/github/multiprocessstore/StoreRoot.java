package io.github.multiprocessstore;

import io.github.multiprocessstore.internal.format.ObjectIds;
import io.github.multiprocessstore.internal.format.StoreLayout;
import io.github.multiprocessstore.internal.write.FileModes;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * A directory of named collections, each collection a sub-directory that is a complete {@link ObjectStore} in the
 * original's format (so the npm package pointed at {@code <root>/<collection>} sees the same objects).
 * Thread-safe; each collection's store is opened once and shared, and closed with the root ({@link #close()}).
 */
public final class StoreRoot implements AutoCloseable {

    private final Path path;
    private final Consumer<ObjectStoreBuilder> options;
    private final ConcurrentMap<String, ObjectStore> collections = new ConcurrentHashMap<>();
    private volatile boolean closed;

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
        try {
            FileModes.createMissingDirectories(path);
        } catch (IOException e) {
            throw new StoreIOException(
                    "create the store directory (check that the path is a writable directory)", null, path, e);
        }
        return new StoreRoot(path, options);
    }

    /**
     * Tells whether a directory is a root of collections (as {@link #open} makes, or a Spring Boot application's
     * {@code multiprocess.store.path}) rather than a store, and if so names its collections, so that a tool given
     * one where it expects the other can say which directory to use. Reads directory names only, writes nothing
     * and opens nothing. A directory is a store if it has the engine's {@code .mpstore} area or a sub-directory
     * holding a revision file; otherwise it is a root if some of its sub-directories are stores by that rule.
     *
     * @param directory the directory ({@code ~} expands to the user's home)
     * @return the names of its collections, sorted, if it is a root of collections; empty if it is a store, is
     *     empty, holds neither, or is not a directory
     */
    public static Optional<List<String>> collectionsIfRoot(Path directory) {
        return RootDetection.collectionsIfRoot(Objects.requireNonNull(directory, "directory must not be null"));
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
        ensureOpen();
        ObjectStore store = collections.computeIfAbsent(name, n -> {
            ObjectStoreBuilder builder = ObjectStore.builder(path.resolve(n));
            options.accept(builder);
            return builder.build();
        });
        if (closed) {
            // Opened while the root was being closed: it must not outlive the root.
            store.close();
            throw new StoreClosedException(path);
        }
        return store;
    }

    /**
     * The collections that exist on disk (sub-directories with plain names), sorted.
     *
     * @return collection names
     */
    public List<String> collectionNames() {
        ensureOpen();
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
     * Closes every collection's store opened through this root (see {@link ObjectStore#close()}); nothing on disk
     * changes. Idempotent; using the root or one of its stores afterwards throws {@link StoreClosedException}.
     */
    @Override
    public void close() {
        closed = true;
        collections.values().forEach(ObjectStore::close);
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException(path);
        }
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
