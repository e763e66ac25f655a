package io.github.multiprocessstore.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.multiprocessstore.repository.ObjectRepository;
import io.github.multiprocessstore.test.autoconfigure.MultiprocessStoreTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The profile repository alone, in the store slice: no web server, no controller, a temporary store emptied before
 * each test.
 */
@MultiprocessStoreTest
class ProfileRepositoryTests {

    @Autowired
    ObjectRepository<Profile> profiles;

    @Autowired
    ApplicationContext context;

    @Test
    void savedProfilesAreFoundWithTheirRevision() {
        Profile saved = profiles.save(new Profile("alice", null, "alice@example.com", "Alice"));

        assertThat(saved.rev()).matches("0-[0-9a-f]{32}");
        assertThat(profiles.findById("alice")).contains(saved);
        assertThat(profiles.count()).isEqualTo(1);
    }

    @Test
    void aStaleRevisionIsRejected() {
        Profile first = profiles.save(new Profile("bob", null, "bob@example.com", "Bob"));
        profiles.save(first.withId("bob"));

        assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(() -> profiles.save(first));
    }

    @Test
    void theSliceStartsNeitherTheControllerNorTheWebServer() {
        assertThat(context.getBeanNamesForType(ProfileController.class)).isEmpty();
        assertThat(context.getBeanNamesForType(WebServerConfiguration.class)).isEmpty();
        assertThat(profiles.count()).isZero();
    }
}
