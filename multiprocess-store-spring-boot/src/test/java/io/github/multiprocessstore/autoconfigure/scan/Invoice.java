package io.github.multiprocessstore.autoconfigure.scan;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.repository.StoredObject;

/** Stored in a named collection. */
@StoredObject(collection = "invoices")
public record Invoice(
        @JsonProperty("_id") String id,
        @JsonProperty("_rev") String rev,
        long cents) {}
