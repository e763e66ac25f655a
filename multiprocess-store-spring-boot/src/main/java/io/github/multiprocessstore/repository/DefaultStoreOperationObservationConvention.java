package io.github.multiprocessstore.repository;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default names and tags of repository observations: the observation (and the timer Micrometer derives from
 * it) is {@code multiprocess.store.operations}, with the low-cardinality tags {@code collection}, {@code operation}
 * (the repository method), {@code outcome} ({@code SUCCESS} or {@code ERROR}) and {@code exception} (the simple
 * class name of the exception thrown, or {@code none}); the id, when the operation has one, is a high-cardinality
 * value only (on the trace span, never on the timer).
 */
public class DefaultStoreOperationObservationConvention implements StoreOperationObservationConvention {

    /** The observation's and the timer's name. */
    public static final String NAME = "multiprocess.store.operations";

    /** A shared instance. */
    public static final DefaultStoreOperationObservationConvention INSTANCE =
            new DefaultStoreOperationObservationConvention();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(StoreOperationContext context) {
        return context.getCollection() + " " + context.getOperation();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(StoreOperationContext context) {
        Throwable error = context.getError();
        return KeyValues.of(
                KeyValue.of("collection", context.getCollection()),
                KeyValue.of("operation", context.getOperation()),
                KeyValue.of("outcome", error == null ? "SUCCESS" : "ERROR"),
                KeyValue.of(
                        "exception", error == null ? "none" : error.getClass().getSimpleName()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(StoreOperationContext context) {
        String id = context.getId();
        return id == null ? KeyValues.empty() : KeyValues.of("id", id);
    }
}
