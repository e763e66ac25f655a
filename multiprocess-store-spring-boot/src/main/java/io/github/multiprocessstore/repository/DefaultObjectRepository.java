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
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TypeMismatchDataAccessException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link ObjectRepository} over one collection's {@link ObjectStore}: maps with Jackson, delegates to the store,
 * translates the store's exceptions and observes each call ({@link StoreOperationContext}).
 */
final class DefaultObjectRepository<T> implements ObjectRepository<T> {

    static final String ID = "_id";
    static final String REV = "_rev";
    private static final String DELETED = "_deleted";

    private final Class<T> type;
    private final String collection;
    private final ObjectStore store;
    private final JsonMapper mapper;
    private final ObservationRegistry observations;
    private final @Nullable StoreOperationObservationConvention convention;

    DefaultObjectRepository(
            Class<T> type,
            String collection,
            ObjectStore store,
            JsonMapper mapper,
            ObservationRegistry observations,
            @Nullable StoreOperationObservationConvention convention) {
        this.type = Objects.requireNonNull(type, "type must not be null");
        this.collection = Objects.requireNonNull(collection, "collection must not be null");
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.mapper = Objects.requireNonNull(mapper, "mapper must not be null");
        this.observations = Objects.requireNonNull(observations, "observations must not be null");
        this.convention = convention;
    }

    @Override
    public <S extends T> S save(S object) {
        return timed("save", () -> doSave(object));
    }

    @Override
    public <S extends T> List<S> saveAll(Iterable<S> objects) {
        return timed("saveAll", () -> {
            requireArgument(objects, "objects");
            List<S> saved = new ArrayList<>();
            for (S object : objects) {
                saved.add(doSave(object));
            }
            return saved;
        });
    }

    @Override
    public T updateAllowingConflict(T object) {
        return timed("updateAllowingConflict", () -> {
            ObjectNode node = toNode(object);
            String id = idOf(node);
            try {
                return toObject(store.updateObject(node), type(object), id);
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
                            T changed = change.apply(toObject(current, type, id));
                            if (changed == null) {
                                throw new InvalidDataAccessApiUsageException(
                                        "The change function for object '" + id + "' of collection '" + collection
                                                + "' returned null; return the changed object");
                            }
                            return toNode(changed);
                        }),
                        type,
                        id);
            } catch (StoreException e) {
                throw translate("update", id, e);
            }
        });
    }

    @Override
    public Optional<T> findById(String id) {
        return timed("findById", id, () -> {
            requireArgument(id, "id");
            try {
                return store.findObject(id).map(node -> toObject(node, type, id));
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
            try {
                return store.getAllObjects().stream()
                        .map(node -> toObject(node, type, idIn(node)))
                        .toList();
            } catch (StoreException e) {
                throw translate("read all objects", null, e);
            }
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
                    store.findObject(id).ifPresent(node -> found.add(toObject(node, type, id)));
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
            ObjectNode node = toNode(object);
            String id = idOf(node);
            String rev = revisionOf(node, id);
            if (rev == null) {
                deleteIfPresent(id);
                return null;
            }
            // A strict delete is a strict update to a tombstone: the check that rev still wins and the write of
            // the tombstone happen atomically under the core's object lock, which a read-then-delete would not.
            ObjectNode tombstone = mapper.createObjectNode();
            tombstone.put(ID, id);
            tombstone.put(REV, rev);
            tombstone.put(DELETED, true);
            try {
                store.updateObjectIfCurrent(tombstone);
            } catch (ObjectNotFoundException absent) {
                // Deleting what is already gone is not an error (Spring Data's CrudRepository.delete contract).
                return null;
            } catch (StoreException e) {
                throw translate("delete", id, e);
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
                .map(node -> toObject(node, type, idIn(node)));
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
                return toObject(store.resolveConflict(id, winningRevision), type, id);
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
            try {
                return toObject(store.resolveConflict(node), type(merged), id);
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

    private <S extends T> S doSave(S object) {
        ObjectNode node = toNode(object);
        String id = idOf(node);
        String rev = revisionOf(node, id);
        try {
            if (rev == null) {
                node.remove(REV);
                return toObject(store.createObject(node), type(object), id);
            }
            return toObject(store.updateObjectIfCurrent(node), type(object), id);
        } catch (StoreException e) {
            throw translate(rev == null ? "insert" : "update", id, e);
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

    private <R> R timed(String operation, Supplier<R> call) {
        return timed(operation, null, call);
    }

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
                    + "; map a String field to it, e.g. @JsonProperty(\"_id\") String id");
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

    private <R> R toObject(ObjectNode node, Class<R> target, @Nullable String id) {
        try {
            return mapper.treeToValue(node, target);
        } catch (JacksonException e) {
            throw new TypeMismatchDataAccessException(
                    "Could not map object '" + id + "' of collection '" + collection + "' to " + target.getName() + ": "
                            + e.getOriginalMessage(),
                    e);
        }
    }

    private static @Nullable String idIn(ObjectNode node) {
        JsonNode id = node.get(ID);
        return id != null && id.isString() ? id.stringValue() : null;
    }

    @SuppressWarnings("unchecked")
    private static <S> Class<S> type(S object) {
        return (Class<S>) object.getClass();
    }

    private static void requireArgument(@Nullable Object value, String name) {
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
