package io.github.multiprocessstore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The conflict scan of every collection of a {@link StoreRoot}; reached through {@link StoreRoot#scanConflicts}. */
final class RootConflicts {

    private RootConflicts() {}

    static Map<String, Map<String, List<List<String>>>> scan(StoreRoot root) {
        Map<String, Map<String, List<List<String>>>> collections = new LinkedHashMap<>();
        for (String name : root.collectionNames()) {
            collections.put(name, root.collection(name).getAllConflicts());
        }
        return Collections.unmodifiableMap(collections);
    }
}
