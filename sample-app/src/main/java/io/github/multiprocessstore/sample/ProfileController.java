package io.github.multiprocessstore.sample;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.node.ObjectNode;

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
 *
 * <p>Profiles are open objects: POST and PUT store the body as sent, extra fields included (PUT replaces the whole
 * document), after {@link ProfileBodies} checked it. {@code GET /profiles} answers the array of every live profile;
 * with any of {@code page}, {@code size}, {@code sort}, {@code email}, {@code displayName} it answers one page in
 * Spring Data's shape, {@code {"content": [...], "page": {"size", "number", "totalElements", "totalPages"}}}.
 */
@RestController
@RequestMapping("/profiles")
class ProfileController {

    /** The largest page a client may ask for. */
    static final int MAX_PAGE_SIZE = 1000;

    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final Set<String> PAGE_PARAMETERS = Set.of("page", "size", "sort", "email", "displayName");
    private static final List<String> SORTABLE = List.of("_id", "email", "displayName");

    private final ProfileRepository profiles;
    private final ProfileBodies bodies;

    ProfileController(ProfileRepository profiles, ProfileBodies bodies) {
        this.profiles = profiles;
        this.bodies = bodies;
    }

    @GetMapping
    Object list(@RequestParam MultiValueMap<String, String> query) {
        if (query.keySet().stream().noneMatch(PAGE_PARAMETERS::contains)) {
            return profiles.findAll();
        }
        Pageable pageable = PageRequest.of(
                number(query, "page", 0, 0, Integer.MAX_VALUE),
                number(query, "size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
                sort(query.getOrDefault("sort", List.of())));
        String email = query.getFirst("email");
        String displayName = query.getFirst("displayName");
        Page<Profile> page;
        if (email != null && displayName != null) {
            page = profiles.findByEmailAndDisplayName(email, displayName, pageable);
        } else if (email != null) {
            page = profiles.findByEmail(email, pageable);
        } else if (displayName != null) {
            page = profiles.findByDisplayName(displayName, pageable);
        } else {
            page = profiles.findAll(pageable);
        }
        return new PagedModel<>(page);
    }

    private static int number(MultiValueMap<String, String> query, String name, int fallback, int min, int max) {
        String value = query.getFirst(name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Answered below, like a number out of range.
        }
        throw new BadProfileRequestException(
                "Invalid paging parameter",
                "'" + name + "' must be a whole number from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max)
                        + ", not '" + value + "'");
    }

    private static Sort sort(List<String> values) {
        List<Sort.Order> orders = new ArrayList<>();
        for (String value : values) {
            String[] parts = value.split(",", -1);
            String field = parts[0].strip();
            if (!SORTABLE.contains(field)) {
                throw new BadProfileRequestException(
                        "Invalid sort field",
                        "Cannot sort by '" + field + "': sort by one of " + SORTABLE
                                + ", optionally followed by ',asc' or ',desc'");
            }
            String direction = parts.length > 1 ? parts[1].strip().toLowerCase(Locale.ROOT) : "asc";
            if (parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
                throw new BadProfileRequestException(
                        "Invalid sort direction",
                        "'" + value + "' must be a field, optionally followed by ',asc' or ',desc'");
            }
            orders.add(direction.equals("desc") ? Sort.Order.desc(field) : Sort.Order.asc(field));
        }
        return Sort.by(orders);
    }

    @PostMapping
    ResponseEntity<Profile> create(@RequestBody ObjectNode body) {
        Profile profile = bodies.read(body);
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
            @RequestBody ObjectNode json) {
        ProfileIds.requireValid(id);
        Profile body = bodies.read(json);
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
        // Spring Data's save of a versioned object that does not exist fails as stale (412); for this API an
        // absent or deleted profile is a 404, with or without If-Match.
        if (!profiles.existsById(profile.id())) {
            throw new ProfileNotFoundException(profile.id());
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
