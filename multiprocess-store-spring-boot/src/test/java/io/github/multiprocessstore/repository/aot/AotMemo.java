package io.github.multiprocessstore.repository.aot;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.repository.StoredObject;

/** A stored type without a declared repository. */
@StoredObject
public record AotMemo(
        @JsonProperty("_id") String id,
        @JsonProperty("_rev") String rev,
        String text) {}
