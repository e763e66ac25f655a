package io.github.multiprocessstore.indexes;

import io.github.multiprocessstore.internal.indexes.IndexKeys;
import io.github.multiprocessstore.internal.indexes.KeyIndex;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The indexes of a store as {@link StoreIndexes#current()} found them current: they hold every write this engine
 * journaled before that call. It is no frozen snapshot: later writes keep changing it, so the ids it returns are
 * candidates, to be read ({@code findObject}) and checked against the query before they are returned. Results
 * gathered from it are usable only if {@link #isStillValid()} is still true afterwards (no reset cleared the
 * indexes meanwhile). Thread-safe.
 */
public final class IndexedView {

    private final StoreIndexes indexes;
    private final long generation;

    IndexedView(StoreIndexes indexes, long generation) {
        this.indexes = indexes;
        this.generation = generation;
    }

    /**
     * The ids of the objects whose key equals a value (numbers by value), in id order.
     *
     * @param index the index's name
     * @param value the value
     * @return candidate ids
     * @throws IllegalArgumentException if there is no such index
     */
    public List<String> idsEqual(String index, JsonNode value) {
        return indexes.index(index).idsEqual(IndexKeys.of(value));
    }

    /**
     * The ids of the objects whose key equals one of some values, in id order, each once.
     *
     * @param index  the index's name
     * @param values the values
     * @return candidate ids
     */
    public List<String> idsIn(String index, Collection<? extends JsonNode> values) {
        KeyIndex keys = indexes.index(index);
        TreeSet<String> ids = new TreeSet<>();
        for (JsonNode value : values) {
            ids.addAll(keys.idsEqual(IndexKeys.of(value)));
        }
        return List.copyOf(ids);
    }

    /**
     * The ids of the objects whose key lies between two bounds of one JSON type, in key order. Keys of other types
     * are left out: a range never matches across types.
     *
     * @param index          the index's name
     * @param lower          the lower bound, or a missing node ({@code MissingNode}) for none
     * @param lowerInclusive whether the lower bound itself is in
     * @param upper          the upper bound, or a missing node for none
     * @param upperInclusive whether the upper bound itself is in
     * @return candidate ids
     * @throws IllegalArgumentException if both bounds are missing, or one is JSON null
     */
    public List<String> idsBetween(
            String index, JsonNode lower, boolean lowerInclusive, JsonNode upper, boolean upperInclusive) {
        Object low = bound(index, lower);
        Object high = bound(index, upper);
        if (low == null && high == null) {
            throw new IllegalArgumentException("A range on index '" + index + "' needs at least one bound");
        }
        return indexes.index(index).idsBetween(low, lowerInclusive, high, upperInclusive);
    }

    /** The key of a bound, or null for none (a missing node). */
    private static Object bound(String index, JsonNode value) {
        Objects.requireNonNull(value, "a bound of a range on index '" + index + "' must be a node (missing for none)");
        if (value.isMissingNode()) {
            return null;
        }
        if (value.isNull()) {
            throw new IllegalArgumentException("A range on index '" + index + "' cannot be bounded by null");
        }
        return IndexKeys.of(value);
    }

    /**
     * A window of an index's entries in key order, ids ascending within a key (the order queries sort in: null and
     * missing first, then numbers, strings, objects, arrays, booleans). Skipped entries are not read, so objects
     * whose directories vanished without a journal record are forgotten first (one {@code stat} of the store
     * directory when none did); an object deleted by another program through a tombstone stays until
     * reconciliation.
     *
     * @param index      the index's name
     * @param descending whether keys descend (ids still ascend within a key)
     * @param offset     how many entries to skip
     * @param limit      how many to return at most
     * @return the entries
     */
    public List<IndexEntry> window(String index, boolean descending, long offset, int limit) {
        KeyIndex keys = indexes.index(index);
        indexes.forgetVanished();
        return keys.window(descending, offset, limit).stream()
                .map((Map.Entry<String, Object> entry) -> new IndexEntry(entry.getKey(), entry.getValue()))
                .toList();
    }

    /**
     * How many objects an index holds (every live object whose key function did not fail). Like {@link #window},
     * first forgets objects whose directories vanished unannounced.
     *
     * @param index the index's name
     * @return the count
     */
    public int size(String index) {
        KeyIndex keys = indexes.index(index);
        indexes.forgetVanished();
        return keys.size();
    }

    /**
     * Whether an object, as read now, still has the key an entry holds: if not, it changed after the entry was
     * taken, and a sorted page built from the entry would misplace it.
     *
     * @param index   the index's name
     * @param entry   an entry from {@link #window}
     * @param current the object as just read
     * @return whether its key is the entry's
     */
    public boolean stillIndexedAs(String index, IndexEntry entry, ObjectNode current) {
        return StoreIndexes.keyOf(indexes.definition(index), current)
                .map(key -> IndexKeys.ORDER.compare(key, entry.key()) == 0)
                .orElse(false);
    }

    /** Whether no reset has cleared the indexes since this view was taken: check it after reading candidates. */
    public boolean isStillValid() {
        return indexes.generation() == generation && indexes.state() != IndexState.CLOSED;
    }
}
