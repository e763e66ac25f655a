package io.github.multiprocessstore.repository.query;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How queries compare JSON values: numbers by value ({@code 1} equals {@code 1.0}), strings by UTF-16 code units
 * as {@link String#compareTo} does (optionally ignoring case in {@link Locale#ROOT}), booleans {@code false} before
 * {@code true}; values of different JSON types are never equal and do not compare, except in an ordering, where
 * null and missing come first, then numbers, strings, objects, arrays and booleans.
 */
public final class JsonValues {

    private JsonValues() {}

    /**
     * The value at a JSON path, or a missing node.
     *
     * @param object the object
     * @param path   the property names, outermost first
     * @return the value, {@code MissingNode} where the path leads nowhere
     */
    public static JsonNode at(JsonNode object, List<String> path) {
        JsonNode current = object;
        for (String name : path) {
            current = current.path(name);
        }
        return current;
    }

    /** Whether a value is JSON null or absent. */
    public static boolean isNull(@Nullable JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    /**
     * Equality as queries see it.
     *
     * @param value      the stored value
     * @param argument   the query's value
     * @param ignoreCase whether strings compare without case
     * @return whether they are equal
     */
    public static boolean equal(JsonNode value, JsonNode argument, boolean ignoreCase) {
        if (isNull(value) || isNull(argument)) {
            return isNull(value) && isNull(argument);
        }
        if (value.isNumber() && argument.isNumber()) {
            return value.decimalValue().compareTo(argument.decimalValue()) == 0;
        }
        if (value.isString() && argument.isString()) {
            return ignoreCase
                    ? lower(value.stringValue()).equals(lower(argument.stringValue()))
                    : value.stringValue().equals(argument.stringValue());
        }
        return value.equals(argument);
    }

    /**
     * Compares two values of the same JSON type.
     *
     * @return negative, zero or positive, or null when they are of different types (or null, or not scalars)
     */
    public static @Nullable Integer compare(JsonNode value, JsonNode argument, boolean ignoreCase) {
        if (value.isNumber() && argument.isNumber()) {
            return value.decimalValue().compareTo(argument.decimalValue());
        }
        if (value.isString() && argument.isString()) {
            return ignoreCase
                    ? lower(value.stringValue()).compareTo(lower(argument.stringValue()))
                    : value.stringValue().compareTo(argument.stringValue());
        }
        if (value.isBoolean() && argument.isBoolean()) {
            return Boolean.compare(value.booleanValue(), argument.booleanValue());
        }
        return null;
    }

    /**
     * A total order of all JSON values, for sorting.
     *
     * @return negative, zero or positive
     */
    public static int order(JsonNode a, JsonNode b, boolean ignoreCase) {
        int rank = Integer.compare(rank(a), rank(b));
        if (rank != 0) {
            return rank;
        }
        Integer compared = compare(a, b, ignoreCase);
        if (compared != null) {
            return compared;
        }
        return isNull(a) ? 0 : a.toString().compareTo(b.toString());
    }

    private static int rank(JsonNode value) {
        if (isNull(value)) {
            return 0;
        }
        if (value.isNumber()) {
            return 1;
        }
        if (value.isString()) {
            return 2;
        }
        if (value.isObject()) {
            return 3;
        }
        if (value.isArray()) {
            return 4;
        }
        return 5;
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
