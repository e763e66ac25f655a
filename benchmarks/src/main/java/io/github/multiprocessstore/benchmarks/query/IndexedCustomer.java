package io.github.multiprocessstore.benchmarks.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.repository.Indexed;
import io.github.multiprocessstore.repository.StoredObject;
import java.util.List;

/** The benchmark's document ({@code Documents}) as a Java type with {@code email} and {@code name} indexed. */
@StoredObject(collection = "customers")
public record IndexedCustomer(
        @JsonProperty("_id") String id,
        @JsonProperty("_rev") String rev,
        @Indexed String name,
        @Indexed String email,
        long counter,
        String tier,
        int score,
        List<String> tags,
        Customer.Address address,
        String notes) {}
