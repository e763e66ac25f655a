package io.github.multiprocessstore.repository.query;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The filter of a query method derived from its name ({@link PartTree}), evaluated on stored JSON objects. Each
 * keyword means what the same test on the Java object means: {@code Is}/{@code Equals} with a null argument
 * matches null (or absent) values, {@code Not}, {@code NotIn}, {@code NotLike} and {@code NotContaining} are the
 * negations of their positive forms (so they match null values), ordering keywords ({@code LessThan},
 * {@code Between} (both ends included), {@code Before}, ...) and string keywords never match a null value or a
 * value of another JSON type. {@code Containing} on a JSON array tests its elements; {@code Like} takes {@code %}
 * and {@code _} wildcards and must match the whole string; {@code Regex} finds the pattern anywhere.
 */
public final class DerivedCriteria {

    private DerivedCriteria() {}

    /**
     * Checks that every keyword of a query method is supported, when the repository is created.
     *
     * @param tree the parsed method name
     * @throws InvalidDataAccessApiUsageException naming an unsupported keyword
     */
    public static void validate(PartTree tree) {
        for (Part part : tree.getParts()) {
            if (part.getType() == Part.Type.NEAR || part.getType() == Part.Type.WITHIN) {
                throw new InvalidDataAccessApiUsageException("Query keyword " + part.getType() + " (on '"
                        + part.getProperty().toDotPath()
                        + "') is not supported by multiprocess-store repositories: objects have no geo index");
            }
        }
    }

    /**
     * The filter of a derived query.
     *
     * @param tree      the parsed method name
     * @param arguments the bindable arguments in parameter order (no {@code Sort}, {@code Pageable}, {@code Limit})
     * @param paths     the JSON paths of the properties
     * @param toJson    converts an argument to JSON as the mapper would store it
     * @return the predicate on stored objects
     */
    public static Predicate<JsonNode> of(
            PartTree tree,
            Iterator<@Nullable Object> arguments,
            JsonPropertyPaths paths,
            Function<@Nullable Object, JsonNode> toJson) {
        List<Predicate<JsonNode>> alternatives = new ArrayList<>();
        for (PartTree.OrPart or : tree) {
            Predicate<JsonNode> all = node -> true;
            for (Part part : or) {
                all = all.and(part(part, arguments, paths, toJson));
            }
            alternatives.add(all);
        }
        if (alternatives.isEmpty()) {
            return node -> true;
        }
        return alternatives.stream().reduce(Predicate::or).orElseThrow();
    }

    private static Predicate<JsonNode> part(
            Part part,
            Iterator<@Nullable Object> arguments,
            JsonPropertyPaths paths,
            Function<@Nullable Object, JsonNode> toJson) {
        List<String> path = paths.of(part.getProperty());
        boolean ignoreCase = part.shouldIgnoreCase() != Part.IgnoreCaseType.NEVER;
        JsonNode[] args = new JsonNode[part.getNumberOfArguments()];
        for (int i = 0; i < args.length; i++) {
            if (!arguments.hasNext()) {
                throw new InvalidDataAccessApiUsageException("Query method needs an argument for '"
                        + part.getProperty().toDotPath() + "' (" + part.getType() + ")");
            }
            args[i] = toJson.apply(arguments.next());
        }
        Predicate<JsonNode> onValue = onValue(part, args, ignoreCase);
        return node -> onValue.test(JsonValues.at(node, path));
    }

