package io.github.multiprocessstore.indexes;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one index holds: a name, and the function that computes an object's key from its JSON. The function runs on
 * the feed thread and on the builders, for every write: keep it fast, free of I/O and deterministic (the same JSON
 * gives the same key), because a query trusts the index only for objects whose current JSON still gives the key the
 * index holds.
 *
 * @param name the index's name, unique per {@link StoreIndexes}; the starter uses the JSON property path
 * @param key  the key of an object: any JSON value; JSON null or a missing node index the object under null
 */
public record IndexDefinition(String name, Function<? super ObjectNode, ? extends JsonNode> key) {

    /** Checks the arguments. */
    public IndexDefinition {
        Objects.requireNonNull(name, "index name must not be null");
        Objects.requireNonNull(key, "key function of index '" + name + "' must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("An index name must not be blank");
        }
    }

    /**
     * An index on the value at a JSON path, named after the path joined with dots.
     *
     * @param path property names, outermost first, e.g. {@code "email"} or {@code "address", "city"}
     * @return the definition
     */
    public static IndexDefinition onPath(String... path) {
        List<String> names = List.of(path);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("An index path needs at least one property name");
        }
        String[] copy = Arrays.copyOf(path, path.length);
        return new IndexDefinition(String.join(".", names), object -> {
            JsonNode current = object;
            for (String name : copy) {
                current = current.path(name);
            }
            return current;
        });
    }
}
