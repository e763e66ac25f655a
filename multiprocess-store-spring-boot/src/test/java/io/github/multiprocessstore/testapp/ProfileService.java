package io.github.multiprocessstore.testapp;

import io.github.multiprocessstore.repository.ObjectRepository;
import org.springframework.stereotype.Service;

/** Receives two repositories by constructor injection, resolved by their type arguments. */
@Service
public class ProfileService {

    private final ObjectRepository<Profile> profiles;
    private final ObjectRepository<Note> notes;

    public ProfileService(ObjectRepository<Profile> profiles, ObjectRepository<Note> notes) {
        this.profiles = profiles;
        this.notes = notes;
    }

    public Profile register(String id, String email, String secret) {
        notes.save(new Note("registered-" + id, null, "registered " + email));
        return profiles.save(new Profile(id, null, email, secret));
    }
}
