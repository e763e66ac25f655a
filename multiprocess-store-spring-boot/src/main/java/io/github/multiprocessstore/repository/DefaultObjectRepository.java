package io.github.multiprocessstore.repository;

import io.github.multiprocessstore.CorruptRevisionException;
import io.github.multiprocessstore.DiskFullException;
import io.github.multiprocessstore.FileSystemReadOnlyException;
import io.github.multiprocessstore.InvalidIdException;
import io.github.multiprocessstore.ObjectAlreadyExistsException;
import io.github.multiprocessstore.ObjectNotFoundException;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.ObjectTooLargeException;
import io.github.multiprocessstore.StaleRevisionException;
import io.github.multiprocessstore.StoreException;
import io.github.multiprocessstore.StoreIOException;
import io.github.multiprocessstore.indexes.IndexEntry;
import io.github.multiprocessstore.indexes.IndexedView;
import io.github.multiprocessstore.indexes.StoreIndexes;
import io.github.multiprocessstore.repository.query.BoundedSelection;
import io.github.multiprocessstore.repository.query.ExampleCriteria;
import io.github.multiprocessstore.repository.query.IndexPlan;
import io.github.multiprocessstore.repository.query.JsonOrder;
import io.github.multiprocessstore.repository.query.JsonPropertyPaths;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TypeMismatchDataAccessException;
import org.springframework.data.auditing.AuditingHandler;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.FluentQuery;
import org.springframework.data.repository.query.parser.PartTree;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link ObjectRepository} over one collection's {@link ObjectStore}: maps with Jackson, keeps the fields the
 * type does not map, audits, publishes domain events, delegates to the store, translates the store's exceptions
 * and observes each call ({@link StoreOperationContext}). Also the engine of derived queries
 * ({@link DerivedObjectQuery}): scans filter and order the stored JSON and map only what they return.
 */
final class DefaultObjectRepository<T> implements ObjectRepository<T> {

    static final String ID = "_id";
    static final String REV = "_rev";
    private static final String DELETED = "_deleted";

    /** How many objects a scan reads in parallel before it hands them on: bounds a scan's memory. */
    private static final int SCAN_BATCH = 256;

    private static final Log log = LogFactory.getLog(DefaultObjectRepository.class);

    private final Class<T> type;
    private final String collection;
    private final ObjectStore store;
    private final JsonMapper mapper;
    private final JsonPropertyPaths paths;
    private final ObservationRegistry observations;
    private final @Nullable StoreOperationObservationConvention convention;
    private final RepositoryOptions options;
    private final boolean keepUnknownFields;
    private final @Nullable DomainEventPublication events;
    /** The JSON paths (dot-joined) of the type's {@link Indexed} properties. */
    private final Set<String> indexedPaths;
    /** The indexes of those paths, or null if there are none or they could not be built (queries scan). */
    private final @Nullable StoreIndexes indexes;

    /** A repository with the default options, mapping with {@code mapper} as it is. */
    DefaultObjectRepository(
            Class<T> type,
            String collection,
            ObjectStore store,
            JsonMapper mapper,
            ObservationRegistry observations,
            @Nullable StoreOperationObservationConvention convention) {
        this(
                type,
                collection,
                store,
                mapper,
                new JsonPropertyPaths(mapper),
                observations,
                convention,
                RepositoryOptions.defaults(),
                new RepositoryIndexes());
    }

    /** A repository whose indexes come from {@code sharedIndexes}, which builds each collection's once. */
    DefaultObjectRepository(
            Class<T> type,
            String collection,
            ObjectStore store,
            JsonMapper mapper,
            JsonPropertyPaths paths,
            ObservationRegistry observations,
            @Nullable StoreOperationObservationConvention convention,
            RepositoryOptions options,
            RepositoryIndexes sharedIndexes) {
        this.type = Objects.requireNonNull(type, "type must not be null");
        this.collection = Objects.requireNonNull(collection, "collection must not be null");
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.mapper = Objects.requireNonNull(mapper, "mapper must not be null");
        this.paths = Objects.requireNonNull(paths, "paths must not be null");
        this.observations = Objects.requireNonNull(observations, "observations must not be null");
        this.convention = convention;
        this.options = Objects.requireNonNull(options, "options must not be null");
        StoredObject annotation = type.getAnnotation(StoredObject.class);
        this.keepUnknownFields = annotation == null || annotation.keepUnknownFields();
        this.events = options.events() == null ? null : new DomainEventPublication(options.events());
        this.indexedPaths = indexedPaths(type, paths);
        this.indexes = indexedPaths.isEmpty() ? null : sharedIndexes.of(store, collection, indexedPaths);
    }

    /** How deep {@link Indexed} is looked for in nested types. */
    private static final int MAX_NESTING = 8;

