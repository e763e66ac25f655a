package io.github.multiprocessstore.testapp;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.repository.StoredObject;

/** Stored in the collection {@code profile}; {@code secret} must never appear in actuator output. */
@StoredObject
public record Profile(
        @JsonProperty("_id") String id,
        @JsonProperty("_rev") String rev,
        String email,
        String secret) {}
