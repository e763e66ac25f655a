package io.github.multiprocessstore.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.repository.ObjectRepository;
import io.github.multiprocessstore.test.autoconfigure.MultiprocessStoreTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@MultiprocessStoreTest
class ProfileRepositoryTests {

    @Autowired
    ObjectRepository<Profile> profiles;

    @Test
    void savedProfilesAreFound() {
        Profile saved = profiles.save(new Profile("alice", null, "alice@example.com", 0));

        assertThat(profiles.findById("alice")).contains(saved);
    }
}
