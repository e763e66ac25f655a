package io.github.multiprocessstore.readme;

import com.fasterxml.jackson.annotation.JsonProperty; // Jackson 3 keeps Jackson 2's annotation package
import io.github.multiprocessstore.repository.StoredObject;

@StoredObject(collection = "profiles") // stored in <multiprocess.store.path>/profiles/<id>/<rev>
public record Profile(
        @JsonProperty("_id") String id,
        @JsonProperty("_rev") String rev,
        String email,
        int visits) {

    public Profile withEmail(String newEmail) {
        return new Profile(id, rev, newEmail, visits);
    }

    public Profile withVisits(int newVisits) {
        return new Profile(id, rev, email, newVisits);
    }
}
