package io.github.multiprocessstore.internal.indexes;

import java.math.BigDecimal;
import java.util.Comparator;
import tools.jackson.databind.JsonNode;

/**
 * Turns JSON values into index keys, small Java values with one total order: null and missing first, then numbers
 * (by value: {@code 1} and {@code 1.0} are one key), strings (by UTF-16 code units, as {@link String#compareTo}),
 * objects and arrays (by their JSON text), booleans ({@code false} first). The starter's query engine sorts JSON
 * values in this same order, so a walk of an index is a sorted page.
 */
public final class IndexKeys {

    /** The key of JSON null and of a missing value. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** An object or array value, ordered by its JSON text after the other kinds of its rank. */
    private record Structured(int rank, String json) {}

    /** The order of keys. */
    public static final Comparator<Object> ORDER = IndexKeys::compare;

    private IndexKeys() {}

    /**
     * The key of a value.
     *
     * @param value a JSON value, or null for none
     * @return the key; strings stay the very {@link String} the node holds, so an entry costs no copy
     */
    public static Object of(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return NULL;
        }
        if (value.isNumber()) {
            BigDecimal decimal = value.decimalValue();
            // One key per numeric value: 1, 1.0 and 1e0 are equal to queries, so they must be equal here.
            return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return new Structured(value.isObject() ? 3 : 4, value.toString());
    }

    /** The rank of a key's kind: null 0, number 1, string 2, object 3, array 4, boolean 5. */
    public static int rank(Object key) {
        if (key == NULL) {
            return 0;
        }
        if (key instanceof BigDecimal) {
            return 1;
        }
        if (key instanceof String) {
            return 2;
        }
        if (key instanceof Structured structured) {
            return structured.rank();
        }
        return 5;
    }

    private static int compare(Object a, Object b) {
        int byRank = Integer.compare(rank(a), rank(b));
        if (byRank != 0) {
            return byRank;
        }
        if (a instanceof BigDecimal x) {
            return x.compareTo((BigDecimal) b);
        }
        if (a instanceof String x) {
            return x.compareTo((String) b);
        }
        if (a instanceof Boolean x) {
            return x.compareTo((Boolean) b);
        }
        if (a instanceof Structured x) {
            return x.json().compareTo(((Structured) b).json());
        }
        return 0; // both null
    }
}
