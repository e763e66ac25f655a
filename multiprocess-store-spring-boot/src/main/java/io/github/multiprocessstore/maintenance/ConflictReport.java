package io.github.multiprocessstore.maintenance;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The conflicts found by one scan of every collection, with the objects the change feed reported since brought up
 * to date: collection name to object id to conflict groups (each the revision names sharing one revision number).
 * Holds names only, never object contents. Immutable.
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
     * This report with one object's conflicts replaced (an empty list removes the object), as of the same scan.
     *
     * @param collection the object's collection (added if the scan did not see it)
     * @param id         the object id
     * @param conflicts  its conflict groups now
     * @return the new report, or this one if nothing changed
     */
    public ConflictReport withObject(String collection, String id, List<List<String>> conflicts) {
        Map<String, List<List<String>>> objects = collections.get(collection);
        List<List<String>> before = objects == null ? null : objects.get(id);
        if (objects != null && (conflicts.isEmpty() ? before == null : conflicts.equals(before))) {
            return this;
        }
        Map<String, Map<String, List<List<String>>>> copy = new TreeMap<>(collections);
        Map<String, List<List<String>>> changed = new TreeMap<>(objects == null ? Map.of() : objects);
        if (conflicts.isEmpty()) {
            changed.remove(id);
        } else {
            changed.put(id, conflicts);
        }
        copy.put(collection, changed);
        return new ConflictReport(scannedAt, copy);
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
