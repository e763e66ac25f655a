package io.github.multiprocessstore.readme;

import io.github.multiprocessstore.repository.ObjectRepository;
import org.springframework.stereotype.Service;

@Service
public class ProfileService {

    private final ObjectRepository<Profile> profiles;

    public ProfileService(ObjectRepository<Profile> profiles) {
        this.profiles = profiles;
    }

    public Profile register(String id, String email) {
        // Without a _rev, save inserts: DuplicateKeyException if a live profile has this id.
        return profiles.save(new Profile(id, null, email, 0));
    }

    public Profile changeEmail(String id, String email) {
        Profile current = profiles.findById(id).orElseThrow();
        // With a _rev, save is strict: OptimisticLockingFailureException if another thread or process changed the
        // profile since we read it.
        return profiles.save(current.withEmail(email));
    }

    public Profile countVisit(String id) {
        // Read-modify-write under the object's lock, across processes: never stale, no retry loop.
        return profiles.update(id, profile -> profile.withVisits(profile.visits() + 1));
    }
}
