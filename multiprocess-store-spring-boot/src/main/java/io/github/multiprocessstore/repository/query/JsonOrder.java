package io.github.multiprocessstore.repository.query;

import java.util.Comparator;
import java.util.List;
import org.springframework.data.domain.Sort;
import tools.jackson.databind.JsonNode;

/**
 * The order of query results: the requested sort keys (JSON paths, with direction, case and null handling), then
 * {@code _id}, so that every order is total and pages never overlap. Null and absent values come first in
 * ascending order ({@link Sort.NullHandling#NATIVE}) unless the order says otherwise.
 */
public final class JsonOrder {

    /** The id's JSON property, the tie-breaker of every order. */
    public static final String ID = "_id";

    private JsonOrder() {}

    /**
     * The comparator of a sort.
     *
     * @param sort  the orders
     * @param type  the stored type, to resolve the keys
     * @param paths the resolver of the keys
     * @return the comparator of stored objects
     */
    public static Comparator<JsonNode> of(Sort sort, Class<?> type, JsonPropertyPaths paths) {
        Comparator<JsonNode> order = (a, b) -> 0;
        for (Sort.Order by : sort) {
            order = order.thenComparing(key(paths.ofSortKey(type, by.getProperty()), by));
        }
        return order.thenComparing(key(List.of(ID), Sort.Order.asc(ID)));
    }

    private static Comparator<JsonNode> key(List<String> path, Sort.Order by) {
        boolean ignoreCase = by.isIgnoreCase();
        Comparator<JsonNode> values = (a, b) -> JsonValues.order(a, b, ignoreCase);
        if (by.isDescending()) {
            values = values.reversed();
        }
        Comparator<JsonNode> withNulls = values;
        Sort.NullHandling nulls = by.getNullHandling();
        if (nulls != Sort.NullHandling.NATIVE) {
            Comparator<JsonNode> nullsFirst = (a, b) -> Boolean.compare(!JsonValues.isNull(a), !JsonValues.isNull(b));
            Comparator<JsonNode> nullPlacement =
                    nulls == Sort.NullHandling.NULLS_FIRST ? nullsFirst : nullsFirst.reversed();
            withNulls = nullPlacement.thenComparing(values);
        }
        Comparator<JsonNode> finalOrder = withNulls;
        return (a, b) -> finalOrder.compare(JsonValues.at(a, path), JsonValues.at(b, path));
    }
}
