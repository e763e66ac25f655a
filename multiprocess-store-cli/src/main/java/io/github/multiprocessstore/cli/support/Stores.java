package io.github.multiprocessstore.cli.support;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Opens the store a command names, after the checks every command shares: the path must exist (except for
 * {@code import} and a replication target, which create it), be a directory, and be a store rather than a root of
 * collections (refused with the collections named, so the operator knows which path to give).
 */
public final class Stores {

    private Stores() {}

    /**
     * Opens an existing store only to read it (no directory created, no temp file removed, no lock taken), with no
     * read cache: a command reads each object once.
     */
    public static ObjectStore openReadOnly(Path store) {
        requireExistingStore(store);
        return ObjectStore.builder(store)
                .jsonMapper(Json.MAPPER)
                .readCacheBytes(0)
                .buildReadOnly();
    }

    /** Opens an existing store to change it. */
    public static ObjectStore openWritable(Path store, boolean durable) {
        requireExistingStore(store);
        return ObjectStore.builder(store)
                .jsonMapper(Json.MAPPER)
                .durable(durable)
                .readCacheBytes(0)
                .build();
    }

    /** Checks that a path is an existing directory that is a store, not a root of collections. */
    public static void requireExistingStore(Path store) {
        Path path = store.toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw CliException.store("Store directory " + path + " does not exist; check the path", null);
        }
        if (!Files.isDirectory(path)) {
            throw CliException.store("Store path " + path + " is not a directory; give a store directory", null);
        }
        refuseRoot(path);
    }

    /** Refuses a root of collections (exit 2), naming its collections; a missing path passes. */
    public static void refuseRoot(Path store) {
        Path path = store.toAbsolutePath().normalize();
        Optional<List<String>> collections = StoreRoot.collectionsIfRoot(path);
        if (collections.isPresent()) {
            throw CliException.usage(path + " is a root of collections, not a store; give one of its collections: "
                    + collections.get().stream()
                            .map(name -> path.resolve(name).toString())
                            .collect(Collectors.joining(", ")));
        }
    }
}
