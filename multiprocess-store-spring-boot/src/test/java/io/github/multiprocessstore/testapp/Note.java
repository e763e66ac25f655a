package io.github.multiprocessstore.testapp;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.repository.StoredObject;

/** Stored in the collection {@code notes}. */
@StoredObject(collection = "notes")
public record Note(
        @JsonProperty("_id") String id,
        @JsonProperty("_rev") String rev,
        String text) {}
