package io.github.multiprocessstore.repository.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.support.ExampleMatcherAccessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The filter of a Query by Example, evaluated on stored JSON: every non-null property of the probe's JSON (all of
 * them with {@code withIncludeNullValues()}) must match the stored value (any one of them with
 * {@code matchingAny()}); nested objects are matched property by property; {@code _rev} is never matched. Property
 * paths of the matcher are dotted JSON property names ({@code address.city}, {@code _id}); strings follow the
 * matcher's string matching and case rules, {@code REGEX} finds the pattern anywhere.
 */
public final class ExampleCriteria {

    private static final String REV = "_rev";

    private ExampleCriteria() {}

    /**
     * The filter of an example.
     *
     * @param probe   the probe's JSON
     * @param matcher the example's matcher
     * @param toJava  converts a probe value to Java for the matcher's value transformers
     * @param toJson  converts a transformed value back to JSON
     * @return the predicate on stored objects
     */
    public static Predicate<JsonNode> of(
            ObjectNode probe,
            ExampleMatcher matcher,
            Function<JsonNode, @Nullable Object> toJava,
            Function<@Nullable Object, JsonNode> toJson) {
        ExampleMatcherAccessor accessor = new ExampleMatcherAccessor(matcher);
        List<Predicate<JsonNode>> tests = new ArrayList<>();
        collect(probe, "", List.of(), accessor, toJava, toJson, tests);
        if (tests.isEmpty()) {
            return node -> true;
        }
        return matcher.isAllMatching()
                ? node -> tests.stream().allMatch(test -> test.test(node))
                : node -> tests.stream().anyMatch(test -> test.test(node));
    }

    private static void collect(
            ObjectNode object,
            String prefix,
            List<String> parent,
            ExampleMatcherAccessor accessor,
            Function<JsonNode, @Nullable Object> toJava,
            Function<@Nullable Object, JsonNode> toJson,
            List<Predicate<JsonNode>> tests) {
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            String name = property.getKey();
            String dotted = prefix + name;
            if ((prefix.isEmpty() && name.equals(REV)) || accessor.isIgnoredPath(dotted)) {
                continue;
            }
            List<String> path = new ArrayList<>(parent);
            path.add(name);
            JsonNode value = property.getValue();
            ExampleMatcher.PropertyValueTransformer transformer = accessor.getValueTransformerForPath(dotted);
            Optional<Object> transformed = transformer.apply(
                    JsonValues.isNull(value) ? Optional.empty() : Optional.ofNullable(toJava.apply(value)));
            JsonNode expected = transformed.map(toJson).orElse(DerivedCriteria.nullNode());
            if (JsonValues.isNull(expected)) {
                if (accessor.getNullHandler() == ExampleMatcher.NullHandler.INCLUDE) {
                    List<String> at = List.copyOf(path);
                    tests.add(node -> JsonValues.isNull(JsonValues.at(node, at)));
                }
                continue;
            }
            if (expected.isObject()) {
                collect((ObjectNode) expected, dotted + ".", path, accessor, toJava, toJson, tests);
                continue;
            }
            tests.add(matches(List.copyOf(path), expected, dotted, accessor));
        }
    }

    private static Predicate<JsonNode> matches(
            List<String> path, JsonNode expected, String dotted, ExampleMatcherAccessor accessor) {
        boolean ignoreCase = accessor.isIgnoreCaseForPath(dotted);
        if (!expected.isString()) {
            return node -> JsonValues.equal(JsonValues.at(node, path), expected, ignoreCase);
        }
        String text = ignoreCase ? JsonValues.lower(expected.stringValue()) : expected.stringValue();
        ExampleMatcher.StringMatcher how = accessor.getStringMatcherForPath(dotted);
        Predicate<String> onText = switch (how) {
            case DEFAULT, EXACT -> value -> value.equals(text);
            case STARTING -> value -> value.startsWith(text);
            case ENDING -> value -> value.endsWith(text);
            case CONTAINING -> value -> value.contains(text);
            case REGEX -> {
                Pattern pattern = Pattern.compile(
                        expected.stringValue(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
                yield value -> pattern.matcher(value).find();
            }
        };
        boolean lower = ignoreCase && how != ExampleMatcher.StringMatcher.REGEX;
        return node -> {
            JsonNode value = JsonValues.at(node, path);
            return value.isString() && onText.test(lower ? JsonValues.lower(value.stringValue()) : value.stringValue());
        };
    }
}
