package io.github.multiprocessstore.sample;

import io.github.multiprocessstore.repository.ObjectRepository;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The profile API. Every response that carries a profile also carries its revision as a quoted {@code ETag};
 * errors are {@code application/problem+json} (see {@link ProfileExceptionHandler}).
 *
 * <p>{@code PUT} has two modes. Without {@code If-Match} it is the original store's update: the new revision
 * follows the body's {@code _rev} and is never rejected for staleness, so two updates from one revision both
 * land and show up as a conflict. With {@code If-Match: "<rev>"} it is strict: it succeeds only while that
 * revision still wins (412 otherwise), atomically across processes. Either way the body may leave {@code _id}
 * out; a different {@code _id} is a 400, as is a body {@code _rev} that contradicts {@code If-Match}, and so is
 * a PUT with neither a {@code _rev} nor {@code If-Match} (the API never guesses which revision a change is
 * based on). A deleted profile is absent: GET, PUT, DELETE and {@code /conflicts} answer 404, and POST creates
 * it again.
 */
@RestController
@RequestMapping("/profiles")
class ProfileController {

    private final ObjectRepository<Profile> profiles;

    ProfileController(ObjectRepository<Profile> profiles) {
        this.profiles = profiles;
    }

    @GetMapping
    List<Profile> list() {
        return profiles.findAll();
    }

    @PostMapping
    ResponseEntity<Profile> create(@RequestBody Profile profile) {
        String id = ProfileIds.requireValid(profile.id());
        // Without a _rev, save() inserts; a _rev sent by the client would turn it into an update.
        Profile created = profiles.save(profile.withRev(null));
        URI location = UriComponentsBuilder.fromPath("/profiles/{id}")
                .buildAndExpand(id)
                .encode()
                .toUri();
        return ResponseEntity.created(location).eTag(created.rev()).body(created);
    }

    @GetMapping("/{id}")
    ResponseEntity<Profile> get(@PathVariable String id) {
        Profile profile =
                profiles.findById(ProfileIds.requireValid(id)).orElseThrow(() -> new ProfileNotFoundException(id));
        return ResponseEntity.ok().eTag(profile.rev()).body(profile);
    }

    @PutMapping("/{id}")
    ResponseEntity<Profile> update(
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Profile body) {
        ProfileIds.requireValid(id);
        if (body.id() != null && !body.id().equals(id)) {
            throw new BadProfileRequestException(
                    "Mismatched profile id",
                    "The body's _id '" + body.id() + "' differs from the id in the path '" + id
                            + "'; a profile's id cannot change");
        }
        Profile profile = body.withId(id);
        Profile saved = ifMatch == null ? updateAllowingConflict(profile) : updateIfCurrent(profile, ifMatch);
        return ResponseEntity.ok().eTag(saved.rev()).body(saved);
    }

    private Profile updateAllowingConflict(Profile profile) {
        if (profile.rev() == null || profile.rev().isBlank()) {
            throw new BadProfileRequestException(
                    "Missing revision",
                    "PUT needs the revision the change is based on: the '_rev' read with GET in the body, "
                            + "or an If-Match header holding it");
        }
        // The store's update would also write on top of a tombstone; for this API a deleted profile is gone.
        if (!profiles.existsById(profile.id())) {
            throw new ProfileNotFoundException(profile.id());
        }
        return profiles.updateAllowingConflict(profile);
    }

    private Profile updateIfCurrent(Profile profile, String ifMatch) {
        String expected = IfMatch.revision(ifMatch);
        if (profile.rev() != null && !profile.rev().equals(expected)) {
            throw new BadProfileRequestException(
                    "Contradictory revisions",
                    "The body's _rev '" + profile.rev() + "' differs from If-Match \"" + expected
                            + "\"; send one revision");
        }
        return profiles.save(profile.withRev(expected));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        requireExisting(id);
        profiles.deleteById(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/conflicts")
    List<List<String>> conflicts(@PathVariable String id) {
        requireExisting(id);
        return profiles.findConflicts(id);
    }

    private void requireExisting(String id) {
        if (!profiles.existsById(ProfileIds.requireValid(id))) {
            throw new ProfileNotFoundException(id);
        }
    }
}
