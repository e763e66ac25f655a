package io.github.multiprocessstore.repository;

import io.github.multiprocessstore.InvalidIdException;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreException;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.repository.mapping.SpringDataAnnotations;
import io.github.multiprocessstore.repository.query.JsonPropertyPaths;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.ValueExpressionDelegate;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates {@link ObjectRepository} instances over the collections of a {@link StoreRoot}, and is Spring Data's
 * repository factory for interfaces that extend {@code ObjectRepository<T>} ({@link #getRepository(Class)}), with
 * their derived query methods. The starter registers one as a bean and uses it for the repositories of
 * {@code @StoredObject} classes and of declared repository interfaces; inject it to create repositories for classes
 * outside the scanned packages, or for a second collection of the same type.
 *
 * <p>{@link #create(Class)} is thread-safe. Repositories of one collection share that collection's store, and the
 * repositories of this factory and of those made from it ({@link #ObjectRepositoryFactory(ObjectRepositoryFactory)})
 * share its {@link Indexed} indexes, built on first use; so creating several for one collection is cheap and safe.
 */
public final class ObjectRepositoryFactory extends RepositoryFactorySupport {

    private final StoreRoot root;
    private final JsonMapper mapper;
    private final JsonMapper storeMapper;
    private final JsonPropertyPaths paths;
    private final ObservationRegistry observations;
    private final @Nullable StoreOperationObservationConvention convention;
    private final RepositoryOptions options;
    /** Shared with the factories made from this one, so that each collection's indexes are built once. */
    private final RepositoryIndexes indexes;

    /**
     * Creates a factory whose repositories are not observed.
     *
     * @param root   the store's root directory of collections
     * @param mapper the mapper between objects and JSON
     */
    public ObjectRepositoryFactory(StoreRoot root, JsonMapper mapper) {
        this(root, mapper, ObservationRegistry.NOOP, null);
    }

    /**
     * Creates a factory whose repositories observe every operation ({@code multiprocess.store.operations}).
     *
     * @param root         the store's root directory of collections
     * @param mapper       the mapper between objects and JSON
     * @param observations where observations go (with Micrometer's meter handler, a timer per operation)
     * @param convention   the names and tags to use, or null for {@link DefaultStoreOperationObservationConvention}
     */
    public ObjectRepositoryFactory(
            StoreRoot root,
            JsonMapper mapper,
            ObservationRegistry observations,
            @Nullable StoreOperationObservationConvention convention) {
        this(root, mapper, observations, convention, RepositoryOptions.defaults());
    }

    /**
     * Creates a factory whose repositories are observed and follow the given options.
     *
     * @param root         the store's root directory of collections
     * @param mapper       the mapper between objects and JSON (Spring Data's {@code @Id}/{@code @Version} are added)
     * @param observations where observations go (with Micrometer's meter handler, a timer per operation)
     * @param convention   the names and tags to use, or null for {@link DefaultStoreOperationObservationConvention}
     * @param options      unmappable objects, auditing, domain events
     */
    public ObjectRepositoryFactory(
            StoreRoot root,
            JsonMapper mapper,
            ObservationRegistry observations,
            @Nullable StoreOperationObservationConvention convention,
            RepositoryOptions options) {
        this.root = Objects.requireNonNull(root, "root must not be null");
        this.mapper = Objects.requireNonNull(mapper, "mapper must not be null");
        this.storeMapper = SpringDataAnnotations.applyTo(mapper);
        this.paths = new JsonPropertyPaths(storeMapper);
        this.observations = Objects.requireNonNull(observations, "observations must not be null");
        this.convention = convention;
        this.options = Objects.requireNonNull(options, "options must not be null");
        this.indexes = new RepositoryIndexes();
    }

    /**
     * A factory with the same store, mapping and options as {@code template}: Spring Data's factory bean configures
     * one factory per declared repository interface.
     *
     * @param template the factory whose settings to share
     */
    public ObjectRepositoryFactory(ObjectRepositoryFactory template) {
        this.root = template.root;
        this.mapper = template.mapper;
        this.storeMapper = template.storeMapper;
        this.paths = template.paths;
        this.observations = template.observations;
        this.convention = template.convention;
        this.options = template.options;
        this.indexes = template.indexes;
    }

    /**
     * A repository of {@code type} in the collection named by its {@link StoredObject} annotation, or by
     * {@link #collectionName(Class)}'s default when it has none.
     *
     * @param type the stored type
     * @param <T>  the stored type
     * @return the repository
     * @throws InvalidDataAccessApiUsageException if the collection name is not a plain name
     * @throws DataAccessResourceFailureException if the collection's directory cannot be opened
     */
    public <T> ObjectRepository<T> create(Class<T> type) {
        return create(type, collectionName(type));
    }

    /**
     * A repository of {@code type} in the named collection.
     *
     * @param type       the stored type
     * @param collection the collection: letters, digits, {@code . _ @ -}, not starting with {@code .}
     * @param <T>        the stored type
     * @return the repository
     * @throws InvalidDataAccessApiUsageException if the collection name is not a plain name
     * @throws DataAccessResourceFailureException if the collection's directory cannot be opened
     */
    public <T> ObjectRepository<T> create(Class<T> type, String collection) {
        return createDefault(type, collection);
    }

    private <T> DefaultObjectRepository<T> createDefault(Class<T> type, String collection) {
        Objects.requireNonNull(type, "type must not be null");
        ObjectStore store;
        try {
            store = root.collection(collection);
        } catch (InvalidIdException e) {
            throw new InvalidDataAccessApiUsageException(
                    "Collection name '" + collection + "' for " + type.getName() + " is not usable: " + e.getMessage(),
                    e);
        } catch (StoreException e) {
            throw new DataAccessResourceFailureException(
                    "Could not open collection '" + collection + "' for " + type.getName() + ": " + e.getMessage(), e);
        }
        return new DefaultObjectRepository<>(
                type, collection, store, storeMapper, paths, observations, convention, options, indexes);
    }

    /**
     * The collection of a type: {@link StoredObject#collection()} if set, else the simple class name with a
     * lower-case first letter ({@code Profile} is stored in {@code profile}).
     *
     * @param type the stored type
     * @return the collection name
     */
    public static String collectionName(Class<?> type) {
        StoredObject annotation = type.getAnnotation(StoredObject.class);
        if (annotation != null && !annotation.collection().isEmpty()) {
            return annotation.collection();
        }
        return StringUtils.uncapitalize(type.getSimpleName());
    }

    @Override
    public EntityInformation<?, ?> getEntityInformation(RepositoryMetadata metadata) {
        return new StoredObjectInformation<>(metadata.getDomainType(), storeMapper);
    }

    @Override
    protected Object getTargetRepository(RepositoryInformation information) {
        return create(information.getDomainType());
    }

    @Override
    protected Class<?> getRepositoryBaseClass(RepositoryMetadata metadata) {
        return DefaultObjectRepository.class;
    }

    @Override
    protected void validate(RepositoryMetadata metadata) {
        if (metadata.getIdType() != String.class) {
            throw new InvalidDataAccessApiUsageException(
                    "Repository " + metadata.getRepositoryInterface().getName()
                            + " declares ids of type " + metadata.getIdType().getName()
                            + "; stored objects have String ids (their _id): extend ObjectRepository<"
                            + metadata.getDomainType().getSimpleName() + ">");
        }
    }

    @Override
    protected Optional<QueryLookupStrategy> getQueryLookupStrategy(
            QueryLookupStrategy.@Nullable Key key, ValueExpressionDelegate valueExpressionDelegate) {
        return Optional.of((method, metadata, projections, namedQueries) -> new DerivedObjectQuery(
                new QueryMethod(method, metadata, projections, null),
                createDefault(metadata.getDomainType(), collectionName(metadata.getDomainType()))));
    }

    /** The root directory of collections this factory creates repositories in. */
    public StoreRoot root() {
        return root;
    }
}
