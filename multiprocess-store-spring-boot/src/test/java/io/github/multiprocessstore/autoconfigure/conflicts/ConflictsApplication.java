package io.github.multiprocessstore.autoconfigure.conflicts;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.conflicts.ConflictPolicy;
import io.github.multiprocessstore.repository.StoredObject;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** This package as the application's, with one stored type per policy. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class ConflictsApplication {

    /** A user manager's accounts: conflicts are reported (the default). */
    @StoredObject(collection = "accounts")
    public record Account(
            @JsonProperty("_id") String id,
            @JsonProperty("_rev") String rev,
            String email,
            String name) {}

    /** A colour generator's colours: conflicts are ignored. */
    @StoredObject(collection = "colours", conflicts = ConflictPolicy.IGNORE)
    public record Colour(
            @JsonProperty("_id") String id,
            @JsonProperty("_rev") String rev,
            String rgb) {}

    /** A wiki's pages: conflicts are resolved where possible. */
    @StoredObject(collection = "pages", conflicts = ConflictPolicy.RESOLVE)
    public record Page(
            @JsonProperty("_id") String id,
            @JsonProperty("_rev") String rev,
            String text) {}
}