    private static Predicate<JsonNode> onValue(Part part, JsonNode[] args, boolean ignoreCase) {
        return switch (part.getType()) {
            case SIMPLE_PROPERTY -> value -> JsonValues.equal(value, args[0], ignoreCase);
            case NEGATING_SIMPLE_PROPERTY -> value -> !JsonValues.equal(value, args[0], ignoreCase);
            case IS_NULL -> JsonValues::isNull;
            case IS_NOT_NULL -> value -> !JsonValues.isNull(value);
            case EXISTS -> value -> !value.isMissingNode();
            case TRUE -> value -> value.isBoolean() && value.booleanValue();
            case FALSE -> value -> value.isBoolean() && !value.booleanValue();
            case LESS_THAN, BEFORE -> value -> compare(value, args[0], ignoreCase, c -> c < 0);
            case LESS_THAN_EQUAL -> value -> compare(value, args[0], ignoreCase, c -> c <= 0);
            case GREATER_THAN, AFTER -> value -> compare(value, args[0], ignoreCase, c -> c > 0);
            case GREATER_THAN_EQUAL -> value -> compare(value, args[0], ignoreCase, c -> c >= 0);
            case BETWEEN ->
                value -> compare(value, args[0], ignoreCase, c -> c >= 0)
                        && compare(value, args[1], ignoreCase, c -> c <= 0);
            case IN -> in(elements(args[0]), ignoreCase);
            case NOT_IN -> in(elements(args[0]), ignoreCase).negate();
            case STARTING_WITH -> text(args[0], ignoreCase, String::startsWith);
            case ENDING_WITH -> text(args[0], ignoreCase, String::endsWith);
            case CONTAINING -> containing(args[0], ignoreCase);
            case NOT_CONTAINING -> containing(args[0], ignoreCase).negate();
            case LIKE -> like(args[0], ignoreCase);
            case NOT_LIKE -> like(args[0], ignoreCase).negate();
            case REGEX -> regex(args[0], ignoreCase);
            case IS_EMPTY -> DerivedCriteria::isEmpty;
            case IS_NOT_EMPTY -> value -> !isEmpty(value);
            case NEAR, WITHIN ->
                throw new InvalidDataAccessApiUsageException("Query keyword " + part.getType() + " is not supported");
        };
    }

    private static boolean compare(
            JsonNode value, JsonNode argument, boolean ignoreCase, java.util.function.IntPredicate test) {
        if (JsonValues.isNull(value) || JsonValues.isNull(argument)) {
            return false;
        }
        Integer compared = JsonValues.compare(value, argument, ignoreCase);
        return compared != null && test.test(compared);
    }

    private static List<JsonNode> elements(JsonNode argument) {
        if (argument.isArray()) {
            return argument.valueStream().toList();
        }
        throw new InvalidDataAccessApiUsageException(
                "In/NotIn need a collection or an array argument, not JSON " + argument.getNodeType());
    }

    private static Predicate<JsonNode> in(List<JsonNode> candidates, boolean ignoreCase) {
        return value -> candidates.stream().anyMatch(candidate -> JsonValues.equal(value, candidate, ignoreCase));
    }

    private interface TextTest {
        boolean test(String value, String argument);
    }

    private static Predicate<JsonNode> text(JsonNode argument, boolean ignoreCase, TextTest test) {
        if (!argument.isString()) {
            return value -> false;
        }
        String expected = ignoreCase ? JsonValues.lower(argument.stringValue()) : argument.stringValue();
        return value -> value.isString()
                && test.test(ignoreCase ? JsonValues.lower(value.stringValue()) : value.stringValue(), expected);
    }

    private static Predicate<JsonNode> containing(JsonNode argument, boolean ignoreCase) {
        Predicate<JsonNode> inText = text(argument, ignoreCase, String::contains);
        return value -> value.isArray()
                ? value.valueStream().anyMatch(element -> JsonValues.equal(element, argument, ignoreCase))
                : inText.test(value);
    }

    private static Predicate<JsonNode> like(JsonNode argument, boolean ignoreCase) {
        if (!argument.isString()) {
            return value -> false;
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : argument.stringValue().toCharArray()) {
            if (c == '%' || c == '_') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        Pattern pattern = Pattern.compile(
                regex.toString(), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
        return value -> value.isString() && pattern.matcher(value.stringValue()).matches();
    }

    private static Predicate<JsonNode> regex(JsonNode argument, boolean ignoreCase) {
        if (!argument.isString()) {
            return value -> false;
        }
        Pattern pattern = Pattern.compile(
                argument.stringValue(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return value -> value.isString() && pattern.matcher(value.stringValue()).find();
    }

    private static boolean isEmpty(JsonNode value) {
        if (JsonValues.isNull(value)) {
            return true;
        }
        if (value.isString()) {
            return value.stringValue().isEmpty();
        }
        return (value.isArray() || value.isObject()) && value.isEmpty();
    }

    /** A JSON null, for a null argument. */
    public static JsonNode nullNode() {
        return JsonNodeFactory.instance.nullNode();
    }
}
