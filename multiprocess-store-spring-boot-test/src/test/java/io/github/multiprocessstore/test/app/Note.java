package io.github.multiprocessstore.test.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.repository.StoredObject;
import org.jspecify.annotations.Nullable;

/** A stored type of the test application. */
@StoredObject(collection = "notes")
public record Note(
        @JsonProperty("_id") String id,
        @JsonProperty("_rev") @Nullable String rev,
        String text) {}
