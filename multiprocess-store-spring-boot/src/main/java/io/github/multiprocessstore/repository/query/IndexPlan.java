package io.github.multiprocessstore.repository.query;

import io.github.multiprocessstore.indexes.IndexedView;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;

/**
 * How a derived query can narrow its candidates with an index: one condition of the query (all of it joined with
 * {@code And}) on an indexed property, as equality ({@code Is}, {@code True}/{@code False}, {@code IsNull}),
 * {@code In}, or a range ({@code LessThan}, {@code GreaterThan}, {@code Before}/{@code After}, {@code Between}).
 * The index only proposes objects: the whole criteria are still evaluated on each one, so the plan never changes a
 * query's answer, only how many objects it reads. Queries with {@code Or}, {@code IgnoreCase} on the condition, or
 * no such condition have no plan and scan.
 */
public final class IndexPlan {

    private enum Kind {
        EQUALITY,
        IN,
        RANGE
    }

    private final String index;
    private final Kind kind;
    private final List<JsonNode> values;
    private final @Nullable JsonNode lower;
    private final boolean lowerInclusive;
    private final @Nullable JsonNode upper;
    private final boolean upperInclusive;

    private IndexPlan(
            String index,
            Kind kind,
            List<JsonNode> values,
            @Nullable JsonNode lower,
            boolean lowerInclusive,
            @Nullable JsonNode upper,
            boolean upperInclusive) {
        this.index = index;
        this.kind = kind;
        this.values = values;
        this.lower = lower;
        this.lowerInclusive = lowerInclusive;
        this.upper = upper;
        this.upperInclusive = upperInclusive;
    }

    /**
     * What of a query method can use an index, worked out once per method: which of its conditions are on indexed
     * properties. Empty if none can (or the name has {@code Or}).
     *
     * @param tree    the parsed method name
     * @param indexed the JSON paths (dot-joined) that have an index
     * @param paths   the JSON paths of the properties
     * @return the template to {@linkplain Template#bind bind} to each call's arguments
     */
    public static Optional<Template> template(PartTree tree, Set<String> indexed, JsonPropertyPaths paths) {
        List<PartTree.OrPart> alternatives = new ArrayList<>();
        tree.iterator().forEachRemaining(alternatives::add);
        if (indexed.isEmpty() || alternatives.size() != 1) {
            return Optional.empty();
        }
        List<Slot> slots = new ArrayList<>();
        boolean any = false;
        for (Part part : alternatives.get(0)) {
            String path = String.join(".", paths.of(part.getProperty()));
            boolean usable = indexed.contains(path) && part.shouldIgnoreCase() == Part.IgnoreCaseType.NEVER;
            any |= usable;
            slots.add(new Slot(usable ? path : null, part.getType(), part.getNumberOfArguments()));
        }
        return any ? Optional.of(new Template(List.copyOf(slots))) : Optional.empty();
    }

    /** One condition of a method name: its index path if it can use one, its keyword and argument count. */
    private record Slot(@Nullable String path, Part.Type type, int arguments) {}

    /** The conditions of a query method that can use an index; thread-safe, bound to each call's arguments. */
    public static final class Template {

        private final List<Slot> slots;

        private Template(List<Slot> slots) {
            this.slots = slots;
        }

        /**
         * The best plan for one call: equality before {@code In} before a range, the first of a kind in the name.
         *
         * @param arguments the bindable arguments in parameter order, as for {@link DerivedCriteria#of}
         * @param toJson    converts an argument to JSON as the mapper would store it
         * @return the plan, or empty to scan
         */
        public Optional<IndexPlan> bind(
                Iterator<@Nullable Object> arguments, Function<@Nullable Object, JsonNode> toJson) {
            IndexPlan best = null;
            for (Slot slot : slots) {
                JsonNode[] args = new JsonNode[slot.arguments()];
                for (int i = 0; i < args.length && arguments.hasNext(); i++) {
                    Object argument = arguments.next();
                    // Only the conditions an index serves need their arguments as JSON.
                    args[i] = slot.path() == null ? null : toJson.apply(argument);
                }
                if (slot.path() == null) {
                    continue;
                }
                IndexPlan plan = plan(slot.path(), slot.type(), args);
                if (plan != null && (best == null || plan.kind.ordinal() < best.kind.ordinal())) {
                    best = plan;
                }
            }
            return Optional.ofNullable(best);
        }
    }

    private static @Nullable IndexPlan plan(String path, Part.Type type, JsonNode[] args) {
        for (JsonNode arg : args) {
            if (arg == null) {
                return null;
            }
        }
        JsonNodeFactory json = JsonNodeFactory.instance;
        return switch (type) {
            case SIMPLE_PROPERTY -> scalar(args[0]) ? equality(path, List.of(args[0])) : null;
            case TRUE -> equality(path, List.of(json.booleanNode(true)));
            case FALSE -> equality(path, List.of(json.booleanNode(false)));
            case IS_NULL -> equality(path, List.of(json.nullNode()));
            case IN -> in(path, args[0]);
            case LESS_THAN, BEFORE -> range(path, null, false, args[0], false);
            case LESS_THAN_EQUAL -> range(path, null, false, args[0], true);
            case GREATER_THAN, AFTER -> range(path, args[0], false, null, false);
            case GREATER_THAN_EQUAL -> range(path, args[0], true, null, false);
            case BETWEEN -> range(path, args[0], true, args[1], true);
            default -> null;
        };
    }

    /** Objects and arrays compare as trees in criteria but as text in an index: those queries scan. */
    private static boolean scalar(JsonNode value) {
        return !(value.isObject() || value.isArray());
    }

    private static IndexPlan equality(String path, List<JsonNode> values) {
        return new IndexPlan(path, Kind.EQUALITY, values, null, false, null, false);
    }

    private static @Nullable IndexPlan in(String path, JsonNode argument) {
        if (!argument.isArray()) {
            return null;
        }
        List<JsonNode> values = argument.valueStream().toList();
        return values.stream().allMatch(IndexPlan::scalar)
                ? new IndexPlan(path, Kind.IN, values, null, false, null, false)
                : null;
    }

    private static @Nullable IndexPlan range(
            String path,
            @Nullable JsonNode lower,
            boolean lowerInclusive,
            @Nullable JsonNode upper,
            boolean upperInclusive) {
        // Ranges never match null, and compare only values of one JSON type: a bound must be a number, string or
        // boolean.
        for (JsonNode bound : new JsonNode[] {lower, upper}) {
            if (bound != null && !(bound.isNumber() || bound.isString() || bound.isBoolean())) {
                return null;
            }
        }
        return new IndexPlan(path, Kind.RANGE, List.of(), lower, lowerInclusive, upper, upperInclusive);
    }

    /** The index the plan uses (its JSON path). */
    public String index() {
        return index;
    }

    /**
     * The ids the index proposes.
     *
     * @param view the current indexes
     * @return candidate ids, each once
     */
    public List<String> candidates(IndexedView view) {
        return switch (kind) {
            case EQUALITY -> view.idsEqual(index, values.get(0));
            case IN -> view.idsIn(index, values);
            case RANGE ->
                view.idsBetween(
                        index,
                        lower == null ? MissingNode.getInstance() : lower,
                        lowerInclusive,
                        upper == null ? MissingNode.getInstance() : upper,
                        upperInclusive);
        };
    }

    /** What the plan does, for the debug explanation, e.g. {@code equality on index 'email'}. */
    @Override
    public String toString() {
        return switch (kind) {
                    case EQUALITY -> "equality";
                    case IN -> "in";
                    case RANGE -> "range";
                }
                + " on index '" + index + "'";
    }
}
