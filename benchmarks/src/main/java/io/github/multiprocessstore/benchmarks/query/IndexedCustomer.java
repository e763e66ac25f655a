package io.github.multiprocessstore.benchmarks.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.repository.Indexed;
import io.github.multiprocessstore.repository.StoredObject;
import java.util.List;

/**
 * The benchmark's document ({@code Documents}) as a Java type with {@code email} and the display name indexed; the
 * display name is the JSON property {@code name}, which the type calls {@code displayName} so that the sorted page
 * reads as issue 17 states it ({@code Sort.by("displayName")}).
 */
@StoredObject(collection = "customers")
public record IndexedCustomer(
        @JsonProperty("_id") String id,
        @JsonProperty("_rev") String rev,
        @Indexed @JsonProperty("name") String displayName,
        @Indexed String email,
        long counter,
        String tier,
        int score,
        List<String> tags,
        Customer.Address address,
        String notes) {}
