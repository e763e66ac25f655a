package io.github.multiprocessstore.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.repository.query.BoundedSelection;
import io.github.multiprocessstore.repository.query.DerivedCriteria;
import io.github.multiprocessstore.repository.query.IndexPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.parser.PartTree;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Derived queries give exactly what a plain in-memory filter of the live objects gives: thousands of random query
 * methods (random properties, keywords, {@code IgnoreCase}, {@code And}/{@code Or}, {@code OrderBy},
 * {@code Top}) with random arguments, run by the query engine on the stored JSON (every tenth also by a real scan of
 * the store, which must select the same objects, and every one through the indexes of the {@link Indexed}
 * properties, which must too), each compared with a reference
 * written in plain Java on the mapped objects. Seeded, so a failure repeats; the failing method name and arguments
 * are in the assertion message.
 */
class DerivedQueryPropertyTests {

    private static final long SEED = 20261207L;
    private static final int OBJECTS = 250;
    private static final int QUERIES = 3000;

    private static final String[] NAMES = {"ann", "Ann", "ANNA", "bob", "Bobby", "carla", "dan", "Émile", "zoe", ""};
    private static final String[] CITIES = {"Oslo", "oslo", "Rome", "Paris", "Porto"};
    private static final String[] TAGS = {"a", "b", "c", "B"};

    /** The stored type of the test: nullable values of each JSON type, a nested object and an array. */
    @StoredObject(collection = "sample")
    record Item(
            @Id String id,
            @Version String rev,
            @Indexed @Nullable String name,
            @Indexed @Nullable Integer age,
            @Indexed boolean active,
            @Indexed @Nullable Double score,
            @Nullable Place address,
            List<String> tags) {}

    record Place(@Indexed @Nullable String city) {}

    @TempDir
    Path temp;

    private StoreRoot root;
    private DefaultObjectRepository<Item> repository;
    private List<Item> items;
    private List<ObjectNode> nodes;

    @BeforeEach
    void store() {
        root = StoreRoot.open(temp, builder -> builder.durable(false));
        ObjectRepositoryFactory factory =
                new ObjectRepositoryFactory(root, JsonMapper.builder().build());
        repository = (DefaultObjectRepository<Item>) factory.create(Item.class);
        Random random = new Random(SEED);
        for (int i = 0; i < OBJECTS; i++) {
            repository.save(new Item(
                    String.format(Locale.ROOT, "id-%03d", random.nextInt(1000)) + "-" + i,
                    null,
                    random.nextInt(8) == 0 ? null : pick(random, NAMES),
                    random.nextInt(8) == 0 ? null : random.nextInt(60),
                    random.nextBoolean(),
                    random.nextInt(8) == 0 ? null : Math.round(random.nextDouble() * 1000) / 10.0,
                    random.nextInt(6) == 0 ? null : new Place(random.nextInt(6) == 0 ? null : pick(random, CITIES)),
                    randomTags(random)));
        }
        items = repository.findAll();
        nodes = root.collection("sample").getAllObjects();
    }

    private List<ObjectNode> select(Predicate<JsonNode> filter, Comparator<JsonNode> order, long limit) {
        BoundedSelection<ObjectNode> selection = new BoundedSelection<>(order, 0, limit);
        nodes.stream().filter(filter).forEach(selection::add);
        return selection.result();
    }

    @AfterEach
    void close() {
        root.close();
    }

