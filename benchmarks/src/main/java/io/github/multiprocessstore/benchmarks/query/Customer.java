package io.github.multiprocessstore.benchmarks.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.repository.StoredObject;
import java.util.List;

/** The benchmark's document ({@code Documents}) as a Java type. */
@StoredObject(collection = "customers")
public record Customer(
        @JsonProperty("_id") String id,
        @JsonProperty("_rev") String rev,
        String name,
        String email,
        long counter,
        String tier,
        int score,
        List<String> tags,
        Address address,
        String notes) {

    /** The nested address. */
    public record Address(String street, String city, String zip, String country) {}
}
