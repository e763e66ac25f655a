package io.github.multiprocessstore.maintenance;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The conflicts found by one scan of every collection: collection name to object id to conflict groups (each the
 * revision names sharing one revision number). Holds names only, never object contents. Immutable.
 *
 * @param scannedAt   when the scan finished
 * @param collections every collection found on disk (also those without conflicts), sorted by name; each maps the
 *                    ids of its conflicted objects, sorted, to their conflict groups
 */
public record ConflictReport(Instant scannedAt, Map<String, Map<String, List<List<String>>>> collections) {

    /**
     * Copies the maps so that the report cannot change after it is made.
     *
     * @param scannedAt   when the scan finished
     * @param collections collection to id to conflict groups
     */
    public ConflictReport {
        Objects.requireNonNull(scannedAt, "scannedAt must not be null");
        Map<String, Map<String, List<List<String>>>> copy = new TreeMap<>();
        collections.forEach((name, objects) -> {
            Map<String, List<List<String>>> groups = new TreeMap<>();
            objects.forEach(
                    (id, list) -> groups.put(id, list.stream().map(List::copyOf).toList()));
            copy.put(name, Collections.unmodifiableMap(groups));
        });
        collections = Collections.unmodifiableMap(copy);
    }

    /**
     * The number of objects, over all collections, with at least one conflict group.
     *
     * @return the conflicted objects store-wide
     */
    public int conflictedObjects() {
        return collections.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * The number of objects of one collection with at least one conflict group.
     *
     * @param collection the collection name
     * @return its conflicted objects, 0 for a collection that has none or is unknown
     */
    public int conflictedObjects(String collection) {
        return collections.getOrDefault(collection, Map.of()).size();
    }
}