    @Test
    void randomDerivedQueriesEqualAnInMemoryFilter() {
        Random random = new Random(SEED + 1);
        int nonEmpty = 0;
        int indexed = 0;
        int nestedIndex = 0;
        for (int i = 0; i < QUERIES; i++) {
            Query query = randomQuery(random);
            PartTree tree = new PartTree(query.methodName(), Item.class);
            Predicate<JsonNode> filter =
                    DerivedCriteria.of(tree, query.arguments().iterator(), repository.paths(), repository::toJson);
            // Every query runs through the engine over the stored JSON; every tenth also through a real scan.
            List<ObjectNode> selected = select(filter, repository.order(query.jsonSort()), query.limit());
            if (i % 10 == 0) {
                assertThat(repository
                                .select(filter, repository.order(query.jsonSort()), 0, query.limit())
                                .content())
                        .as("scan of %s%s", query.methodName(), query.arguments())
                        .isEqualTo(selected);
            }
            Optional<IndexPlan> plan = repository
                    .indexTemplate(tree)
                    .flatMap(template -> template.bind(query.arguments().iterator(), repository::toJson));
            if (plan.isPresent()) {
                indexed++;
                nestedIndex += plan.get().toString().contains("'address.city'") ? 1 : 0;
            }
            assertThat(repository
                            .select(
                                    filter,
                                    repository.order(query.jsonSort()),
                                    0,
                                    query.limit(),
                                    new DefaultObjectRepository.IndexUse(query.methodName(), plan.orElse(null), null))
                            .content())
                    .as("%s%s through %s", query.methodName(), query.arguments(), plan)
                    .isEqualTo(selected);
            List<String> actual = repository.toObjects(selected, Item.class).stream()
                    .map(Item::id)
                    .toList();

            List<String> expected = items.stream()
                    .filter(query.reference())
                    .sorted(query.order())
                    .limit(query.limit() < 0 ? Long.MAX_VALUE : query.limit())
                    .map(Item::id)
                    .toList();

            assertThat(actual)
                    .as("%s%s (case %d)", query.methodName(), query.arguments(), i)
                    .containsExactlyElementsOf(expected);
            if (!expected.isEmpty()) {
                nonEmpty++;
            }
        }
        // The generator must produce selective and non-selective queries, or the comparison proves little.
        assertThat(nonEmpty).isBetween(QUERIES / 4, QUERIES - QUERIES / 20);
        // And many of them must go through an index, or the comparison of index plans proves little.
        assertThat(indexed).isGreaterThan(QUERIES / 10);
        assertThat(nestedIndex).as("plans on the nested index").isGreaterThan(QUERIES / 100);
        // Nothing was written during the queries, so the indexes stayed current and the plans were used, not scans.
        assertThat(repository.indexes().orElseThrow().current()).isPresent();
    }

    /** One random query: its method name, arguments, and the same query written in Java. */
    record Query(
            String methodName,
            List<@Nullable Object> arguments,
            Predicate<Item> reference,
            Sort jsonSort,
            Comparator<Item> order,
            long limit) {}

    /** One condition: its part of the method name, its arguments, and its Java test. */
    private record Condition(String name, List<@Nullable Object> arguments, Predicate<Item> test) {}

    private static Query randomQuery(Random random) {
        List<List<Condition>> alternatives = new ArrayList<>();
        int ors = 1 + random.nextInt(2);
        for (int o = 0; o < ors; o++) {
            List<Condition> all = new ArrayList<>();
            int ands = 1 + random.nextInt(2);
            for (int a = 0; a < ands; a++) {
                all.add(randomCondition(random));
            }
            alternatives.add(all);
        }
        StringBuilder name = new StringBuilder();
        List<@Nullable Object> arguments = new ArrayList<>();
        Predicate<Item> reference = item -> false;
        for (List<Condition> all : alternatives) {
            if (!name.isEmpty()) {
                name.append("Or");
            }
            Predicate<Item> group = item -> true;
            for (int a = 0; a < all.size(); a++) {
                Condition condition = all.get(a);
                name.append(a == 0 ? "" : "And").append(condition.name());
                arguments.addAll(condition.arguments());
                group = group.and(condition.test());
            }
            reference = reference.or(group);
        }
        long limit = random.nextInt(4) == 0 ? 1 + random.nextInt(10) : -1;
        String prefix = limit < 0 ? "findBy" : "findTop" + limit + "By";
        Sort sort = Sort.unsorted();
        Comparator<Item> order = Comparator.comparing(Item::id);
        if (random.nextBoolean()) {
            String[] keys = {"Name", "Age", "Score", "AddressCity"};
            String key = pick(random, keys);
            boolean descending = random.nextBoolean();
            name.append("OrderBy").append(key).append(descending ? "Desc" : "Asc");
            String jsonKey = key.equals("AddressCity") ? "address.city" : key.toLowerCase(Locale.ROOT);
            sort = Sort.by(descending ? Sort.Direction.DESC : Sort.Direction.ASC, jsonKey);
            Comparator<Item> byKey = switch (key) {
                case "Name" -> Comparator.comparing(Item::name, Comparator.nullsFirst(Comparator.naturalOrder()));
                case "Age" -> Comparator.comparing(Item::age, Comparator.nullsFirst(Comparator.naturalOrder()));
                case "Score" -> Comparator.comparing(Item::score, Comparator.nullsFirst(Comparator.naturalOrder()));
                default ->
                    Comparator.comparing(
                            DerivedQueryPropertyTests::city, Comparator.nullsFirst(Comparator.naturalOrder()));
            };
            order = (descending ? byKey.reversed() : byKey).thenComparing(Item::id);
        }
        return new Query(prefix + name, arguments, reference, sort, order, limit);
    }

