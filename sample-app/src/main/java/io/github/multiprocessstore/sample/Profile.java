package io.github.multiprocessstore.sample;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.repository.StoredObject;

/**
 * A user profile, stored as one object of the collection {@code profiles}: on disk under
 * {@code <multiprocess.store.path>/profiles/<id>/<rev>}, in JSON as
 * {@code {"_id":"alice","_rev":"0-…","email":"alice@example.com","displayName":"Alice"}}.
 *
 * @param id          the profile's id, JSON {@code _id}; also its directory name
 * @param rev         the revision it was read at, JSON {@code _rev}; {@code null} before it is first stored
 * @param email       the e-mail address
 * @param displayName the name to show
 */
@StoredObject(collection = "profiles")
public record Profile(
        @JsonProperty("_id") String id,
        @JsonProperty("_rev") String rev,
        String email,
        String displayName) {

    /**
     * This profile with another id.
     *
     * @param newId the id
     * @return a copy with {@code newId}
     */
    public Profile withId(String newId) {
        return new Profile(newId, rev, email, displayName);
    }

    /**
     * This profile based on another revision.
     *
     * @param newRev the revision, or {@code null} for none
     * @return a copy with {@code newRev}
     */
    public Profile withRev(String newRev) {
        return new Profile(id, newRev, email, displayName);
    }
}
