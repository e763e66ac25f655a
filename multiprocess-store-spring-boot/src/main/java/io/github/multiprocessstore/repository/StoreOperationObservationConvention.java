package io.github.multiprocessstore.repository;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of repository operations. Declare a bean of this type to replace
 * {@link DefaultStoreOperationObservationConvention} (e.g. extend it to add a tag).
 */
public interface StoreOperationObservationConvention extends ObservationConvention<StoreOperationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof StoreOperationContext;
    }
}
