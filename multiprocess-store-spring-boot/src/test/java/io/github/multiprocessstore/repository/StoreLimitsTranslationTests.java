package io.github.multiprocessstore.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.multiprocessstore.DiskFullException;
import io.github.multiprocessstore.FileSystemReadOnlyException;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.ObjectTooLargeException;
import io.github.multiprocessstore.StoreException;
import io.github.multiprocessstore.StoreRoot;
import io.micrometer.observation.ObservationRegistry;
import java.lang.reflect.Proxy;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessResourceFailureException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store's size limit, full disk and read-only file system reach a repository's caller as their own
 * {@code DataAccessException} subtypes, so that an application can answer each differently (413, 507, 503).
 */
class StoreLimitsTranslationTests {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TempDir
    Path root;

    private StoreRoot storeRoot;

    @AfterEach
    void close() {
        if (storeRoot != null) {
            storeRoot.close();
        }
    }

    @Test
    void anObjectOverTheMaximumSizeIsRefusedWithItsOwnExceptionNamingIdAndBothSizes() {
        storeRoot = StoreRoot.open(root, builder -> builder.durable(false).maxObjectSize(200));
        ObjectRepository<Profile> profiles =
                new ObjectRepositoryFactory(storeRoot, MAPPER, ObservationRegistry.NOOP, null).create(Profile.class);

        ObjectTooLargeDataAccessException e = catchThrowableOfType(
                ObjectTooLargeDataAccessException.class,
                () -> profiles.save(Profile.of("alice", "a".repeat(300) + "@example.com")));

        assertThat(e.getLimit()).isEqualTo(200);
        assertThat(e.getSize()).isGreaterThan(300);
        assertThat(e).hasMessageContaining("'alice'").hasMessageContaining("'profiles'");
        assertThat(e.getMessage()).contains(e.getSize() + " bytes", "200 bytes");
        assertThat(e).hasCauseInstanceOf(ObjectTooLargeException.class);
        assertThat(profiles.findById("alice")).isEmpty();
    }

    @Test
    void aFullDiskIsAResourceFailureOfItsOwnKindNamingTheStore() {
        Path store = root.resolve("profiles");
        ObjectRepository<Profile> profiles = repositoryOver(storeThrowing(new DiskFullException(
                "create", "alice", store, store, new FileSystemException("tmp", null, "No space left on device"))));

        assertThatThrownBy(() -> profiles.save(Profile.of("alice", "a@example.com")))
                .isInstanceOf(StoreFullDataAccessException.class)
                .isInstanceOf(DataAccessResourceFailureException.class)
                .hasMessageContaining("disk is full")
                .hasMessageContaining(store.toString());
    }

    @Test
    void aReadOnlyFileSystemIsAResourceFailureOfItsOwnKind() {
        Path store = root.resolve("profiles");
        ObjectRepository<Profile> profiles = repositoryOver(storeThrowing(new FileSystemReadOnlyException(
                "create", "alice", store, store, new FileSystemException("tmp", null, "Read-only file system"))));

        assertThatThrownBy(() -> profiles.save(Profile.of("alice", "a@example.com")))
                .isInstanceOf(StoreReadOnlyDataAccessException.class)
                .isInstanceOf(DataAccessResourceFailureException.class)
                .hasMessageContaining("read-only");
    }

    private static ObjectStore storeThrowing(StoreException failure) {
        return (ObjectStore) Proxy.newProxyInstance(
                ObjectStore.class.getClassLoader(), new Class<?>[] {ObjectStore.class}, (proxy, method, args) -> {
                    throw failure;
                });
    }

    private static ObjectRepository<Profile> repositoryOver(ObjectStore store) {
        return new DefaultObjectRepository<>(Profile.class, "profiles", store, MAPPER, ObservationRegistry.NOOP, null);
    }
}