    private static Set<String> indexedPaths(Class<?> type, JsonPropertyPaths paths) {
        Set<String> properties = new TreeSet<>();
        collectIndexed(type, "", properties, new HashSet<>());
        Set<String> jsonPaths = new TreeSet<>();
        properties.forEach(property -> jsonPaths.add(String.join(".", paths.ofSortKey(type, property))));
        return Set.copyOf(jsonPaths);
    }

    /**
     * The {@link Indexed} properties of a type as property paths ({@code email}, {@code address.city}), descending
     * into the application's own nested types (not the JDK's, not enums, not collections), each type once per path
     * so that a type that contains itself ends the walk (and {@value #MAX_NESTING} levels end any other).
     */
    private static void collectIndexed(Class<?> type, String prefix, Set<String> properties, Set<Class<?>> onPath) {
        if (!onPath.add(type)) {
            return;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                if (field.isAnnotationPresent(Indexed.class)) {
                    properties.add(prefix + field.getName());
                } else if (isNestedObject(field.getType()) && onPath.size() < MAX_NESTING) {
                    collectIndexed(field.getType(), prefix + field.getName() + ".", properties, onPath);
                }
            }
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Indexed.class) && method.getParameterCount() == 0) {
                    properties.add(prefix + propertyOf(method.getName()));
                }
            }
        }
        onPath.remove(type);
    }

    /** A type mapped to a JSON object of the application's own properties, where an index may be declared. */
    private static boolean isNestedObject(Class<?> type) {
        return !type.isPrimitive()
                && !type.isArray()
                && !type.isEnum()
                && !type.isInterface()
                && !type.getName().startsWith("java.")
                && !type.getName().startsWith("tools.jackson.");
    }

    /** {@code getEmail}/{@code isActive} name the properties {@code email}/{@code active}; a record accessor its own. */
    private static String propertyOf(String accessor) {
        for (String prefix : List.of("get", "is")) {
            if (accessor.length() > prefix.length()
                    && accessor.startsWith(prefix)
                    && Character.isUpperCase(accessor.charAt(prefix.length()))) {
                return Character.toLowerCase(accessor.charAt(prefix.length()))
                        + accessor.substring(prefix.length() + 1);
            }
        }
        return accessor;
    }

    // ---- CrudRepository ------------------------------------------------------------------------------------

    @Override
    public <S extends T> S save(S object) {
        return timed("save", () -> {
            S saved = doSave(object);
            publishEvents(object);
            return saved;
        });
    }

    @Override
    public <S extends T> List<S> saveAll(Iterable<S> objects) {
        return timed("saveAll", () -> {
            requireArgument(objects, "objects");
            List<S> saved = new ArrayList<>();
            for (S object : objects) {
                saved.add(doSave(object));
                publishEvents(object);
            }
            return saved;
        });
    }

    @Override
    public Optional<T> findById(String id) {
        return timed("findById", id, () -> {
            requireArgument(id, "id");
            try {
                return store.findObject(id).map(node -> toObject(node, type));
            } catch (StoreException e) {
                throw translate("read", id, e);
            }
        });
    }

    @Override
    public boolean existsById(String id) {
        return timed("existsById", id, () -> {
            requireArgument(id, "id");
            try {
                return store.exists(id);
            } catch (StoreException e) {
                throw translate("look up", id, e);
            }
        });
    }

    @Override
    public List<T> findAll() {
        return timed("findAll", () -> {
            List<ObjectNode> nodes;
            try {
                nodes = store.getAllObjects();
            } catch (StoreException e) {
                throw translate("read all objects", null, e);
            }
            return toObjects(nodes, type);
        });
    }

    @Override
    public List<T> findAllById(Iterable<String> ids) {
        return timed("findAllById", () -> {
            requireArgument(ids, "ids");
            List<T> found = new ArrayList<>();
            for (String id : ids) {
                requireArgument(id, "id");
                try {
                    store.findObject(id).ifPresent(node -> found.add(toObject(node, type)));
                } catch (StoreException e) {
                    throw translate("read", id, e);
                }
            }
            return found;
        });
    }

    @Override
    public long count() {
        return timed("count", () -> {
            try {
                return store.count();
            } catch (StoreException e) {
                throw translate("count objects", null, e);
            }
        });
    }

    @Override
    public void deleteById(String id) {
        timed("deleteById", id, () -> {
            requireArgument(id, "id");
            deleteIfPresent(id);
            return null;
        });
    }

    @Override
    public void delete(T object) {
        timed("delete", () -> {
            doDelete(object);
            publishEvents(object);
            return null;
        });
    }

    @Override
    public void deleteAllById(Iterable<? extends String> ids) {
        timed("deleteAllById", () -> {
            requireArgument(ids, "ids");
            for (String id : ids) {
                requireArgument(id, "id");
                deleteIfPresent(id);
            }
            return null;
        });
    }

    @Override
    public void deleteAll(Iterable<? extends T> objects) {
        timed("deleteAll", () -> {
            requireArgument(objects, "objects");
            for (T object : objects) {
                doDelete(object);
                publishEvents(object);
            }
            return null;
        });
    }

    @Override
    public void deleteAll() {
        timed("deleteAll", () -> {
            List<String> ids;
            try (Stream<String> all = store.streamIds()) {
                ids = all.toList();
            } catch (StoreException e) {
                throw translate("list the objects to delete", null, e);
            }
            ids.forEach(this::deleteIfPresent);
            return null;
        });
    }

    // ---- PagingAndSortingRepository ------------------------------------------------------------------------

    @Override
    public List<T> findAll(Sort sort) {
        return timed("findAll", () -> {
            requireArgument(sort, "sort");
            return toObjects(
                    select(node -> true, order(sort), 0, -1, IndexUse.unfiltered("findAll(Sort)", sort))
                            .content(),
                    type);
        });
    }

    @Override
    public Page<T> findAll(Pageable pageable) {
        return timed("findAll", () -> {
            requireArgument(pageable, "pageable");
            return page(node -> true, pageable, type, IndexUse.unfiltered("findAll(Pageable)", pageable.getSort()));
        });
    }

    // ---- QueryByExampleExecutor ----------------------------------------------------------------------------

    @Override
    public <S extends T> Optional<S> findOne(Example<S> example) {
        return timed("findOne", () -> {
            Selected selected = select(criteria(example), order(Sort.unsorted()), 0, 2);
            if (selected.matches() > 1) {
                throw new IncorrectResultSizeDataAccessException(
                        "More than one object of collection '" + collection + "' matches the example", 1, (int)
                                selected.matches());
            }
            return selected.content().stream().findFirst().map(node -> toObject(node, example.getProbeType()));
        });
    }

    @Override
    public <S extends T> List<S> findAll(Example<S> example) {
        return findAll(example, Sort.unsorted());
    }

    @Override
    public <S extends T> List<S> findAll(Example<S> example, Sort sort) {
        return timed("findAll", () -> {
            requireArgument(sort, "sort");
            return toObjects(select(criteria(example), order(sort), 0, -1).content(), example.getProbeType());
        });
    }

    @Override
    public <S extends T> Page<S> findAll(Example<S> example, Pageable pageable) {
        return timed(
                "findAll",
                () -> page(criteria(example), pageable, example.getProbeType(), IndexUse.scan("findAll(Example)")));
    }

    @Override
    public <S extends T> long count(Example<S> example) {
        return timed("count", () -> count(criteria(example)));
    }

    @Override
    public <S extends T> boolean exists(Example<S> example) {
        return timed("exists", () -> exists(criteria(example)));
    }

    @Override
    public <S extends T, R> R findBy(
            Example<S> example, Function<FluentQuery.FetchableFluentQuery<S>, R> queryFunction) {
        requireArgument(queryFunction, "queryFunction");
        return queryFunction.apply(new ExampleFluentQuery<>(this, criteria(example), example.getProbeType()));
    }

    // ---- this store's own methods --------------------------------------------------------------------------

    @Override
    public T updateAllowingConflict(T object) {
        return timed("updateAllowingConflict", () -> {
            ObjectNode node = toNode(object);
            String id = idOf(node);
            String rev = revisionOf(node, id);
            if (rev != null) {
                keepUnknownFields(node, object.getClass(), () -> revisionOrNull(id, rev));
            }
            try {
                return toObject(store.updateObject(node), type(object));
            } catch (StoreException e) {
                throw translate("update", id, e);
            }
        });
    }

    @Override
    public T update(String id, UnaryOperator<T> change) {
        return timed("update", id, () -> {
            requireArgument(id, "id");
            requireArgument(change, "change");
            try {
                return toObject(
                        store.updateObjectAtomically(id, current -> {
                            T changed = change.apply(toObject(current, type));
                            if (changed == null) {
                                throw new InvalidDataAccessApiUsageException(
                                        "The change function for object '" + id + "' of collection '" + collection
                                                + "' returned null; return the changed object");
                            }
                            ObjectNode node = toNode(audited(changed, false));
                            keepUnknownFields(node, changed.getClass(), () -> current);
                            return node;
                        }),
                        type);
            } catch (StoreException e) {
                throw translate("update", id, e);
            }
        });
    }

    @Override
    public Stream<T> stream() {
        Stream<ObjectNode> nodes;
        try {
            nodes = store.streamObjects();
        } catch (StoreException e) {
            throw translate("stream objects", null, e);
        }
        Spliterator<ObjectNode> translating = new TranslatingSpliterator(nodes.spliterator());
        return StreamSupport.stream(translating, false)
                .onClose(nodes::close)
                .map(node -> toObjectInScan(node, type))
                .filter(Objects::nonNull);
    }

    @Override
    public List<List<String>> findConflicts(String id) {
        return timed("findConflicts", id, () -> {
            requireArgument(id, "id");
            try {
                return store.getConflicts(id);
            } catch (ObjectNotFoundException absent) {
                return List.of();
            } catch (StoreException e) {
                throw translate("read the conflicts of", id, e);
            }
        });
    }

    @Override
    public List<String> findRevisions(String id) {
        return timed("findRevisions", id, () -> {
            requireArgument(id, "id");
            try {
                return store.getRevisions(id);
            } catch (ObjectNotFoundException absent) {
                return List.of();
            } catch (StoreException e) {
                throw translate("read the revisions of", id, e);
            }
        });
    }

    @Override
    public T resolveConflict(String id, String winningRevision) {
        return timed("resolveConflict", id, () -> {
            requireArgument(id, "id");
            requireArgument(winningRevision, "winningRevision");
            try {
                return toObject(store.resolveConflict(id, winningRevision), type);
            } catch (StoreException e) {
                throw translate("resolve the conflict of", id, e);
            }
        });
    }

    @Override
    public T resolveConflict(T merged) {
        return timed("resolveConflict", () -> {
            ObjectNode node = toNode(merged);
            String id = idOf(node);
            String rev = revisionOf(node, id);
            if (rev != null) {
                keepUnknownFields(node, merged.getClass(), () -> winnerIfAt(id, rev));
            }
            try {
                return toObject(store.resolveConflict(node), type(merged));
            } catch (StoreException e) {
                throw translate("resolve the conflicts of", id, e);
            }
        });
    }

    @Override
    public ObjectStore store() {
        return store;
    }

    @Override
    public String toString() {
        return "ObjectRepository<" + type.getName() + "> of collection '" + collection + "'";
    }

    // ---- the query engine, used by derived queries and Query by Example --------------------------------------

    /** The stored type. */
    Class<T> type() {
        return type;
    }

    /** The resolver of JSON property paths of this repository's mapper. */
    JsonPropertyPaths paths() {
        return paths;
    }

    /** A query argument as JSON, as the mapper would store it. */
    JsonNode toJson(@Nullable Object value) {
        return value == null ? mapper.nullNode() : mapper.valueToTree(value);
    }

    /** The order of a sort (JSON property paths), with the id as the last key. */
    Comparator<JsonNode> order(Sort sort) {
        return JsonOrder.of(sort, type, paths);
    }

    /** The live objects matching a filter, the window {@code [offset, offset + limit)} in order, and their count. */
    Selected select(
            Predicate<? super ObjectNode> filter, Comparator<? super ObjectNode> order, long offset, long limit) {
        BoundedSelection<ObjectNode> selection = new BoundedSelection<>(order, offset, limit);
        scan(filter, selection::add);
        return new Selected(selection.result(), selection.matches());
    }

    long count(Predicate<? super ObjectNode> filter) {
        long[] count = {0};
        scan(filter, node -> count[0]++);
        return count[0];
    }

    boolean exists(Predicate<? super ObjectNode> filter) {
        return select(filter, order(Sort.unsorted()), 0, 1).matches() > 0;
    }

    /** The matches of a filter lazily, in directory order, in constant memory; close the stream. */
    Stream<ObjectNode> streamMatching(Predicate<? super ObjectNode> filter) {
        Stream<ObjectNode> nodes;
        try {
            nodes = store.streamObjects();
        } catch (StoreException e) {
            throw translate("stream objects", null, e);
        }
        return StreamSupport.stream(new TranslatingSpliterator(nodes.spliterator()), false)
                .onClose(nodes::close)
                .filter(filter);
    }

    <R> Page<R> page(Predicate<? super ObjectNode> filter, Pageable pageable, Class<R> target) {
        return page(filter, pageable, target, IndexUse.scan("page"));
    }

    <R> Page<R> page(Predicate<? super ObjectNode> filter, Pageable pageable, Class<R> target, IndexUse use) {
        requireArgument(pageable, "pageable");
        if (pageable.isUnpaged()) {
            List<R> all = toObjects(
                    select(filter, order(pageable.getSort()), 0, -1, use).content(), target);
            return new PageImpl<>(all, pageable, all.size());
        }
        Selected selected =
                select(filter, order(pageable.getSort()), pageable.getOffset(), pageable.getPageSize(), use);
        return new PageImpl<>(toObjects(selected.content(), target), pageable, selected.matches());
    }

    /** Maps stored objects read by a scan; unmappable ones fail, or are skipped when the options say so. */
    <R> List<R> toObjects(List<ObjectNode> nodes, Class<R> target) {
        List<R> objects = new ArrayList<>(nodes.size());
        for (ObjectNode node : nodes) {
            R object = toObjectInScan(node, target);
            if (object != null) {
                objects.add(object);
            }
        }
        return objects;
    }

    <R> @Nullable R toObjectInScan(ObjectNode node, Class<R> target) {
        try {
            return toObject(node, target);
        } catch (UnmappableObjectException e) {
            if (!options.skipUnmappable()) {
                throw e;
            }
            options.unmappable().skipped(collection);
            log.warn("Skipped object '" + e.getId() + "' (revision " + e.getRevision() + ") of collection '"
                    + collection + "': it cannot be mapped to " + target.getName() + " ("
                    + Objects.requireNonNull(e.getCause()).getMessage() + ")");
            return null;
        }
    }

    /** Deletes a found object strictly at the revision it was found at (derived delete queries). */
    void deleteFound(ObjectNode node) {
        String id = idOf(node);
        String rev = revisionOf(node, id);
        if (rev == null) {
            deleteIfPresent(id);
        } else {
            deleteStrictly(id, rev);
        }
    }

    void publishEvents(@Nullable Object aggregate) {
        if (events != null) {
            events.publishFrom(aggregate);
        }
    }

    <R> R timed(String operation, Supplier<R> call) {
        return timed(operation, null, call);
    }

    /** A window of matches and how many objects matched in all. */
    record Selected(List<ObjectNode> content, long matches) {}

    /**
     * What a query may ask of the indexes: its plan (a condition on an indexed property), or, when it filters
     * nothing, its sort (walked in an index's order when it is one indexed property).
     *
     * @param query              the query's name, for the debug explanation
     * @param plan               the plan of its criteria, or null if none
     * @param sortWhenUnfiltered its sort if it has no criteria, else null
     */
    record IndexUse(
            String query,
            @Nullable IndexPlan plan,
            @Nullable Sort sortWhenUnfiltered) {

        static IndexUse scan(String query) {
            return new IndexUse(query, null, null);
        }

        static IndexUse unfiltered(String query, Sort sort) {
            return new IndexUse(query, null, sort);
        }
    }

    /** The indexes of the {@link Indexed} properties, if any were declared and could be built. */
    Optional<StoreIndexes> indexes() {
        return Optional.ofNullable(indexes);
    }

    /** Which conditions of a derived query can use an index, or empty (no index, or none can). */
    Optional<IndexPlan.Template> indexTemplate(PartTree tree) {
        return indexes == null ? Optional.empty() : IndexPlan.template(tree, indexedPaths, paths);
    }

    /**
     * Like {@link #select(Predicate, Comparator, long, long)}, reading only what an index proposes when the query
     * allows it and the index is current, and scanning otherwise; says at DEBUG which it did.
     */
    Selected select(
            Predicate<? super ObjectNode> filter,
            Comparator<? super ObjectNode> order,
            long offset,
            long limit,
            IndexUse use) {
        if (indexes == null) {
            explain(use.query(), "scanned every object (no @Indexed property on " + type.getSimpleName() + ")");
        } else {
            IndexPlan plan = use.plan();
            Optional<Selected> indexed = plan != null
                    ? fromCandidates(indexes, plan, filter, order, offset, limit, use.query())
                    : sortedWindow(indexes, use, offset, limit);
            if (indexed.isPresent()) {
                return indexed.get();
            }
        }
        return select(filter, order, offset, limit);
    }

    long count(Predicate<? super ObjectNode> filter, IndexUse use) {
        IndexPlan plan = use.plan();
        if (indexes != null && plan != null) {
            Optional<Selected> indexed =
                    fromCandidates(indexes, plan, filter, order(Sort.unsorted()), 0, 0, use.query());
            if (indexed.isPresent()) {
                return indexed.get().matches();
            }
        }
        return count(filter);
    }

    boolean exists(Predicate<? super ObjectNode> filter, IndexUse use) {
        return select(filter, order(Sort.unsorted()), 0, 1, use).matches() > 0;
    }

    private Optional<Selected> fromCandidates(
            StoreIndexes current,
            IndexPlan plan,
            Predicate<? super ObjectNode> filter,
            Comparator<? super ObjectNode> order,
            long offset,
            long limit,
            String query) {
        Optional<IndexedView> view = current.current();
        if (view.isEmpty()) {
            explain(query, "scanned every object: " + plan + " is not current (" + current.state() + ")");
            return Optional.empty();
        }
        List<String> ids = plan.candidates(view.get());
        BoundedSelection<ObjectNode> selection = new BoundedSelection<>(order, offset, limit);
        // The index proposes; the current winner of each candidate decides (it may have changed since).
        readAll(ids).stream().filter(Objects::nonNull).filter(filter).forEach(selection::add);
        if (!view.get().isStillValid()) {
            explain(query, "scanned every object: " + plan + " was reset during the query");
            return Optional.empty();
        }
        explain(query, "used " + plan + ": " + ids.size() + " candidates read, " + selection.matches() + " matched");
        return Optional.of(new Selected(selection.result(), selection.matches()));
    }

    private Optional<Selected> sortedWindow(StoreIndexes current, IndexUse use, long offset, long limit) {
        Sort sort = use.sortWhenUnfiltered();
        if (sort == null || sort.isUnsorted() || sort.toList().size() != 1) {
            explain(use.query(), "scanned every object (no condition or single sort key on an indexed property)");
            return Optional.empty();
        }
        Sort.Order by = sort.toList().get(0);
        String path = String.join(".", paths.ofSortKey(type, by.getProperty()));
        if (!indexedPaths.contains(path) || by.isIgnoreCase() || by.getNullHandling() != Sort.NullHandling.NATIVE) {
            explain(use.query(), "scanned every object (sort on '" + path + "' is not an index's plain order)");
            return Optional.empty();
        }
        Optional<IndexedView> view = current.current();
        if (view.isEmpty()) {
            explain(use.query(), "scanned every object: index '" + path + "' is not current (" + current.state() + ")");
            return Optional.empty();
        }
        int size = limit < 0 ? Integer.MAX_VALUE : (int) Math.min(limit, Integer.MAX_VALUE);
        List<IndexEntry> window = view.get().window(path, by.isDescending(), offset, size);
        List<@Nullable ObjectNode> read =
                readAll(window.stream().map(IndexEntry::id).toList());
        List<ObjectNode> content = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) {
            ObjectNode node = read.get(i);
            // An object changed or deleted since the walk would be misplaced in the page: the scan decides then.
            if (node == null || !view.get().stillIndexedAs(path, window.get(i), node)) {
                explain(use.query(), "scanned every object: '" + window.get(i).id() + "' changed during the query");
                return Optional.empty();
            }
            content.add(node);
        }
        long total = view.get().size(path);
        if (!view.get().isStillValid()) {
            explain(use.query(), "scanned every object: index '" + path + "' was reset during the query");
            return Optional.empty();
        }
        explain(
                use.query(),
                "used the order of index '" + path + "': " + content.size() + " objects read at offset " + offset
                        + " of " + total);
        return Optional.of(new Selected(content, total));
    }

    /** Reads objects by id, in parallel when there are many; null where one is gone or unreadable. */
    private List<@Nullable ObjectNode> readAll(List<String> ids) {
        try {
            // A page's few objects come from the read cache faster than threads could be handed them.
            Stream<String> stream = ids.size() > 256 ? ids.parallelStream() : ids.stream();
            return stream.map(this::readLive).toList();
        } catch (StoreException e) {
            throw translate("read", e.id().orElse(null), e);
        }
    }

    private void explain(String query, String how) {
        if (log.isDebugEnabled()) {
            log.debug("Query " + query + " on collection '" + collection + "' " + how);
        }
    }

    /**
     * Reads the live objects in batches, each read in parallel, and hands the matches to {@code sink} in the
     * calling thread. Memory stays bounded by one batch; an object whose winning revision is corrupt is skipped
     * with a warning, as the store's own scans do.
     */
    private void scan(Predicate<? super ObjectNode> filter, Consumer<ObjectNode> sink) {
        try (Stream<String> ids = store.streamIds()) {
            Iterator<String> next = ids.iterator();
            List<String> batch = new ArrayList<>(SCAN_BATCH);
            while (next.hasNext()) {
                batch.add(next.next());
                if (batch.size() == SCAN_BATCH || !next.hasNext()) {
                    List<ObjectNode> matches = batch.parallelStream()
                            .map(this::readLive)
                            .filter(Objects::nonNull)
                            .filter(filter)
                            .toList();
                    matches.forEach(sink);
                    batch.clear();
                }
            }
        } catch (StoreException e) {
            throw translate("scan", e.id().orElse(null), e);
        }
    }

    private @Nullable ObjectNode readLive(String id) {
        try {
            return store.findObject(id).orElse(null);
        } catch (CorruptRevisionException e) {
            log.warn("Skipped object '" + id + "' of collection '" + collection + "' in a query: " + e.getMessage());
            return null;
        } catch (InvalidIdException e) {
            // A directory whose name is no encoded id is not an object; the store's own scans skip it too.
            return null;
        }
    }

    private Predicate<JsonNode> criteria(Example<?> example) {
        requireArgument(example, "example");
        ObjectNode probe = toNode(example.getProbe());
        return ExampleCriteria.of(
                probe, example.getMatcher(), value -> mapper.treeToValue(value, Object.class), this::toJson);
    }

    // ---- saving --------------------------------------------------------------------------------------------

    private <S extends T> S doSave(S object) {
        ObjectNode plain = toNode(object);
        String id = idOf(plain);
        String rev = revisionOf(plain, id);
        AuditingHandler auditing = options.auditing().get();
        S audited = auditing == null ? object : audited(auditing, object, rev == null);
        // Auditing may change the object in place, so it is written again even when the same instance comes back.
        ObjectNode node = auditing == null ? plain : toNode(audited);
        try {
            if (rev == null) {
                node.remove(REV);
                return toObject(store.createObject(node), type(audited));
            }
            keepUnknownFields(node, audited.getClass(), () -> winnerIfAt(id, rev));
            return toObject(store.updateObjectIfCurrent(node), type(audited));
        } catch (ObjectNotFoundException absent) {
            throw new OptimisticLockingFailureException(
                    "Could not update object '" + id + "' in collection '" + collection + "': it does not exist (or"
                            + " was deleted), so revision " + rev + " is stale; insert it without a _rev",
                    absent);
        } catch (StoreException e) {
            throw translate(rev == null ? "insert" : "update", id, e);
        }
    }

    private <S> S audited(S object, boolean isNew) {
        AuditingHandler auditing = options.auditing().get();
        return auditing == null ? object : audited(auditing, object, isNew);
    }

    private static <S> S audited(AuditingHandler auditing, S object, boolean isNew) {
        return isNew ? auditing.markCreated(object) : auditing.markModified(object);
    }

    /**
     * Copies into {@code node} the fields of the stored revision it is based on that its type does not map, so that
     * a read-modify-save never removes what another writer (another program, a newer version of this one) added.
     */
    private void keepUnknownFields(ObjectNode node, Class<?> savedType, Supplier<@Nullable ObjectNode> stored) {
        if (!keepUnknownFields || paths.isOpen(savedType)) {
            return;
        }
        ObjectNode base = stored.get();
        if (base == null) {
            return;
        }
        Set<String> mapped = paths.jsonNames(savedType);
        for (Map.Entry<String, JsonNode> field : base.properties()) {
            String name = field.getKey();
            if (!mapped.contains(name)
                    && !node.has(name)
                    && !name.equals(ID)
                    && !name.equals(REV)
                    && !name.equals(DELETED)) {
                node.set(name, field.getValue());
            }
        }
    }

    /** The winning revision of an object if it is {@code rev} (else a strict write is stale anyway). */
    private @Nullable ObjectNode winnerIfAt(String id, String rev) {
        try {
            return store.findObject(id)
                    .filter(winner -> rev.equals(text(winner, REV)))
                    .orElse(null);
        } catch (StoreException e) {
            throw translate("read", id, e);
        }
    }

    private @Nullable ObjectNode revisionOrNull(String id, String rev) {
        try {
            return store.getRevision(id, rev);
        } catch (ObjectNotFoundException | InvalidIdException gone) {
            return null;
        } catch (StoreException e) {
            throw translate("read", id, e);
        }
    }

    // ---- deleting ------------------------------------------------------------------------------------------

    private void doDelete(T object) {
        ObjectNode node = toNode(object);
        String id = idOf(node);
        String rev = revisionOf(node, id);
        if (rev == null) {
            deleteIfPresent(id);
        } else {
            deleteStrictly(id, rev);
        }
    }

    private void deleteStrictly(String id, String rev) {
        // A strict delete is a strict update to a tombstone: the check that rev still wins and the write of
        // the tombstone happen atomically under the core's object lock, which a read-then-delete would not.
        ObjectNode tombstone = mapper.createObjectNode();
        tombstone.put(ID, id);
        tombstone.put(REV, rev);
        tombstone.put(DELETED, true);
        try {
            store.updateObjectIfCurrent(tombstone);
        } catch (ObjectNotFoundException absent) {
            // Spring Data's contract: an entity assumed present (it has a version) that does not exist is a
            // failure of optimistic locking.
            throw new OptimisticLockingFailureException(
                    "Could not delete object '" + id + "' at revision " + rev + " in collection '" + collection
                            + "': it does not exist (or was already deleted)",
                    absent);
        } catch (StoreException e) {
            throw translate("delete", id, e);
        }
    }

    private void deleteIfPresent(String id) {
        try {
            store.deleteObject(id);
        } catch (ObjectNotFoundException absent) {
            // Deleting an absent id is ignored, as Spring Data's CrudRepository.deleteById does.
        } catch (StoreException e) {
            throw translate("delete", id, e);
        }
    }

    // ---- mapping -------------------------------------------------------------------------------------------

    /** Runs the call inside an observation, so a timer records it and, with tracing on, a span covers it. */
    private <R> R timed(String operation, @Nullable Object id, Supplier<R> call) {
        StoreOperationContext context =
                new StoreOperationContext(collection, operation, id instanceof String text ? text : null);
        Observation observation = Observation.createNotStarted(
                        convention, DefaultStoreOperationObservationConvention.INSTANCE, () -> context, observations)
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            return call.get();
        } catch (RuntimeException | Error e) {
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    private ObjectNode toNode(@Nullable Object object) {
        requireArgument(object, "object");
        JsonNode node;
        try {
            node = mapper.valueToTree(object);
        } catch (JacksonException e) {
            throw new TypeMismatchDataAccessException(
                    "Could not convert " + object.getClass().getName() + " to JSON for collection '" + collection
                            + "': " + e.getOriginalMessage(),
                    e);
        }
        if (!(node instanceof ObjectNode objectNode)) {
            throw new InvalidDataAccessApiUsageException(
                    "A " + object.getClass().getName() + " maps to JSON " + node.getNodeType() + ", but collection '"
                            + collection + "' stores JSON objects only");
        }
        return objectNode;
    }

    private String idOf(ObjectNode node) {
        JsonNode id = node.get(ID);
        if (id == null || !id.isString() || id.stringValue().isEmpty()) {
            throw new InvalidDataAccessApiUsageException("Cannot store a " + type.getName() + " in collection '"
                    + collection + "' without an id: its JSON property " + ID + " is "
                    + (id == null ? "missing" : id.toString())
                    + "; map a String field to it, e.g. @JsonProperty(\"_id\") String id, or @Id String id");
        }
        return id.stringValue();
    }

    private @Nullable String revisionOf(ObjectNode node, String id) {
        JsonNode rev = node.get(REV);
        if (rev == null || rev.isNull() || (rev.isString() && rev.stringValue().isEmpty())) {
            return null;
        }
        if (!rev.isString()) {
            throw new InvalidDataAccessApiUsageException("Object '" + id + "' of collection '" + collection + "' has a "
                    + REV + " that is not a string: " + rev);
        }
        return rev.stringValue();
    }

    <R> R toObject(ObjectNode node, Class<R> target) {
        try {
            return mapper.treeToValue(node, target);
        } catch (JacksonException e) {
            throw new UnmappableObjectException(
                    collection, text(node, ID), text(node, REV), target, e.getOriginalMessage(), e);
        }
    }

    private static @Nullable String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    @SuppressWarnings("unchecked")
    private static <S> Class<S> type(S object) {
        return (Class<S>) object.getClass();
    }

    static void requireArgument(@Nullable Object value, String name) {
        if (value == null) {
            throw new InvalidDataAccessApiUsageException(name + " must not be null");
        }
    }

    private DataAccessException translate(String action, @Nullable String id, StoreException e) {
        String message = "Could not " + action + (id == null ? "" : " object '" + id + "'") + " in collection '"
                + collection + "': " + e.getMessage();
        if (e instanceof ObjectAlreadyExistsException) {
            return new DuplicateKeyException(message, e);
        }
        if (e instanceof StaleRevisionException) {
            return new OptimisticLockingFailureException(message, e);
        }
        if (e instanceof ObjectNotFoundException) {
            return new EmptyResultDataAccessException(message, 1, e);
        }
        if (e instanceof InvalidIdException) {
            return new InvalidDataAccessApiUsageException(message, e);
        }
        if (e instanceof CorruptRevisionException) {
            return new DataIntegrityViolationException(message, e);
        }
        if (e instanceof ObjectTooLargeException tooLarge) {
            return new ObjectTooLargeDataAccessException(message, tooLarge.size(), tooLarge.limit(), e);
        }
        if (e instanceof DiskFullException) {
            return new StoreFullDataAccessException(message, e);
        }
        if (e instanceof FileSystemReadOnlyException) {
            return new StoreReadOnlyDataAccessException(message, e);
        }
        if (e instanceof StoreIOException) {
            return new DataAccessResourceFailureException(message, e);
        }
        return new UncategorizedStoreAccessException(message, e);
    }

    /** Translates the store's exceptions raised while a stream advances, so streams fail like the other methods. */
    private final class TranslatingSpliterator implements Spliterator<ObjectNode> {

        private final Spliterator<ObjectNode> delegate;

        TranslatingSpliterator(Spliterator<ObjectNode> delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean tryAdvance(Consumer<? super ObjectNode> action) {
            try {
                return delegate.tryAdvance(action);
            } catch (StoreException e) {
                throw translate("stream objects", e.id().orElse(null), e);
            }
        }

        @Override
        public @Nullable Spliterator<ObjectNode> trySplit() {
            return null;
        }

        @Override
        public long estimateSize() {
            return delegate.estimateSize();
        }

        @Override
        public int characteristics() {
            return delegate.characteristics() & ~(Spliterator.SIZED | Spliterator.SUBSIZED);
        }
    }
}
