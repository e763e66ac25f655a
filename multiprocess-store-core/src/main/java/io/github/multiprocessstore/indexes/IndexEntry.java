package io.github.multiprocessstore.indexes;

import java.util.Objects;

/**
 * One entry of an index as a sorted walk returns it: an object's id and the key the index holds for it. The key is
 * opaque; {@link IndexedView#stillIndexedAs} tells whether an object read later still has it.
 *
 * @param id  the object's id
 * @param key the key, as the index holds it
 */
public record IndexEntry(String id, Object key) {

    /** Checks that nothing is null. */
    public IndexEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
    }
}
