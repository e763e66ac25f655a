package io.github.multiprocessstore.autoconfigure.scan;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.repository.StoredObject;

/** Stored in the default collection, {@code customer}. */
@StoredObject
public record Customer(
        @JsonProperty("_id") String id,
        @JsonProperty("_rev") String rev,
        String name) {}
