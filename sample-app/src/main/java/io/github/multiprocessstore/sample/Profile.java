package io.github.multiprocessstore.sample;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.repository.Indexed;
import io.github.multiprocessstore.repository.StoredObject;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user profile, stored as one object of the collection {@code profiles}: on disk under
 * {@code <multiprocess.store.path>/profiles/<id>/<rev>}, in JSON as
 * {@code {"_id":"alice","_rev":"0-…","email":"alice@example.com","displayName":"Alice"}}. Profiles are open
 * objects, as the original package treats them: every other field of the JSON (e.g. a {@code phone} written by a
 * Node.js program) is kept in {@link #other()} and written back as it was.
 *
 * @param id          the profile's id, JSON {@code _id}; also its directory name
 * @param rev         the revision it was read at, JSON {@code _rev}; {@code null} before it is first stored
 * @param email       the e-mail address, if any; indexed, so {@code GET /profiles?email=} reads only the matches
 * @param displayName the name to show, at most 200 characters; indexed, so pages sorted by it walk the index
 * @param other       every other field of the JSON, in the order read
 */
@StoredObject(collection = "profiles")
public record Profile(
        @JsonProperty("_id") String id,
        @JsonProperty("_rev") String rev,
        @Indexed @Email String email,
        @Indexed @Size(max = 200) String displayName,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> other) {

    /** The longest display name accepted. */
    static final int MAX_DISPLAY_NAME = 200;

    /** Keeps {@code other} non-null and unmodifiable from outside. */
    public Profile {
        other = other == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(other));
    }

    /**
     * A profile with no other fields.
     *
     * @param id          the id
     * @param rev         the revision, or {@code null}
     * @param email       the e-mail address
     * @param displayName the name to show
     */
    public Profile(String id, String rev, String email, String displayName) {
        this(id, rev, email, displayName, Map.of());
    }

    /**
     * This profile with another id.
     *
     * @param newId the id
     * @return a copy with {@code newId}
     */
    public Profile withId(String newId) {
        return new Profile(newId, rev, email, displayName, other);
    }

    /**
     * This profile based on another revision.
     *
     * @param newRev the revision, or {@code null} for none
     * @return a copy with {@code newRev}
     */
    public Profile withRev(String newRev) {
        return new Profile(id, newRev, email, displayName, other);
    }
}
