package io.github.multiprocessstore.repository.declared;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.repository.StoredObject;

/** A stored type without a declared repository: it keeps its zero-config {@code ObjectRepository<Memo>}. */
@StoredObject
public record Memo(
        @JsonProperty("_id") String id,
        @JsonProperty("_rev") String rev,
        String text) {}
