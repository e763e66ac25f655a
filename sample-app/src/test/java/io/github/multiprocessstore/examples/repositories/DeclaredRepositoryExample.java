package io.github.multiprocessstore.examples.repositories;

import io.github.multiprocessstore.repository.ObjectRepository;
import io.github.multiprocessstore.repository.StoredObject;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

record Address(String street, String city) {}

@StoredObject(collection = "profiles") // <root>/profiles/<id>/<rev>
record Profile(@Id String id, @Version String rev, String email, String displayName, Address address) {}

// Found in the application's packages and implemented by the starter: no annotation needed.
interface ProfileRepository extends ObjectRepository<Profile> {
    List<Profile> findByEmail(String email); // derived from the name

    Page<Profile> findByAddressCity(String city, Pageable pageable); // nested property, paged

    Optional<Profile> findFirstByDisplayNameStartingWithIgnoreCase(String prefix, Sort sort);

    long countByAddressCity(String city);
}

@Service
class ProfileService {
    private final ProfileRepository profiles;

    ProfileService(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    Page<Profile> inCity(String city, int page) {
        // Sort keys are JSON property names; ties are ordered by _id, so pages never overlap.
        return profiles.findByAddressCity(city, PageRequest.of(page, 20, Sort.by("displayName")));
    }

    Profile changeEmail(String id, String email) {
        Profile current = profiles.findById(id).orElseThrow();
        // OptimisticLockingFailureException if another thread or process changed it since we read it
        return profiles.save(new Profile(id, current.rev(), email, current.displayName(), current.address()));
    }
}
