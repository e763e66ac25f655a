package io.github.multiprocessstore.repository;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreException;
import io.github.multiprocessstore.indexes.IndexDefinition;
import io.github.multiprocessstore.indexes.StoreIndexes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The indexes of the {@link Indexed} properties, built once per collection store and set of properties and shared by
 * every repository that needs them: Spring Data makes a repository object for each declared interface and one for
 * each of its query methods, and each building its own copy multiplied the start-up, the heap and the feed threads
 * that re-read every changed object by the number of query methods. Thread-safe.
 */
final class RepositoryIndexes {

    private static final Log log = LogFactory.getLog(RepositoryIndexes.class);

    /** Built indexes, or null where building failed (the repositories scan; the failure is logged once). */
    private final Map<Key, @Nullable StoreIndexes> built = new HashMap<>();

    /** Indexes of one collection's store on a set of JSON paths; the store by identity, as the root hands it out. */
    private record Key(ObjectStore store, Set<String> paths) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.store == store && key.paths.equals(paths);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(store) * 31 + paths.hashCode();
        }
    }

    /**
     * The indexes of a collection on some paths, built on the first call and the same object afterwards.
     *
     * @param store      the collection's store
     * @param collection its name, for the log
     * @param paths      the indexed JSON paths, dot-joined
     * @return the indexes, or null if they could not be built (queries scan)
     */
    synchronized @Nullable StoreIndexes of(ObjectStore store, String collection, Set<String> paths) {
        Key key = new Key(store, Set.copyOf(paths));
        if (!built.containsKey(key)) {
            built.put(key, build(store, collection, key.paths()));
        }
        return built.get(key);
    }

    private static @Nullable StoreIndexes build(ObjectStore store, String collection, Set<String> paths) {
        long started = System.nanoTime();
        try {
            StoreIndexes indexes = StoreIndexes.build(
                    store,
                    paths.stream()
                            .map(path -> IndexDefinition.onPath(path.split("\\.")))
                            .toList());
            if (log.isDebugEnabled()) {
                log.debug("Indexed collection '" + collection + "' on " + new TreeSet<>(paths) + ": "
                        + indexes.size(paths.iterator().next()) + " objects in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
            return indexes;
        } catch (StoreException | IllegalStateException e) {
            log.warn(
                    "Could not build the indexes " + new TreeSet<>(paths) + " of collection '" + collection
                            + "'; its queries scan every object instead",
                    e);
            return null;
        }
    }
}
