package io.github.multiprocessstore.repository;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A stored record: {@code _id} and {@code _rev} mapped to components. */
@StoredObject(collection = "profiles")
record Profile(
        @JsonProperty("_id") String id,
        @JsonProperty("_rev") String rev,
        String email,
        int visits) {

    static Profile of(String id, String email) {
        return new Profile(id, null, email, 0);
    }

    Profile withVisits(int visits) {
        return new Profile(id, rev, email, visits);
    }

    Profile withRev(String rev) {
        return new Profile(id, rev, email, visits);
    }
}
