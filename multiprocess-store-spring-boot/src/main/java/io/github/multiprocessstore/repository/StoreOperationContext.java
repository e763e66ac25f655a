package io.github.multiprocessstore.repository;

import io.micrometer.observation.Observation;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The context of one observed repository operation: which collection, which repository method, and the id it
 * works on when there is exactly one. The failure, if any, is the context's {@link #getError() error}.
 */
public final class StoreOperationContext extends Observation.Context {

    private final String collection;
    private final String operation;
    private final @Nullable String id;

    /**
     * @param collection the repository's collection
     * @param operation  the repository method, e.g. {@code save}, {@code findById}
     * @param id         the id the operation works on, or null when it works on none or several
     */
    public StoreOperationContext(String collection, String operation, @Nullable String id) {
        this.collection = Objects.requireNonNull(collection, "collection must not be null");
        this.operation = Objects.requireNonNull(operation, "operation must not be null");
        this.id = id;
    }

    /** The repository's collection. */
    public String getCollection() {
        return collection;
    }

    /** The repository method, e.g. {@code save}, {@code findById}. */
    public String getOperation() {
        return operation;
    }

    /** The id the operation works on, or null when it works on none or several. */
    public @Nullable String getId() {
        return id;
    }
}