    private static Condition randomCondition(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> textCondition(random, "Name", Item::name, NAMES);
            case 1 -> textCondition(random, "AddressCity", DerivedQueryPropertyTests::city, CITIES);
            case 2 -> numberCondition(random, "Age", Item::age, () -> random.nextInt(60));
            case 3 ->
                numberCondition(random, "Score", Item::score, () -> Math.round(random.nextDouble() * 1000) / 10.0);
            case 4 ->
                switch (random.nextInt(3)) {
                    case 0 -> new Condition("ActiveTrue", List.of(), Item::active);
                    case 1 -> new Condition("ActiveFalse", List.of(), item -> !item.active());
                    default -> {
                        boolean value = random.nextBoolean();
                        yield new Condition("Active", List.of(value), item -> item.active() == value);
                    }
                };
            default -> {
                String tag = pick(random, TAGS);
                yield switch (random.nextInt(4)) {
                    case 0 ->
                        new Condition(
                                "TagsContaining",
                                List.of(tag),
                                item -> item.tags().contains(tag));
                    case 1 ->
                        new Condition(
                                "TagsNotContaining",
                                List.of(tag),
                                item -> !item.tags().contains(tag));
                    case 2 ->
                        new Condition(
                                "TagsIsEmpty", List.of(), item -> item.tags().isEmpty());
                    default ->
                        new Condition(
                                "TagsIsNotEmpty",
                                List.of(),
                                item -> !item.tags().isEmpty());
                };
            }
        };
    }

    private static Condition textCondition(
            Random random, String property, Function<Item, @Nullable String> value, String[] values) {
        String argument = random.nextInt(10) == 0 ? pick(random, values).substring(0, 0) : pick(random, values);
        String part =
                argument.length() > 1 ? argument.substring(0, 1 + random.nextInt(argument.length() - 1)) : argument;
        boolean ignoreCase = random.nextBoolean();
        String suffix = ignoreCase ? "IgnoreCase" : "";
        Function<String, String> fold = text -> ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        return switch (random.nextInt(11)) {
            case 0 ->
                new Condition(
                        property + suffix,
                        List.of(argument),
                        item -> value.apply(item) != null
                                && fold.apply(value.apply(item)).equals(fold.apply(argument)));
            case 1 ->
                new Condition(
                        property + "Not" + suffix,
                        List.of(argument),
                        item -> value.apply(item) == null
                                || !fold.apply(value.apply(item)).equals(fold.apply(argument)));
            case 2 ->
                new Condition(
                        property + "StartingWith" + suffix,
                        List.of(part),
                        item -> value.apply(item) != null
                                && fold.apply(value.apply(item)).startsWith(fold.apply(part)));
            case 3 ->
                new Condition(
                        property + "EndingWith" + suffix,
                        List.of(part),
                        item -> value.apply(item) != null
                                && fold.apply(value.apply(item)).endsWith(fold.apply(part)));
            case 4 ->
                new Condition(
                        property + "Containing" + suffix,
                        List.of(part),
                        item -> value.apply(item) != null
                                && fold.apply(value.apply(item)).contains(fold.apply(part)));
            case 5 ->
                new Condition(
                        property + "NotContaining" + suffix,
                        List.of(part),
                        item -> value.apply(item) == null
                                || !fold.apply(value.apply(item)).contains(fold.apply(part)));
            case 6 -> new Condition(property + "IsNull", List.of(), item -> value.apply(item) == null);
            case 7 -> new Condition(property + "IsNotNull", List.of(), item -> value.apply(item) != null);
            case 8 -> {
                List<String> some = List.of(pick(random, values), pick(random, values));
                yield new Condition(
                        property + "In" + suffix,
                        List.of(some),
                        item -> value.apply(item) != null
                                && some.stream().map(fold).anyMatch(fold.apply(value.apply(item))::equals));
            }
            case 9 -> {
                List<String> some = List.of(pick(random, values), pick(random, values));
                yield new Condition(
                        property + "NotIn" + suffix,
                        List.of(some),
                        item -> value.apply(item) == null
                                || some.stream().map(fold).noneMatch(fold.apply(value.apply(item))::equals));
            }
            default ->
                new Condition(
                        property + "LessThan" + suffix,
                        List.of(argument),
                        item -> value.apply(item) != null
                                && fold.apply(value.apply(item)).compareTo(fold.apply(argument)) < 0);
        };
    }

    private static <N extends Number & Comparable<N>> Condition numberCondition(
            Random random, String property, Function<Item, @Nullable N> value, java.util.function.Supplier<N> next) {
        N argument = next.get();
        return switch (random.nextInt(10)) {
            case 0 -> new Condition(property, List.of(argument), item -> Objects.equals(value.apply(item), argument));
            case 1 ->
                new Condition(
                        property + "Not", List.of(argument), item -> !Objects.equals(value.apply(item), argument));
            case 2 ->
                new Condition(
                        property + "LessThan", List.of(argument), item -> compare(value.apply(item), argument) < 0);
            case 3 ->
                new Condition(
                        property + "LessThanEqual",
                        List.of(argument),
                        item -> compare(value.apply(item), argument) <= 0);
            case 4 ->
                new Condition(
                        property + "GreaterThan",
                        List.of(argument),
                        item -> compare(value.apply(item), argument) > 0 && value.apply(item) != null);
            case 5 ->
                new Condition(
                        property + "GreaterThanEqual",
                        List.of(argument),
                        item -> value.apply(item) != null && compare(value.apply(item), argument) >= 0);
            case 6 -> {
                N other = next.get();
                N low = argument.compareTo(other) <= 0 ? argument : other;
                N high = argument.compareTo(other) <= 0 ? other : argument;
                yield new Condition(
                        property + "Between",
                        List.of(low, high),
                        item -> value.apply(item) != null
                                && compare(value.apply(item), low) >= 0
                                && compare(value.apply(item), high) <= 0);
            }
            case 7 -> {
                List<N> some = List.of(argument, next.get());
                yield new Condition(
                        property + "In",
                        List.of(some),
                        item -> value.apply(item) != null && some.contains(value.apply(item)));
            }
            case 8 -> new Condition(property + "IsNull", List.of(), item -> value.apply(item) == null);
            default -> new Condition(property + "IsNotNull", List.of(), item -> value.apply(item) != null);
        };
    }

    /** Compares a nullable value: null is never less or greater (the {@code <} of a null is false). */
    private static <N extends Comparable<N>> int compare(@Nullable N value, N argument) {
        if (value == null) {
            // Makes "< 0", "<= 0" and the guarded "> 0"/">= 0" tests all false.
            return Integer.MAX_VALUE;
        }
        return value.compareTo(argument);
    }

    private static @Nullable String city(Item item) {
        return item.address() == null ? null : item.address().city();
    }

    private static List<String> randomTags(Random random) {
        List<String> tags = new ArrayList<>();
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            tags.add(pick(random, TAGS));
        }
        return tags;
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
